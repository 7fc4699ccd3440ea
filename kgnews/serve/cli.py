"""`kgnews serve`: the click command, mounted on the main CLI by kgnews/cli.py."""
from __future__ import annotations

import click

from kgnews.defaults import TOKEN_VARIABLE
from kgnews.options import location_option
from kgnews.serve.app import Limits


@click.command(name="serve")
@location_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to serve other machines).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL updates (/update, and POSTed to /sparql) and Graph Store writes (/store), "
                   "each with 'Authorization: Bearer TOKEN'. Read-only without it.")
@click.option("--token", envvar=TOKEN_VARIABLE, metavar="TOKEN",
              help=f"The token updates must carry (env {TOKEN_VARIABLE}); required with --allow-update, no default.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=Limits.timeout, show_default=True,
              help="Seconds a query may run; it is then stopped and answered with 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=Limits.max_rows, show_default=True,
              help="Rows (or triples) of one answer; more are cut, with an X-SPARQL-MaxRows header.")
@click.option("--max-request-size", type=click.IntRange(min=1024), default=Limits.max_request_bytes,
              show_default=True, metavar="BYTES", help="Largest request body accepted (413 beyond).")
@click.option("--concurrency", type=click.IntRange(min=1), default=Limits.concurrency, show_default=True,
              help="Queries run at once; more wait for a free slot.")
def serve_command(location: str, host: str, port: int, allow_update: bool, token: str | None, timeout: float,
                  max_rows: int, max_request_size: int, concurrency: int) -> None:
    """Serve the graph: a SPARQL 1.1 endpoint, Linked Data pages and a web UI.

    /sparql answers SPARQL 1.1 Protocol queries (and describes the service without one),
    /resource/... gives a page (or RDF, by Accept) for each entity and article, and / has
    entity search, a SPARQL editor and the graph explorer. Press Ctrl+C to stop.
    """
    import uvicorn

    from kgnews import api
    from kgnews.serve.app import Settings, create_app

    if allow_update and not token:
        raise click.UsageError("--allow-update needs a token: give --token or set KGNEWS_TOKEN")
    limits = Limits(timeout=timeout, max_rows=max_rows, max_request_bytes=max_request_size, concurrency=concurrency)
    # Read-only, the store is not locked: `kgnews ingest` can add articles meanwhile and the
    # server sees them. Every query, the pages' included, stops at --timeout. With updates,
    # kgnews clients writing through the server keep the counts as named graphs, as on any
    # SPARQL server: so does the server's own store for the run.
    with api.open(location, read_only=not allow_update, timeout=timeout, counts_as_graphs=allow_update) as kg:
        app = create_app(kg.store, Settings(limits=limits, allow_update=allow_update, token=token))
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                timeout_graceful_shutdown=5)
        server = uvicorn.Server(config)
        # Printed once the socket listens, with the real port when --port 0 asked for any.
        original_startup = server.startup

        async def startup(sockets: object = None) -> None:
            await original_startup(sockets=sockets)
            bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
            mode = "read-write (updates need the token)" if allow_update else "read-only"
            click.echo(f"kgnews serving {kg.location} at http://{host_for_url(host)}:{bound}/ ({mode}); "
                       f"SPARQL endpoint http://{host_for_url(host)}:{bound}/sparql", err=False)

        server.startup = startup  # type: ignore[method-assign]
        try:
            server.run()
        except KeyboardInterrupt:  # uvicorn re-raises the Ctrl+C it shut down on
            click.echo("kgnews serve stopped", err=True)


def host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host
