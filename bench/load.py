"""Load benchmark: wrk against gunicorn on 127.0.0.1, with PostgreSQL and Redis behind it,
once with the page cache answering (one address asked again and again) and once with
distinct addresses (generated filter combinations, search words, method pages, API pages),
which the page cache cannot answer; and a worker's memory after many mixed requests.

Rerun with:  .venv/bin/python bench/load.py  [--size 10000] [--seconds 15]
Needs wrk (apt-get install wrk), a PostgreSQL at DATABASE_URL (default: a kt_load database
on 127.0.0.1, created if missing) and a Redis at CACHE_URL (default: 127.0.0.1:6379, db 3,
emptied first). The registry is filled by bench/registry.py.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kt_load")
CACHE_URL = os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/3")
os.environ["DATABASE_URL"] = DATABASE_URL
PORT = 8765
ENV = {
    **os.environ,
    "SECRET_KEY": "load-benchmark-only-" + "k" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "DEBUG": "",
    "PYTHONPATH": str(ROOT),
    # The shared cache of production (Redis on this machine), which turns on the page cache.
    "CACHE_URL": CACHE_URL,
}
TRIVIAL = "trivial view (/healthz)"
CACHED = {
    TRIVIAL: "/healthz",
    "home": "/",
    "filtered list": "/menetelmat/?age=7&topic=anxiety&topic=conduct&group=effective",
    "search": "/menetelmat/?q=masennuksen",
    "method page": "/menetelmat/kiva-koulu/",
    "API list": "/api/v1/methods/?topic=parenting",
}
LISTS = ["/menetelmat/", "/sv/metoder/", "/en/methods/"]


def distinct_paths(count: int) -> dict[str, list[str]]:
    """For each page, `count` addresses that differ, as a decision-maker's clicks would."""
    import registry  # noqa: F401  (sets up Django with the benchmark's database)

    from methods.models import EvidenceGroup, Method, Term, Vocabulary
    from tests.search_queries import SEARCH_TABLE

    rng = random.Random(13)
    codes = {
        vocabulary: list(Term.objects.filter(vocabulary=vocabulary).values_list("code", flat=True))
        for vocabulary in (Vocabulary.TOPIC, Vocabulary.TARGET_GROUP, Vocabulary.SETTING)
    }
    slugs = list(Method.objects.published().values_list("slug", flat=True))
    prefixes = {"fi": "/menetelmat/", "sv": "/sv/metoder/", "en": "/en/methods/"}

    def filters() -> dict:
        params: dict = {"topic": rng.sample(codes[Vocabulary.TOPIC], rng.randint(1, 2))}
        if rng.random() < 0.5:
            params["target_group"] = rng.choice(codes[Vocabulary.TARGET_GROUP])
        if rng.random() < 0.4:
            params["setting"] = rng.choice(codes[Vocabulary.SETTING])
        if rng.random() < 0.5:
            params["age"] = rng.randint(0, 18)
        if rng.random() < 0.3:
            params["group"] = rng.choice(EvidenceGroup.values)
        if rng.random() < 0.3:
            params["sort"] = rng.choice(["rating", "evaluated"])
        return params

    def query(params: dict) -> str:
        return urlencode(params, doseq=True)

    searches = [(row.language, row.query) for row in SEARCH_TABLE]
    return {
        TRIVIAL: ["/healthz"] * count,
        "home": [f"/?visit={n}" for n in range(count)],  # the page ignores it; the cache not
        "filtered list": [f"{rng.choice(LISTS)}?{query(filters())}" for _ in range(count)],
        "search": [
            f"{prefixes[language]}?{query({'q': text, 'page': n // len(searches) + 1})}"
            for n in range(count)
            for language, text in [searches[n % len(searches)]]
        ],
        "method page": [f"/menetelmat/{rng.choice(slugs)}/" for _ in range(count)],
        "API list": [
            f"/api/v1/methods/?{query({**filters(), 'page': rng.randint(1, 5)})}"
            for _ in range(count)
        ],
    }


def fill(size: int) -> None:
    code = f"import registry; registry.reset(); registry.grow_to({size})"
    subprocess.run([PYTHON, "-c", code], cwd=ROOT / "bench", env=ENV, check=True)


def start_gunicorn(*options: str) -> subprocess.Popen:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=ENV, check=True
    )
    subprocess.run(["redis-cli", "-u", CACHE_URL, "flushdb"], capture_output=True, check=True)
    server = subprocess.Popen(
        [
            *(PYTHON, "-m", "gunicorn", "--config", "kasvuntuki/gunicorn_conf.py"),
            *("--bind", f"127.0.0.1:{PORT}", "--access-logfile", "/dev/null", *options),
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


def wrk(paths: list[str], seconds: int, connections: int = 16) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as file:
        file.write("\n".join(paths) + "\n")
    for path in paths[:20]:  # warm every worker (and, for one address, the page cache)
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30).read()
    threads = min(2, connections)
    output = subprocess.run(
        [
            *("wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"),
            *("-s", str(ROOT / "bench/wrk_paths.lua"), f"http://127.0.0.1:{PORT}"),
            *("--", file.name),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(file.name)
    return json.loads(output.strip().splitlines()[-1])


def worker_memory_mb(server: subprocess.Popen) -> tuple[float, float]:
    """(resident, private) memory of the one worker of this gunicorn (its only child).

    Resident counts the pages it shares with the master (which loaded the app before
    forking) once it has read them; private is what it alone holds.
    """
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    rollup = Path(f"/proc/{children[0]}/smaps_rollup").read_text()
    kilobytes = {
        line.split(":")[0]: int(line.split()[1])
        for line in rollup.splitlines()
        if line.endswith("kB")
    }
    private = kilobytes["Private_Clean"] + kilobytes["Private_Dirty"]
    return kilobytes["Rss"] / 1024, private / 1024


def throughput(args, paths: dict[str, list[str]]) -> None:
    server = start_gunicorn()
    try:
        cached = {name: wrk([path], args.seconds) for name, path in CACHED.items()}
        misses = {name: wrk(found, args.seconds) for name, found in paths.items()}
    finally:
        server.terminate()
        server.wait()
    print(f"\n{args.size} methods, 16 connections, {args.seconds} s each")
    print("| page | cached req/s | p50 / p95 ms | distinct addresses req/s | p50 / p95 ms |")
    print("|---|---|---|---|---|")
    for name in CACHED:
        hit, miss = cached[name], misses[name]
        errors = (
            f" ({hit['errors']} + {miss['errors']} errors)"
            if hit["errors"] + miss["errors"]
            else ""
        )
        print(
            f"| {name} | {hit['rps']:.0f} | {hit['p50']:.1f} / {hit['p95']:.1f} | "
            f"{miss['rps']:.0f} | {miss['p50']:.1f} / {miss['p95']:.1f} |{errors}"
        )


def memory(paths: dict[str, list[str]], counts: list[int]) -> None:
    """One worker, mixed distinct requests (every page in turn, one at a time, so the count
    is exact): its resident memory after each count."""
    mixed = [path for group in zip(*paths.values(), strict=True) for path in group]
    server = start_gunicorn("--workers", "1", "--max-requests", "0")
    try:
        print(f"\none worker, {len(mixed)} distinct mixed addresses, one at a time", flush=True)
        resident, private = worker_memory_mb(server)
        print(f"resident / private MB at start: {resident:.1f} / {private:.1f}", flush=True)
        done = 0
        for count in counts:
            for path in (mixed[n % len(mixed)] for n in range(done, count)):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60).read()
            done = count
            resident, private = worker_memory_mb(server)
            print(f"after {count} requests: {resident:.1f} / {private:.1f}", flush=True)
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--memory", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--no-fill", action="store_true", help="use the database as it is")
    parser.add_argument("--no-wrk", action="store_true", help="only the memory measurement")
    args = parser.parse_args()
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE_URL.rsplit("/", 1)[1]],
        capture_output=True,
        check=False,
    )
    if not args.no_fill:
        fill(args.size)
    sys.path.insert(0, str(ROOT / "bench"))
    paths = distinct_paths(1000)
    if not args.no_wrk:
        throughput(args, paths)
    if args.memory:
        memory(paths, args.memory)


if __name__ == "__main__":
    main()
