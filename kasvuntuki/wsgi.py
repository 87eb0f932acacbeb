import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasvuntuki.settings")

if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it in production, or set DEBUG=1 for local development."
    )

application = get_wsgi_application()
