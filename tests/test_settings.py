"""Settings read from the environment, and refuse to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(script: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def import_settings(**env: str) -> subprocess.CompletedProcess:
    return run_python("import kasvuntuki.settings as s; print(s.DATABASES['default'])", **env)


def start_web_application(**env: str) -> subprocess.CompletedProcess:
    return run_python("import kasvuntuki.wsgi", DJANGO_SETTINGS_MODULE="kasvuntuki.settings", **env)


def test_the_web_application_refuses_to_start_without_a_secret_key() -> None:
    result = start_web_application()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_web_application_starts_with_a_secret_key() -> None:
    assert start_web_application(SECRET_KEY="a" * 60).returncode == 0


def test_development_mode_starts_without_a_secret_key() -> None:
    assert start_web_application(DEBUG="1").returncode == 0


def test_management_commands_run_without_a_secret_key() -> None:
    assert import_settings().returncode == 0


def test_sqlite_is_the_default_database() -> None:
    env = {"DEBUG": "1", "DATABASE_URL": ""}
    assert "sqlite3" in import_settings(**env).stdout


def test_database_url_selects_postgresql() -> None:
    result = import_settings(DEBUG="1", DATABASE_URL="postgres://u:p@db.example:5432/registry")
    assert "postgresql" in result.stdout
    assert "registry" in result.stdout


def test_a_redis_cache_url_selects_the_shared_cache() -> None:
    script = "import kasvuntuki.settings as s; print(s.CACHES['default']['BACKEND'])"
    result = run_python(script, CACHE_URL="redis://cache.internal:6379/0")
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
