"""Load benchmark: wrk against gunicorn on 127.0.0.1, with PostgreSQL and Redis behind it.

Rerun with:  .venv/bin/python bench/load.py  [--sizes 100 10000] [--seconds 15]
Needs wrk (apt-get install wrk), a PostgreSQL at DATABASE_URL (default: a kt_load database
on 127.0.0.1, created if missing) and a Redis at CACHE_URL (default: 127.0.0.1:6379, db 15).
For each registry size it fills the database, starts gunicorn with the production
configuration, and measures home, filtered list, search, method page, API list and the
trivial health-check view at 16 connections.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kt_load")
PORT = 8765
PAGES = {
    "home": "/",
    "filtered list": "/menetelmat/?age=7&topic=anxiety&topic=conduct&group=effective",
    "search": "/menetelmat/?q=masennuksen",
    "method page": "/menetelmat/kiva-koulu/",
    "API list": "/api/v1/methods/?topic=parenting",
    "trivial view (/healthz)": "/healthz",
}
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "SECRET_KEY": "load-benchmark-only-" + "k" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "DEBUG": "",
    "PYTHONPATH": str(ROOT),
    # The shared cache of production (Redis on this machine), which turns on the page cache.
    "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/15"),
}


def fill(size: int) -> None:
    code = f"""
import django, os
django.setup()
from django.core.management import call_command
from evaluations.demo_data import reload_reference_data
from methods.models import Method
call_command("migrate", verbosity=0)
call_command("flush", interactive=False, verbosity=0)
reload_reference_data()
call_command("load_demo_data", verbosity=0)
from bench.search import generate
generate({size} - Method.objects.count())
print(Method.objects.count(), "methods")
"""
    env = {**ENV, "DJANGO_SETTINGS_MODULE": "kasvuntuki.settings"}
    subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True)


def start_gunicorn() -> subprocess.Popen:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=ENV, check=True
    )
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "--config",
            "kasvuntuki/gunicorn_conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
            "kasvuntuki.wsgi:application",
        ],
        cwd=ROOT,
        env=ENV,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(path: str, seconds: int) -> dict:
    url = f"http://127.0.0.1:{PORT}{path}"
    for _ in range(20):  # warm every worker
        urllib.request.urlopen(url, timeout=10).read()
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(ROOT / "bench/wrk_report.lua"), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE_URL.rsplit("/", 1)[1]],
        capture_output=True,
        check=False,
    )
    for size in args.sizes:
        fill(size)
        server = start_gunicorn()
        try:
            results = {name: wrk(path, args.seconds) for name, path in PAGES.items()}
        finally:
            server.terminate()
            server.wait()
        trivial = results["trivial view (/healthz)"]["rps"]
        print(f"\n{size} methods, 16 connections, {args.seconds} s each")
        print(f"{'page':<26}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, r in results.items():
            print(
                f"{name:<26}{r['rps']:>8.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
                f"{r['p99']:>9.1f}{r['errors']:>8}"
            )
        ratio = results["filtered list"]["rps"] / trivial
        print(f"filtered list / trivial view throughput: {ratio:.2f}")


if __name__ == "__main__":
    main()
