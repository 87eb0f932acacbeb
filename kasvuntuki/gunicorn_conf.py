"""gunicorn settings for production: `gunicorn -c kasvuntuki/gunicorn_conf.py kasvuntuki.wsgi`.

Every value can be overridden with the environment variable of its name in capitals.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# The usual rule for synchronous workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Load the app once in the master, so workers share its memory and start fast.
preload_app = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(L)ss'
max_requests = 5000  # recycle workers now and then, so no slow leak can grow for ever
max_requests_jitter = 500


def when_ready(server) -> None:
    """Before forking, once for all workers (kasvuntuki.process)."""
    from kasvuntuki.process import prepare_to_serve

    prepare_to_serve()
