"""Uncached server time of the public pages at 100 and at 10,000 published methods.

Rerun with (PostgreSQL, as in production; the database is emptied and filled):
    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/pages.py [--requests 50] [--sizes 100 10000]

The registry is the demo data grown with generated methods (bench/registry.py). Each page is
asked through Django's test client (middleware, view and templates; no network) with the page
cache off, so every request is a cache miss: median and 95th percentile server time, the
number of queries, and the median as a multiple of the trivial view's in the same run, which
makes runs on a busy machine comparable. The growth column is the median at the largest size
over the median at the smallest.

"After an edit" asks each page again after a real edit, as the admin makes one: a published
method saved and its search documents written, which moves the registry's version
(lib.page_cache). What the processes keep per version of the registry (the facet index, the
search's index of forms, the terms and their phrases: methods.search.registry) is then built
by the writer after its response ("writer's build", which no reader waits for), and the page
is asked by a reader that has nothing of it in its memory (another worker), so it reads it
from the shared cache. "No shared copy" is the same with the shared copies gone too (a cache
restarted, or a bulk write that runs no writer's build), where the reader builds what the
page reads itself.
"""

import argparse
import statistics
import time
from dataclasses import dataclass

import registry  # sets up Django
from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client

from kasvuntuki.process import prepare_to_serve
from lib.page_cache import take_registry_change
from methods.models import Method
from methods.search import index_methods
from methods.search import registry as kept

TRIVIAL = "trivial view (/healthz)"
PAGES = {
    TRIVIAL: "/healthz",
    # /healthz is answered by the first middleware; this passes through all of them.
    "robots.txt (every middleware)": "/robots.txt",
    "home": "/",
    "list": "/menetelmat/",
    "filtered list": "/menetelmat/?age=7&topic=anxiety&topic=conduct&group=effective",
    "list by region, sorted": "/menetelmat/?region=kyme&setting=primary_school&sort=rating",
    "search (one word)": "/menetelmat/?q=masennuksen",
    "search (concept, words)": "/menetelmat/?q=ahdistus+vanhemmuuden+tuki",
    "search + filters": "/menetelmat/?q=koulu&age=10&topic=bullying",
    "list page 5 (en)": "/en/methods/?target_group=parents&page=5",
    "method page": "/menetelmat/kiva-koulu/",
    "API list": "/api/v1/methods/?topic=parenting",
    "API search, page 3": "/api/v1/methods/?q=masennus&page=3&page_size=10",
    "compare 4": "/vertaa/?m=cool-kids&m=friends-ohjelma&m=kiva-koulu&m=voimaperheet",
    "gap map": "/nayttokartta/",
}


def edit_a_method() -> None:
    """What the admin does when a method is saved: the method, then its search documents."""
    method = Method.objects.published().order_by("?").first()
    method.save()
    index_methods([method])


@dataclass
class AfterEdit:
    reader_ms: float
    reader_queries: int
    writer_build_ms: float
    unshared_ms: float
    unshared_queries: int


def first_request(client: Client, url: str, shared: bool = True) -> tuple[float, int]:
    """(ms, queries) of one request by a process that keeps nothing of the registry (nor
    the shared cache, unless `shared`)."""
    kept.forget(shared=not shared)
    settings.DEBUG = True
    reset_queries()
    start = time.perf_counter()
    client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    queries = len(connection.queries)
    settings.DEBUG = False
    return elapsed, queries


def after_an_edit(client: Client, url: str, requests: int) -> AfterEdit:
    """Medians of the first request after an edit, and of the writer's build."""
    reader, builds, unshared, queries, unshared_queries = [], [], [], 0, 0
    for _ in range(requests):
        edit_a_method()
        start = time.perf_counter()
        kept.build_after_change()
        builds.append((time.perf_counter() - start) * 1000)
        elapsed, queries = first_request(client, url)
        reader.append(elapsed)
        edit_a_method()
        take_registry_change()  # no writer's build this time
        elapsed, unshared_queries = first_request(client, url, shared=False)
        unshared.append(elapsed)
    median = statistics.median
    return AfterEdit(median(reader), queries, median(builds), median(unshared), unshared_queries)


def methods_shown(response) -> str:
    """How many methods a list or an API page shows: what its time grows with."""
    if response.get("Content-Type", "").startswith("application/json"):
        results = response.json().get("results")
        return "–" if results is None else str(len(results))
    cards = response.content.count(b'<article class="method-card">')
    return str(cards) if cards else "–"


def measure(client: Client, url: str, requests: int) -> tuple[float, float, int, str]:
    """(median ms, p95 ms, queries, methods shown) of one address, after two warming
    requests."""
    client.get(url)  # compiled templates, the search's per-process vocabulary
    settings.DEBUG = True  # records the queries for the count
    reset_queries()
    response = client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, queries, methods_shown(response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--only", nargs="*", help="names of pages to measure (and the trivial)")
    parser.add_argument(
        "--edits", type=int, default=5, help="requests after an edit, a page (0: none)"
    )
    parser.add_argument(
        "--as-filled",
        action="store_true",
        help="measure the registry the database holds, as an earlier run left it, without "
        "emptying or filling it: to compare two versions of the code, run each against the "
        "same databases in turn (on a machine whose speed drifts, alternately and repeatedly)",
    )
    args = parser.parse_args()
    pages = {n: u for n, u in PAGES.items() if not args.only or n in args.only or n == TRIVIAL}
    if args.as_filled:
        args.sizes = [Method.objects.published().count()]
    else:
        registry.reset()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PUBLIC_PAGE_CACHE = False
    client = Client()
    results, edited = {}, {}
    for size in args.sizes:
        if not args.as_filled:
            start = time.perf_counter()
            added = registry.grow_to(size)
            print(f"{size} methods: generated {added} in {time.perf_counter() - start:.1f} s")
        prepare_to_serve()  # as gunicorn's master does before it forks the workers
        results[size] = {name: measure(client, url, args.requests) for name, url in pages.items()}
        if args.edits:
            edited[size] = {
                name: after_an_edit(client, url, args.edits) for name, url in pages.items()
            }
    small, large = args.sizes[0], args.sizes[-1]
    print(f"\ndatabase: {connection.vendor}; {args.requests} requests a page; page cache off")
    header = " | ".join(f"{size:,} methods median / p95 ms (× trivial)" for size in args.sizes)
    print(
        f"| page | {header} | queries | methods shown | {large:,} ÷ {small:,} "
        "| after an edit ms (queries) | writer's build ms | no shared copy ms (queries) |"
    )
    print("|---|" + "---|" * len(args.sizes) + "---|---|---|---|---|---|")
    for name in pages:
        cells = []
        for size in args.sizes:
            median, p95, _queries, _shown = results[size][name]
            cells.append(f"{median:.1f} / {p95:.1f} ({median / results[size][TRIVIAL][0]:.0f})")
        queries = " → ".join(str(results[size][name][2]) for size in args.sizes)
        shown = " → ".join(results[size][name][3] for size in args.sizes)
        growth = results[large][name][0] / results[small][name][0]
        edits = [edited[size][name] for size in args.sizes if size in edited]
        reader = " → ".join(f"{edit.reader_ms:.0f} ({edit.reader_queries})" for edit in edits)
        builds = " → ".join(f"{edit.writer_build_ms:.0f}" for edit in edits)
        unshared = " → ".join(f"{edit.unshared_ms:.0f} ({edit.unshared_queries})" for edit in edits)
        reader, builds, unshared = (text or "–" for text in (reader, builds, unshared))
        print(
            f"| {name} | {' | '.join(cells)} | {queries} | {shown} | {growth:.2f} "
            f"| {reader} | {builds} | {unshared} |"
        )


if __name__ == "__main__":
    main()
