"""Where one uncached page spends its time: a pyinstrument profile of repeated requests.

Run after bench/pages.py has filled the database (it leaves the largest registry behind):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench DEBUG=1 \
        .venv/bin/python bench/profile.py "/menetelmat/?q=masennuksen" [--requests 20]
"""

import argparse

import registry  # noqa: F401  (sets up Django)
from django.conf import settings
from django.test import Client
from pyinstrument import Profiler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PUBLIC_PAGE_CACHE = False
    client = Client()
    client.get(args.url)  # compiled templates, the search's per-process vocabulary
    profiler = Profiler()
    with profiler:
        for _ in range(args.requests):
            client.get(args.url)
    print(profiler.output_text(unicode=True, show_all=False))


if __name__ == "__main__":
    main()
