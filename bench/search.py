"""Search recall on the demo registry, and search time with many generated methods.

Rerun with (PostgreSQL, as in production; the database is emptied and filled):
    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/search.py --methods 10000

Recall: the share of the table's queries (tests/search_queries.py) whose expected method is
in the top 3, plus the known misses. Timing: each table query through the list page's whole
search path (parse, match, rank, first page), repeated; median and 95th percentile.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasvuntuki.settings")

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.utils import translation

from evaluations.demo_data import reload_reference_data
from methods.filters import ordering_for
from methods.models import Method, SearchDocument, Term, Vocabulary
from methods.search import LANGUAGES, document_for, parse, search_methods
from tests.search_queries import KNOWN_MISSES, SEARCH_TABLE


def top_three(language: str, query: str) -> list[str]:
    with translation.override(language):
        parsed = parse(query)
        found = search_methods(Method.objects.published(), parsed)
        ordered = found.order_by("-search_rank", *ordering_for("name"))
        return list(ordered.values_list("slug", flat=True)[:3])


def recall(table) -> float:
    hits = sum(expected in top_three(language, query) for language, query, expected in table)
    return hits / len(table)


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
        for language, query, _expected in SEARCH_TABLE:
            start = time.perf_counter()
            top_three(language, query)
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
    print(f"recall@3, table of {len(SEARCH_TABLE)} queries: {recall(SEARCH_TABLE):.0%}")
    all_queries = SEARCH_TABLE + KNOWN_MISSES
    print(f"recall@3, with the {len(KNOWN_MISSES)} known misses: {recall(all_queries):.0%}")

    start = time.perf_counter()
    generate(args.methods)
    print(f"generated and indexed {args.methods} methods in {time.perf_counter() - start:.0f} s")
    for language in LANGUAGES:  # load the lemmatiser's dictionaries and the vocabularies
        top_three(language, "xyzzy")
    timings = sorted(time_queries(args.rounds))
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"search over {Method.objects.count()} methods, {len(timings)} queries: "
        f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
