"""kgnews spaCy components: registration and wiring over the pure functions of
`kgnews.nlp.extract`; importing a module registers its factory.

Each factory declares what it `requires` and `assigns`, so that `nlp.analyze_pipes()`
(run by `kgnews.nlp.pipeline.load_pipeline`) checks their order.
"""
