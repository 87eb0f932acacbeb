# Production image: gunicorn serving Django; static files compressed and served by whitenoise.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl libvoikko1 voikko-fi \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --requirement requirements.lock

COPY . .
# Build steps run with throwaway settings: no secret or database is needed to build.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv \
    && SECRET_KEY=build-only python manage.py collectstatic --no-input

RUN useradd --system --uid 10001 --home-dir /app kasvuntuki && chown -R kasvuntuki /app
USER kasvuntuki

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD curl --fail --silent http://127.0.0.1:8000/healthz || exit 1
# Before the first start of a new version: manage.py migrate && manage.py setup_roles
CMD ["gunicorn", "--config", "kasvuntuki/gunicorn_conf.py", "kasvuntuki.wsgi:application"]
