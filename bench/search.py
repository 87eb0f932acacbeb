"""Search recall on the demo registry, and search time with many generated methods.

Rerun with (PostgreSQL, as in production; the database is emptied and filled):
    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/search.py --methods 10000

Quality on the table of tests/search_queries.py: recall@3 (the share of the methods that
belong found in the top three, up to three per row), precision (the share of the top-three
results that belong), rows passed and rows that found nothing. Timing: with generated
methods added up to `--methods` published in all, each table query through the list page's
whole search path (parse, match, rank, first page), repeated; median and 95th percentile.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasvuntuki.settings")

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.utils import translation

from evaluations.demo_data import reload_reference_data
from methods.listing import MethodListing
from methods.models import Method, SearchDocument, Term, Vocabulary
from methods.search import LANGUAGES, document_for
from tests.search_queries import KNOWN_MISSES, SEARCH_TABLE, Quality, measure


def top_three(language: str, query: str) -> list[str]:
    """The list page's first three for a query: parsed, with the ages and groups it names
    as filters, matched and ranked."""
    with translation.override(language):
        listing = MethodListing(QueryDict(urlencode({"q": query})))
        return list(listing.methods.values_list("slug", flat=True)[:3])


def report(label: str, quality: Quality) -> None:
    print(
        f"{label}: recall@3 {quality.recall:.1%}, precision {quality.precision:.1%}, "
        f"{quality.passed}/{quality.rows} rows pass, {quality.empty} found nothing"
    )


def generate(count: int) -> None:
    """Methods whose texts recombine the demo texts, so the words are real Finnish."""
    rng = random.Random(2026)
    demo = list(Method.objects.prefetch_related("topics", "target_groups"))
    topics = list(Term.objects.filter(vocabulary=Vocabulary.TOPIC))
    groups = list(Term.objects.filter(vocabulary=Vocabulary.TARGET_GROUP))
    sentences = {
        lang: [s for m in demo for s in (getattr(m, f"summary_{lang}") or "").split(". ") if s]
        for lang in LANGUAGES
    }
    methods = []
    for number in range(count):
        texts = {f"summary_{lang}": ". ".join(rng.sample(sentences[lang], 3)) for lang in LANGUAGES}
        methods.append(
            Method(
                slug=f"generated-{number}",
                name=f"Menetelmä {number}",
                name_fi=f"{rng.choice(demo).name_fi} {number}",
                name_sv=f"Metod {number}",
                name_en=f"Method {number}",
                is_published=True,
                age_min=rng.randint(0, 10),
                age_max=rng.randint(11, 18),
                **texts,
            )
        )
    created = Method.objects.bulk_create(methods, batch_size=1000)
    topic_links = Method.topics.through
    group_links = Method.target_groups.through
    topic_links.objects.bulk_create(
        [topic_links(method=m, term=t) for m in created for t in rng.sample(topics, 2)],
        batch_size=5000,
    )
    group_links.objects.bulk_create(
        [group_links(method=m, term=t) for m in created for t in rng.sample(groups, 2)],
        batch_size=5000,
    )
    documents = []
    for method in Method.objects.filter(slug__startswith="generated-").prefetch_related(
        "topics", "target_groups"
    ):
        for language in LANGUAGES:
            names, body = document_for(method, language)
            documents.append(
                SearchDocument(method=method, language=language, names=names, body=body)
            )
    SearchDocument.objects.bulk_create(documents, batch_size=2000)


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
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    reload_reference_data()
    call_command("load_demo_data", verbosity=0)
    print(f"database: {connection.vendor}")
    report(f"table of {len(SEARCH_TABLE)} queries", measure(SEARCH_TABLE, top_three))
    misses = [row for row in SEARCH_TABLE if (row.language, row.query) in KNOWN_MISSES]
    if misses:
        report(f"the {len(misses)} known misses", measure(misses, top_three))

    start = time.perf_counter()
    extra = max(0, args.methods - Method.objects.published().count())
    generate(extra)
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
    if connection.vendor == "postgresql":
        print_plan("fi", "masennus")


def print_plan(language: str, query: str) -> None:
    """The plan of one search, to see that the trigram indexes serve it."""
    with translation.override(language):
        listing = MethodListing(QueryDict(urlencode({"q": query})))
        print(f"plan of {query!r}:")
        print(listing.methods.explain(analyze=True))


if __name__ == "__main__":
    main()
