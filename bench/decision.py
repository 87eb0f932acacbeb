"""Uncached server time of the comparison and the evidence gap map at 100 and 10,000
published methods, next to a trivial view (/healthz).

Rerun with (PostgreSQL; the database is emptied and filled):
    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/decision.py
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import implementation_pages  # noqa: F401  (sets up Django)
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from implementation_pages import measure

from evaluations.demo_data import reload_reference_data
from methods.models import Method, ScaleLevel, Term, Vocabulary

PAGES = {
    "trivial view (/healthz)": "/healthz",
    "compare 2": "/vertaa/?m=cool-kids&m=friends-ohjelma",
    "compare 4": "/vertaa/?m=cool-kids&m=friends-ohjelma&m=kiva-koulu&m=voimaperheet",
    "gap map (ages)": "/nayttokartta/",
    "gap map (target groups, filtered)": "/nayttokartta/?columns=target_group&setting=ecec",
}


def grow_to(total: int) -> None:
    """Generated published methods with topics, target groups, ages and ratings."""
    rng = random.Random(2026)
    needed = total - Method.objects.published().count()
    if needed <= 0:
        return
    levels = [None, *ScaleLevel.objects.all()]
    topics = list(Term.objects.filter(vocabulary=Vocabulary.TOPIC))
    groups = list(Term.objects.filter(vocabulary=Vocabulary.TARGET_GROUP))
    start = Method.objects.count()
    methods = Method.objects.bulk_create(
        Method(
            slug=f"gen-{start + n}",
            name=f"Menetelmä {start + n}",
            name_fi=f"Menetelmä {start + n}",
            is_published=True,
            age_min=(low := rng.randint(0, 15)),
            age_max=rng.randint(low, 22),
            rating=rng.choice(levels),
        )
        for n in range(needed)
    )
    Method.topics.through.objects.bulk_create(
        Method.topics.through(method=m, term=t) for m in methods for t in rng.sample(topics, 2)
    )
    Method.target_groups.through.objects.bulk_create(
        Method.target_groups.through(method=m, term=rng.choice(groups)) for m in methods
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    reload_reference_data()
    call_command("load_demo_data", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PUBLIC_PAGE_CACHE = False
    client = Client()
    results = {}
    for size in (100, 10_000):
        grow_to(size)
        results[size] = {name: measure(client, url, args.requests) for name, url in PAGES.items()}
    print(
        "| page | 100 methods median / p95 ms (÷ trivial) "
        "| 10,000 methods median / p95 ms (÷ trivial) | queries |"
    )
    print("|---|---|---|---|")
    for name in PAGES:
        small, large = results[100][name], results[10_000][name]
        t_small, t_large = (
            results[100]["trivial view (/healthz)"][0],
            results[10_000]["trivial view (/healthz)"][0],
        )
        print(
            f"| {name} | {small[0]:.1f} / {small[1]:.1f} ({small[0] / t_small:.0f}) | "
            f"{large[0]:.1f} / {large[1]:.1f} ({large[0] / t_large:.0f}) "
            f"| {small[2]} → {large[2]} |"
        )


if __name__ == "__main__":
    main()
