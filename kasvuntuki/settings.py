"""Settings for Kasvun tuki, read from the environment.

Local development needs nothing set: `DEBUG=1` gives a development secret key and SQLite.
Production sets at least SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; see README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting. A value that is neither stops the start: a typo such as
    SECURE_SSL_REDIRECT=flase must not quietly turn a protection off."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not understood: use one of "
        f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS))}."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without SECRET_KEY, management commands (makemigrations, tests' tooling) still run with a
# development key, but the web application refuses to start unless DEBUG is on (wsgi.py),
# and `check --deploy` flags the key. So production fails loudly; local tools do not.
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY"))
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-development-key-never-use-in-production"

# The one public address of the site, e.g. https://kasvuntuki.fi: absolute links in pages,
# the API and exports are built from it, never from the request's Host header.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# Where the source code is published (EUPL 1.2); the footer links to it.
SOURCE_CODE_URL = os.environ.get("SOURCE_CODE_URL", "https://github.com/kasvuntuki/kasvuntuki")

# Behind a load balancer every request comes from the balancer's address. CLIENT_IP_HEADER
# names the header it writes the client's address to (e.g. X-Forwarded-For), and
# TRUSTED_PROXY_COUNT how many proxies of ours append to it (lib/http.py).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# Only the configured names: a loopback name in production would let a request made up as
# "Host: localhost" through. Unset (a first run, the tests), the local names are allowed. The
# container's health check reaches /healthz on the loopback address without a host check
# (kasvuntuki.middleware).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["testserver", "localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    # The project's apps: infrastructure, then the domain apps in the order they depend on
    # each other (demo data loads in this order), then the app that publishes them as data.
    "lib",
    "accounts",
    "methods",
    "evaluations",
    "implementation",
    "accessibility",
    "opendata",
]

# The apps whose data the public pages and the API show: any write to one of their models
# makes every cached public page stale (lib/page_cache.py).
PAGE_CACHE_APPS = {"methods", "evaluations", "implementation"}
# The data the registry's per-process indexes are built from (the facet index, the search's
# vocabulary and concepts: methods.search.registry), as app labels or model labels: a write
# to one of them moves the registry's version as well. An evaluation's drafts do not; its
# publication writes the method's rating, which does.
REGISTRY_DATA = {"methods", "implementation.adoption"}

MIDDLEWARE = [
    # First: answers /healthz before anything reads the Host header or redirects to HTTPS.
    "kasvuntuki.middleware.health_check",
    "django.middleware.security.SecurityMiddleware",
    # Compresses pages and API answers; its random padding mitigates BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag from the response body, and 304 Not Modified when the client has it already.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Gives a browser its known-device cookie at sign-in (accounts/known_devices.py).
    "accounts.known_devices.known_device_middleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kasvuntuki.urls"
CSRF_FAILURE_VIEW = "kasvuntuki.views.csrf_failure"
WSGI_APPLICATION = "kasvuntuki.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kasvuntuki.context_processors.language_links",
            ],
        },
    },
]

# SQLite is the embedded default so that a first run needs no server.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel workers for a query: a request runs short queries, and the workers would
    # take the cores the other requests need. Measured on the search's query at 10,000
    # methods on two cores: 9–14 ms with two workers, 8.5–9 ms without.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c max_parallel_workers_per_gather=0"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: five failed logins lock that user name, from whatever addresses they came
# (spreading guesses over addresses must not help), for an hour: the cool-off bounds how long
# anyone can keep an account locked. A browser the user has signed in from before is exempt
# from the lock on the name (it counts only its own address's failures), and signing in there
# lifts the lock: see accounts/known_devices.py. The address is the client's behind our proxy
# (AXES_CLIENT_IP_CALLABLE); failures from one address count for that address as well.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = "accounts.known_devices.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "lib.http.client_address"

# Where a login lands when its next= address is missing or refused as unsafe (another site):
# the admin home, the only place our users sign in for.
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Finnish is the master language: the site root is Finnish, /sv/ and /en/ are prefixed.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail to the people who must act in the evaluation workflow (evaluations/notifications.py).
# Production sets EMAIL_HOST (and usually EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
# EMAIL_USE_TLS); without it every mail is written to the console, so a first run or a
# developer's machine never sends real mail. The links in mail are built from SITE_URL.
_smtp_host = os.environ.get("EMAIL_HOST", "")  # not a setting: MAILERS replaces EMAIL_*
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": env_int("EMAIL_TIMEOUT", 10),
            },
        }
        if _smtp_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kasvun tuki <noreply@kasvuntuki.fi>")

# Several workers and app servers must share one cache (for the proposal throttle, for
# example): production sets CACHE_URL=redis://…; a first run uses each process's memory.
CACHE_URL = os.environ.get("CACHE_URL", "")
# Whole public pages are cached only with a shared cache (see lib/page_cache.py).
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", CACHE_URL.startswith(("redis://", "rediss://")))
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS; the TLS redirect can be
# switched off where a load balancer already does it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # answered on plain HTTP inside the container
SECURE_HSTS_SECONDS = 0 if DEBUG else 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# A rating whose evaluation is older than this (or undated) carries a visible "evidence last
# reviewed in …" note on cards, method pages and comparisons.
EVIDENCE_STALE_AFTER_YEARS = env_int("EVIDENCE_STALE_AFTER_YEARS", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every successful login at INFO; failures and lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}

# modeltranslation's tabbed admin uses jQuery UI (this setting name has no prefix). A pinned copy
# is served from our own static files instead of a CDN, which the CSP would block anyway.
JQUERY_UI_URL = "vendor/jquery-ui-1.14.1.min.js"
SIMPLE_HISTORY_REVERT_DISABLED = True  # history is read-only; see lib/history_admin.py
