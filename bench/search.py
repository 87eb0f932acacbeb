"""Search recall on the demo registry, and search time with many generated methods.

Rerun with (PostgreSQL, as in production; the database is emptied and filled):
    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/search.py --methods 10000

Quality on the table of tests/search_queries.py: recall@3 (the share of the methods that
belong found in the top three, up to three per row), precision (the share of the top-three
results that belong), rows passed and rows that found nothing. Timing: with generated
methods (bench/registry.py) added up to `--methods` published in all, each table query
through the list page's whole search path (parse, match, rank, first page), repeated;
median and 95th percentile.
"""

import argparse
import statistics
import time
from urllib.parse import urlencode

import registry  # sets up Django
from django.db import connection
from django.http import QueryDict
from django.utils import translation

from methods.listing import MethodListing
from methods.models import Method
from methods.search import LANGUAGES
from tests.search_queries import KNOWN_MISSES, SEARCH_TABLE, Quality, measure


def top_three(language: str, query: str) -> list[str]:
    """The list page's first three for a query: parsed, with the ages and groups it names
    as filters, matched and ranked."""
    with translation.override(language):
        listing = MethodListing(QueryDict(urlencode({"q": query})))
        return [method.slug for method in listing.page(None).object_list[:3]]


def report(label: str, quality: Quality) -> None:
    print(
        f"{label}: recall@3 {quality.recall:.1%}, precision {quality.precision:.1%}, "
        f"{quality.passed}/{quality.rows} rows pass, {quality.empty} found nothing"
    )


def time_queries(rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for row in SEARCH_TABLE:
            start = time.perf_counter()
            top_three(row.language, row.query)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--methods", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    registry.reset()
    print(f"database: {connection.vendor}")
    report(f"table of {len(SEARCH_TABLE)} queries", measure(SEARCH_TABLE, top_three))
    misses = [row for row in SEARCH_TABLE if (row.language, row.query) in KNOWN_MISSES]
    if misses:
        report(f"the {len(misses)} known misses", measure(misses, top_three))

    start = time.perf_counter()
    extra = registry.grow_to(args.methods)
    print(f"generated and indexed {extra} methods in {time.perf_counter() - start:.0f} s")
    for language in LANGUAGES:  # load the lemmatiser's dictionaries and the vocabularies
        top_three(language, "xyzzy")
    timings = sorted(time_queries(args.rounds))
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"search over {Method.objects.published().count()} published methods, "
        f"{len(timings)} queries: "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
