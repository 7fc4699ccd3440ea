"""The example queries (*.rq), installed as package data for the SPARQL editor of `kgnews serve`."""
