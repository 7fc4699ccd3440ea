"""The kgnews ontology (kgnews.ttl) and shapes, shipped as package data `kgnews.ontologies`."""
