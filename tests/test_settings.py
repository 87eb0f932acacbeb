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


def test_a_yes_no_setting_it_does_not_understand_stops_the_start() -> None:
    result = import_settings(SECURE_SSL_REDIRECT="flase")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='flase' is not understood" in result.stderr


def test_yes_and_no_words_are_understood_in_any_case() -> None:
    script = "import kasvuntuki.settings as s; print(s.SECURE_SSL_REDIRECT)"
    assert run_python(script, SECURE_SSL_REDIRECT="Off").stdout.strip() == "False"
    assert run_python(script, SECURE_SSL_REDIRECT="YES").stdout.strip() == "True"


def test_a_number_setting_that_is_not_a_number_stops_the_start() -> None:
    result = import_settings(CONN_MAX_AGE="sixty")
    assert result.returncode != 0
    assert "CONN_MAX_AGE='sixty' is not a whole number" in result.stderr


def mailer(**env: str) -> str:
    script = "import kasvuntuki.settings as s; print(s.MAILERS['default'])"
    return run_python(script, **env).stdout


def test_mail_goes_to_the_console_without_an_smtp_server() -> None:
    assert "console.EmailBackend" in mailer()


def test_mail_goes_to_the_smtp_server_the_environment_names() -> None:
    config = mailer(EMAIL_HOST="smtp.example.org", EMAIL_PORT="2525", EMAIL_USE_TLS="no")
    assert "smtp.EmailBackend" in config
    assert "'host': 'smtp.example.org', 'port': 2525" in config
    assert "'use_tls': False" in config
