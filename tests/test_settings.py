"""Settings read from the environment, and refuse to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import kasvuntuki.settings as s; print(s.DATABASES['default'])"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_mode_refuses_to_start_without_a_secret_key() -> None:
    result = import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_mode_starts_without_a_secret_key() -> None:
    assert import_settings(DEBUG="1").returncode == 0


def test_sqlite_is_the_default_database() -> None:
    env = {"DEBUG": "1", "DATABASE_URL": ""}
    assert "sqlite3" in import_settings(**env).stdout


def test_database_url_selects_postgresql() -> None:
    result = import_settings(DEBUG="1", DATABASE_URL="postgres://u:p@db.example:5432/registry")
    assert "postgresql" in result.stdout
    assert "registry" in result.stdout


def test_a_redis_cache_url_selects_the_shared_cache() -> None:
    script = "import kasvuntuki.settings as s; print(s.CACHES['default']['BACKEND'])"
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, "DEBUG": "1", "CACHE_URL": "redis://cache.internal:6379/0"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
