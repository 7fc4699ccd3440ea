"""The `kgnews serve` web application: a Starlette (ASGI) app over one kgnews store.

Routes:
  /sparql        SPARQL 1.1 Protocol queries (GET, POST form, application/sparql-query);
                 without a query, the Service Description. With updates allowed, POSTed
                 updates too (so `kgnews ingest --store http://host:port/sparql` works).
  /update        SPARQL 1.1 Update (only with updates allowed, Bearer token).
  /store         SPARQL 1.1 Graph Store Protocol (writes only with updates allowed, Bearer token).
  /resource/...  Linked Data: an HTML page or RDF for each kgnews resource IRI.
  /              the web UI: entity search and the SPARQL editor; /explorer the graph explorer.

Store calls block, so they run in worker threads; `Limits` bounds how many run at once, how
long a query may take, how many rows it may return and how large a request may be.
"""
from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kgnews.errors import KGNewsError, QueryError, QueryTimeout
from kgnews.graph import derived
from kgnews.graph.ontology import ENTITY_TYPES
from kgnews.query import resources, views
from kgnews.results import QueryResult
from kgnews.serve import negotiation, pages
from kgnews.serve.description import service_description
from kgnews.serve.negotiation import choose, content_type, serialise
from kgnews.serve.protocol import GraphTarget, Operation, ProtocolError, parse_graph, read_operation
from kgnews.store import Store
from kgnews.store.base import QueryDataset
from kgnews.vocab import resource_base

T = TypeVar("T")
PAGE_TYPES = (negotiation.HTML, negotiation.TURTLE, negotiation.JSON_LD, negotiation.N_TRIPLES, negotiation.RDF_XML)
FORMAT_PARAMETER = {"turtle": negotiation.TURTLE, "jsonld": negotiation.JSON_LD,
                    "ntriples": negotiation.N_TRIPLES, "xml": negotiation.RDF_XML}


@dataclass(frozen=True)
class Limits:
    """What one server allows: see `kgnews serve --help`."""

    timeout: float = 30.0  # seconds a query may run
    max_rows: int = 100_000  # rows (or triples) of one answer
    max_request_bytes: int = 16 * 1024 * 1024
    concurrency: int = 4  # store calls running at once; more wait for a slot
    queue_seconds: float = 60.0  # how long a request waits for a slot before a 503


@dataclass(frozen=True)
class Settings:
    limits: Limits = Limits()
    allow_update: bool = False
    token: str | None = None  # required (and checked) when updates are allowed


class Refused(Exception):
    """Answer with this status and one-line reason (and headers)."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or {}


class Server:
    """The store, the settings and the slots store calls take turns in."""

    def __init__(self, store: Store, settings: Settings) -> None:
        if settings.allow_update and not settings.token:
            raise KGNewsError("updates need a token: give --token or set KGNEWS_TOKEN")
        self.store = store
        self.settings = settings
        self.limits = settings.limits
        self.slots = anyio.CapacityLimiter(settings.limits.concurrency)
        self.writing = anyio.Lock()
        self.environment = pages.environment()

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run a blocking store call in a worker thread once a slot is free."""
        with anyio.move_on_after(self.limits.queue_seconds) as waiting:
            await self.slots.acquire()
        if waiting.cancelled_caught:
            raise Refused(503, f"server busy: no query slot free within {self.limits.queue_seconds:g} s",
                          {"Retry-After": "5"})
        try:
            return await anyio.to_thread.run_sync(function, *args)
        finally:
            self.slots.release()

    def run_query(self, sparql: str, dataset: QueryDataset | None) -> QueryResult:
        # The store stops a query at its deadline for real (see kgnews.store.bounded), and
        # cuts the answer at the row cap (`truncated`).
        return self.store.query(sparql, dataset, timeout=self.limits.timeout, limit=self.limits.max_rows)

    # -- reading requests -------------------------------------------------------------------

    async def body(self, request: Request) -> bytes:
        """The request body, refused with 413 past the size limit (before reading it all)."""
        limit = self.limits.max_request_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise Refused(413, f"request larger than {limit} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise Refused(413, f"request larger than {limit} bytes")
        return bytes(body)

    def check_token(self, request: Request) -> None:
        """Updates need --allow-update and the Bearer token: 403 when off or wrong, 401 when missing."""
        if not self.settings.allow_update:
            raise Refused(403, "updates are disabled on this server (start it with --allow-update)")
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            raise Refused(401, "updates need an Authorization: Bearer token",
                          {"WWW-Authenticate": 'Bearer realm="kgnews"'})
        if not hmac.compare_digest(credentials.strip().encode("utf-8"), (self.settings.token or "").encode("utf-8")):
            raise Refused(403, "wrong token")

    # -- endpoints ----------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        body = await self.body(request) if request.method == "POST" else b""
        operation = read_operation(request.method, media_type(request), request.query_params.multi_items(), body)
        if operation.kind == "update":
            return await self.run_update(request, operation)
        if operation.kind == "describe":
            return await self.describe_service(request)
        return await self.answer_query(request, operation)

    async def update(self, request: Request) -> Response:
        self.check_token(request)
        if request.method != "POST":
            raise Refused(405, "send updates with POST", {"Allow": "POST"})
        body = await self.body(request)
        operation = read_operation("POST", media_type(request), request.query_params.multi_items(), body)
        if operation.kind != "update":
            raise Refused(400, "missing 'update' parameter (queries go to /sparql)")
        return await self.run_update(request, operation)

    async def run_update(self, request: Request, operation: Operation) -> Response:
        self.check_token(request)
        async with self.writing:
            await self.call(self.store.update, operation.text)
        return Response(status_code=204)

    async def answer_query(self, request: Request, operation: Operation) -> Response:
        accept = request.headers.get("accept")
        if choose(accept, [*negotiation.SOLUTION_TYPES, *negotiation.GRAPH_TYPES]) is None:
            raise Refused(406, f"cannot answer with {accept}: results are sent as "
                               f"{', '.join(negotiation.SOLUTION_TYPES[:4])} or {', '.join(negotiation.GRAPH_TYPES[:4])}")
        result = await self.call(self.run_query, operation.text, operation.dataset)
        offers = negotiation.RESULT_TYPES[result.kind]
        chosen = choose(accept, offers)
        if chosen is None:
            raise Refused(406, f"a {result.kind.upper()} result can be sent as {', '.join(offers)}, not {accept}")
        headers = {"Vary": "Accept"}
        if result.truncated:
            # As Virtuoso does with ResultSetMaxRows: the first rows, and a header saying so.
            headers["X-SPARQL-MaxRows"] = str(self.limits.max_rows)
        content = await anyio.to_thread.run_sync(serialise, result, chosen)
        return Response(content, headers=headers, media_type=content_type(chosen))

    async def describe_service(self, request: Request) -> Response:
        chosen = choose(request.headers.get("accept"), negotiation.GRAPH_TYPES[:4])
        if chosen is None:
            raise Refused(406, f"the service description is sent as {', '.join(negotiation.GRAPH_TYPES[:4])}")
        endpoint = str(request.url_for("sparql"))
        triples = await self.call(service_description, self.store, endpoint, self.settings.allow_update)
        content = negotiation.serialise_rdf(triples, chosen)
        return Response(content, headers={"Vary": "Accept"}, media_type=content_type(chosen))

    async def graph_store(self, request: Request) -> Response:
        target = GraphTarget.from_pairs(request.query_params.multi_items())
        if request.method in ("GET", "HEAD"):
            return await self.read_graph(request, target)
        self.check_token(request)
        if target.iri is None:
            raise Refused(400, "kgnews keeps every triple in a named graph: name one with ?graph=IRI")
        if request.method == "DELETE":
            async with self.writing:
                existed = await self.call(self.store.has_graph, target.iri)
                if not existed:
                    raise Refused(404, f"no graph <{target.iri}>")
                await self.call(lambda: derived.write_articles(self.store, {}, remove=[target.iri]))
            return Response(status_code=204)
        quads = parse_graph(await self.body(request), media_type(request), target.iri)

        def write() -> bool:
            existed = self.store.has_graph(target.iri)
            kept = list(self.store.quads(target.iri)) if request.method == "POST" and existed else []
            derived.write_articles(self.store, {target.iri: [*kept, *quads]})
            return existed

        async with self.writing:
            existed = await self.call(write)
        return Response(status_code=204 if existed else 201)

    async def read_graph(self, request: Request, target: GraphTarget) -> Response:
        chosen = choose(request.headers.get("accept"), negotiation.GRAPH_TYPES)
        if chosen is None:
            raise Refused(406, f"graphs are sent as {', '.join(negotiation.GRAPH_TYPES[:4])}")

        def read() -> bytes | None:
            if target.iri is not None and not self.store.has_graph(target.iri):
                return None
            # A whole graph (or the store): in store order, not sorted in memory.
            return negotiation.serialise_rdf(self.store.triples(target.iri), chosen, stream=True)

        content = await self.call(read)
        if content is None:
            raise Refused(404, f"no graph <{target.iri}>")
        return Response(content, headers={"Vary": "Accept"}, media_type=content_type(chosen))

    # -- Linked Data and UI -----------------------------------------------------------------

    async def resource(self, request: Request) -> Response:
        # The raw path: article ids are percent-encoded in their IRIs, and must stay so.
        raw = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1").split("?", 1)[0]
        iri = resource_base() + raw[len("/resource/"):]
        wanted = FORMAT_PARAMETER.get(request.query_params.get("format", ""))
        chosen = wanted or choose(request.headers.get("accept"), PAGE_TYPES)
        if chosen is None:
            raise Refused(406, f"resources are sent as {', '.join(PAGE_TYPES)}")
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise Refused(404, "not a resource IRI") from None
        kind = await self.call(resources.resource_kind, self.store, iri)
        if kind is None:
            raise Refused(404, f"nothing is known about <{iri}>")
        if chosen != negotiation.HTML:
            description = await self.call(resources.describe, self.store, iri)
            return Response(serialise(description, chosen), headers={"Vary": "Accept"},
                            media_type=content_type(chosen))
        return HTMLResponse(await self.call(self.render_resource, kind, iri), headers={"Vary": "Accept"})

    def render_resource(self, kind: str, iri: str) -> str:
        if kind == "entity":
            entity = resources.entity_record(self.store, iri)
            facts = list(views.facts(self.store, entity=iri))
            return self.environment.get_template("entity.html").render(
                entity=entity, groups=pages.group_facts(iri, facts), co_mentions=resources.co_mentions(self.store, iri))
        if kind == "article":
            article = resources.article_record(self.store, iri)
            text = pages.highlighted_text(article["text"] or "", article["mentions"], article["facts"])
            return self.environment.get_template("article.html").render(article=article, iri=iri, text=text)
        return self.environment.get_template("resource.html").render(
            iri=iri, triples=resources.resource_triples(self.store, iri))

    async def index(self, request: Request) -> Response:
        page = self.environment.get_template("index.html").render(
            store_name=self.store.location, types=ENTITY_TYPES, examples=example_queries())
        return HTMLResponse(page)

    async def search(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        types = request.query_params.getlist("type") or None
        if not text:
            return JSONResponse([])
        found = await self.call(resources.search_entities, self.store, text, types)
        return JSONResponse([{**entity, "page": pages.local_path(entity["iri"]) or entity["iri"]} for entity in found])

    async def explorer(self, request: Request) -> Response:
        from kgnews import viz

        filters = graph_filters(request)
        graph = await self.call(lambda: viz.project(self.store, **filters))
        page = await anyio.to_thread.run_sync(lambda: viz.render(graph, "html", title=f"kgnews · {self.store.location}"))
        return HTMLResponse(page)

    async def picture(self, request: Request) -> Response:
        from kgnews import viz

        filters = graph_filters(request)
        graph = await self.call(lambda: viz.project(self.store, **filters))
        content = await self.call(lambda: viz.render(graph, "svg", width=900, height=600, dpi=100))
        return Response(content, media_type="image/svg+xml")


def graph_filters(request: Request) -> dict[str, Any]:
    """`viz.project` filters from a query string (entity, hops, types, relations, events, ...)."""
    params = request.query_params
    filters: dict[str, Any] = {}
    for name in ("article", "since", "until", "types", "relations", "entity"):
        if params.get(name):
            filters[name] = params[name]
    for name in ("hops", "top", "min_weight"):
        if params.get(name, "").isdigit():
            filters[name] = int(params[name])
    for name in ("events", "cooccurrence"):
        if params.get(name) in ("1", "true", "yes"):
            filters[name] = True
    return filters


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def example_queries() -> list[dict[str, str]]:
    """The example queries shipped with kgnews (examples/queries), for the editor's tabs."""
    folder = files("kgnews.examples")
    return [{"name": entry.name.removesuffix(".rq"), "query": entry.read_text(encoding="utf-8")}
            for entry in sorted(folder.iterdir(), key=lambda entry: entry.name) if entry.name.endswith(".rq")]


def error_response(request: Request, status: int, reason: str, headers: dict[str, str] | None = None) -> Response:
    """A one-line text body for API clients; a page for browsers on /resource and /."""
    reason = " ".join(reason.split())
    if request.url.path.startswith("/resource/") and choose(request.headers.get("accept"), PAGE_TYPES) == negotiation.HTML:
        page = pages.environment().get_template("error.html").render(status=status, reason=reason)
        return HTMLResponse(page, status_code=status, headers=headers)
    return PlainTextResponse(reason + "\n", status_code=status, headers=headers)


def create_app(store: Store, settings: Settings = Settings()) -> Starlette:
    """The ASGI app serving `store` (which the caller opens and closes)."""
    server = Server(store, settings)

    def guarded(endpoint: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def handle(request: Request) -> Response:
            try:
                return await endpoint(request)
            except Refused as refusal:
                return error_response(request, refusal.status, refusal.reason, refusal.headers)
            except ProtocolError as error:
                return error_response(request, error.status, error.reason)
            except QueryTimeout as error:
                return error_response(request, 503, str(error), {"Retry-After": "5"})
            except QueryError as error:
                return error_response(request, 400, str(error))
            except KGNewsError as error:
                return error_response(request, 500, str(error))

        return handle

    write_methods = ["GET", "HEAD", "PUT", "POST", "DELETE"]
    routes = [
        Route("/", guarded(server.index)),
        Route("/sparql", guarded(server.sparql), methods=["GET", "POST"], name="sparql"),
        Route("/.well-known/void", guarded(server.describe_service)),
        Route("/update", guarded(server.update), methods=["GET", "POST"]),
        Route("/store", guarded(server.graph_store), methods=write_methods),
        Route("/resource/{path:path}", guarded(server.resource)),
        Route("/api/search", guarded(server.search)),
        Route("/explorer", guarded(server.explorer)),
        Route("/picture.svg", guarded(server.picture)),
        Mount("/static", StaticFiles(packages=[("kgnews.serve", "static")]), name="static"),
    ]
    # Any web page may query (as public SPARQL endpoints allow); Authorization is not among
    # the allowed headers, so no other site's page can send an update with a user's token.
    cors = Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                      allow_headers=["Accept", "Content-Type"])
    return Starlette(routes=routes, middleware=[cors])

