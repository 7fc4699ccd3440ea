"""Batching of a feed read as it arrives (kgnews.parallel): a batch ends where no next item
has come yet, so nothing waits for a batch to fill; a feed that keeps up gives full batches."""
from __future__ import annotations

import json
import os
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from kgnews.ingest.sources import arrivals, read_articles
from kgnews.model import Article
from kgnews.nlp.pipeline import _report
from kgnews.parallel import Arrival, chunks, finished, in_order


def test_chunks_are_full_without_a_feed_and_end_where_nothing_more_has_arrived() -> None:
    assert list(chunks(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    arrived = {0, 1, 3, 4, 5}  # after items 2 and 6 the feed had nothing ready
    position = iter(range(7))
    current = [0]

    def items():
        for item in position:
            current[0] = item
            yield item

    assert list(chunks(items(), 3, more=lambda: current[0] in arrived)) == [[0, 1, 2], [3, 4, 5], [6]]
    arrived = {1, 4}
    position = iter(range(7))
    assert list(chunks(items(), 3, more=lambda: current[0] in arrived)) == [[0], [1, 2], [3], [4, 5], [6]]


def test_in_order_gives_every_result_when_the_feed_stalls() -> None:
    stalls = {2}
    submitted: list[int] = []

    def submit(item: int):
        submitted.append(item)
        return finished(item * 10)

    results = in_order(submit, range(5), window=4, more=lambda: submitted[-1] not in stalls)
    # Item 2 is followed by a stall: its result (and those before it) come before item 3 is asked for.
    assert next(results) == (0, 0) and next(results) == (1, 10) and next(results) == (2, 20)
    assert submitted == [0, 1, 2]
    assert list(results) == [(3, 30), (4, 40)]


def test_standard_input_says_whether_more_has_arrived() -> None:
    assert arrivals(["a.jsonl"]) is None
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "r", encoding="utf-8") as stdin, os.fdopen(write_end, "w", encoding="utf-8") as feed:
        more = arrivals(["a.jsonl", "-"], stdin)
        assert more is not None and more()  # the file is read first: nothing to wait for
        reading = more.reading(iter(["the articles of standard input"]))
        next(reading)  # standard input is being read
        assert not more()
        feed.write('{"text": "x"}\n')
        feed.flush()
        assert more()
        with ThreadPoolExecutor(1) as reader:
            reader.submit(stdin.readline).result(timeout=10)
        assert not more()
        assert list(reading) == [] and more()  # standard input is read to its end


def test_a_file_before_a_quiet_standard_input_goes_in_full_batches(tmp_path: Path) -> None:
    """`kgnews ingest a.jsonl -`: while the file is read, standard input having nothing yet
    cuts no batch short, and the file's last batch does not wait for standard input."""
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{number}", "text": f"Article {number}."}) + "\n"
                            for number in range(5)), encoding="utf-8")
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "r", encoding="utf-8") as stdin, os.fdopen(write_end, "w", encoding="utf-8") as feed:
        more = arrivals([str(path), "-"], stdin)
        batches = chunks(read_articles([path, "-"], stdin=stdin, stdin_arrivals=more), 2, more)
        assert [[article.id for article in next(batches)] for _ in range(3)] == [["a0", "a1"], ["a2", "a3"], ["a4"]]
        feed.write(json.dumps({"id": "s0", "text": "Article from standard input."}) + "\n")
        feed.close()
        assert [[article.id for article in batch] for batch in batches] == [["s0"]]


def test_once_every_item_is_submitted_results_come_as_they_end_and_arrival_says_whether_one_has() -> None:
    """What lets the last batches of a parallel ingest be written while the workers finish
    the rest: before, the last full batch waited for its slowest article, and was written
    only after every worker was done."""
    futures = {item: Future() for item in range(4)}
    arrival = Arrival()
    results = in_order(futures.__getitem__, range(4), window=4, arrival=arrival)
    assert arrival()  # items are still being submitted: no batch is cut short
    futures[0].set_result("a")
    assert next(results) == (0, "a")
    futures[1].set_result("b")
    assert next(results) == (1, "b")  # every item is submitted now
    assert not arrival()  # no next result has come
    held = arrival.each([["read", "unread"]], given=lambda element: True)  # a task's results, a list
    assert next(held) == "read"
    assert arrival()  # the consumer holds a result it has not read yet
    assert next(held) == "unread"
    assert not arrival()
    futures[3].set_result("d")
    assert arrival()
    assert next(results) == (3, "d")  # not held back by item 2's slower task
    futures[2].set_result("c")
    assert list(results) == [(2, "c")]


def test_without_arrival_results_stay_in_input_order() -> None:
    futures = {item: Future() for item in range(3)}
    for item in (2, 1):
        futures[item].set_result(item)
    threading.Timer(0.2, futures[0].set_result, (0,)).start()  # the first item's task ends last
    # a window larger than the input: every result is left when the last item is submitted
    assert list(in_order(futures.__getitem__, range(3), window=4)) == [(0, 0), (1, 1), (2, 2)]


def test_a_failed_article_after_the_last_good_one_of_a_chunk_holds_no_batch_open() -> None:
    """A chunk's failure is not a result the consumer still holds: once the good articles
    are given, `arrival` says whether another chunk has come, not yes."""
    arrival = Arrival()
    arrival.as_they_end(deque([("slow chunk", Future())]))  # every chunk is submitted, one is running
    failed: list[str] = []
    outcomes = [[(Article(id="a", text="A."), "graph a"), (Article(id="b", text="B."), ValueError("bad"))]]
    given = _report(outcomes, lambda article, error: failed.append(article.id), arrival)
    assert next(given)[1] == "graph a"
    assert not arrival()  # nothing more has come: the batch ends here
    assert list(given) == [] and failed == ["b"]
