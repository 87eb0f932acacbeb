"""Median server time and query count of the public pages, with the demo data.

Rerun with:  DEBUG=1 .venv/bin/python bench/pages.py [--requests 200]
Uses the database in DATABASE_URL (SQLite by default); the demo data is loaded first (idempotent).
Times are measured in-process through Django's test client: the full middleware, view and
template stack, without network or a WSGI server.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasvuntuki.settings")

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client

PAGES = {
    "home": "/",
    "list": "/menetelmat/",
    "list filtered": "/menetelmat/?age=7&topic=conduct&topic=anxiety&group=effective&sort=rating",
    "list (en)": "/en/methods/?target_group=parents",
    "detail": "/menetelmat/voimaperheet/",
    "detail (sv)": "/sv/metoder/kiva-koulu/",
    "about the ratings": "/arviointiasteikko/",
}


def measure(client: Client, url: str, requests: int) -> tuple[float, int]:
    client.get(url)  # warm caches and compiled templates
    settings.DEBUG = True  # records queries for the count
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings) * 1000, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    client = Client()
    print(f"database: {connection.vendor}, {args.requests} requests a page")
    print(f"{'page':<20} {'median ms':>10} {'queries':>8}")
    for name, url in PAGES.items():
        median_ms, queries = measure(client, url, args.requests)
        print(f"{name:<20} {median_ms:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
