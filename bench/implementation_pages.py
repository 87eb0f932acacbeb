"""Uncached server time of the implementation pages, with the demo data and with 10,000
adoptions, next to a trivial view (/healthz).

Rerun with (PostgreSQL, as in production; the database is emptied and filled):
    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/implementation_pages.py --adoptions 10000

Times are medians and 95th percentiles in-process through Django's test client (middleware,
view and templates; no network), with the page cache off, so every request is a cache miss.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: F401  (sets up Django)
from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client

from evaluations.demo_data import reload_reference_data
from implementation.models import Adoption, AdoptionStatus, TrainingRecord
from methods.models import Method, Region, ScaleLevel, Term, Vocabulary

PAGES = {
    "trivial view (/healthz)": "/healthz",
    "region page (Kymenlaakso)": "/alueet/kyme/",
    "national overview": "/kayttoonotto/",
    "overview sorted by coverage": "/kayttoonotto/?sort=coverage&order=desc",
    "overview CSV": "/kayttoonotto/csv/",
    "therapy guarantee": "/terapiatakuu/",
    "service model": "/toimintamallit/interventiokoordinaatio-kymenlaakso/",
    "method page with its map": "/menetelmat/cool-kids/",
    "list filtered by region": "/menetelmat/?region=kyme",
}


def measure(client: Client, url: str, requests: int) -> tuple[float, float, int]:
    client.get(url)  # warm compiled templates
    settings.DEBUG = True
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def add_adoptions(total: int) -> None:
    """Generated rated methods adopted across the regions until there are `total` adoptions."""
    rng = random.Random(2026)
    regions = list(Region.objects.all())
    levels = list(ScaleLevel.objects.filter(value__isnull=False))
    care_levels = list(Term.objects.filter(vocabulary=Vocabulary.CARE_LEVEL))
    needed = total - Adoption.objects.count()
    methods = Method.objects.bulk_create(
        Method(
            slug=f"bench-{number}",
            name=f"Menetelmä {number}",
            name_fi=f"Menetelmä {number}",
            is_published=True,
            age_min=rng.randint(0, 12),
            age_max=rng.randint(13, 22),
            rating=rng.choice([None, *levels]),
        )
        for number in range(needed // len(regions) + 1)
    )
    adoptions = Adoption.objects.bulk_create(
        Adoption(
            method=method,
            region=region,
            status=rng.choice(AdoptionStatus.values),
            care_level=rng.choice(care_levels),
            start_year=rng.randint(2015, 2025),
        )
        for method in methods
        for region in regions
    )[:needed]
    TrainingRecord.objects.bulk_create(
        TrainingRecord(adoption=a, year=year, trained=rng.randint(0, 40), eligible=40)
        for a in adoptions
        if a.status == AdoptionStatus.IN_USE
        for year in (2024, 2025)
    )
    Adoption.objects.filter(pk__in=[a.pk for a in adoptions[needed:]]).delete()


def run(client: Client, requests: int) -> dict[str, tuple[float, float, int]]:
    return {name: measure(client, url, requests) for name, url in PAGES.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--adoptions", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    reload_reference_data()
    call_command("load_demo_data", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PUBLIC_PAGE_CACHE = False
    client = Client()
    demo_count = Adoption.objects.count()
    demo = run(client, args.requests)
    add_adoptions(args.adoptions)
    many = run(client, args.requests)
    trivial_demo = demo["trivial view (/healthz)"][0]
    trivial_many = many["trivial view (/healthz)"][0]
    print(f"database: {connection.vendor}; {args.requests} requests a page; page cache off")
    print(
        f"| page | demo ({demo_count} adoptions) median / p95 ms | ÷ trivial | "
        f"{Adoption.objects.count()} adoptions median / p95 ms | ÷ trivial | queries |"
    )
    print("|---|---|---|---|---|---|")
    for name in PAGES:
        d, m = demo[name], many[name]
        print(
            f"| {name} | {d[0]:.1f} / {d[1]:.1f} | {d[0] / trivial_demo:.0f} | "
            f"{m[0]:.1f} / {m[1]:.1f} | {m[0] / trivial_many:.0f} | {d[2]} → {m[2]} |"
        )


if __name__ == "__main__":
    main()
