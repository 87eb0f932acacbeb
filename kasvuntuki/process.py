"""What a server process does once before it answers requests: gunicorn's master before it
forks the workers (gunicorn_conf.when_ready), and the benchmarks, which measure the same.
"""

import gc

from django.db import connections


def prepare_to_serve() -> None:
    """Load the lemmatiser's dictionaries and build the registry's indexes, then hide every
    object loaded so far from the garbage collector (gc.freeze).

    With the indexes built here, every worker starts with them (sharing the master's
    memory), and the shared cache holds them for the workers that a change or a recycling
    starts later: after a deployment or a restart no reader builds them itself. The
    database connection that took is closed, since forked workers must not share it.

    Frozen objects are never traversed again: a full collection, which at 100,000 live
    objects took 20–30 ms and so made every eighth API page three times as slow as the
    others, then only walks what requests made. Forked workers also stop writing to the
    pages they share with the master (the collector's bookkeeping), so they share more.
    """
    from methods.search import LANGUAGES, lemmatize
    from methods.search.registry import build_everything

    for language in LANGUAGES:
        lemmatize("lapsi", language)
    build_everything()  # a failure is logged: the workers then build them themselves
    connections.close_all()
    gc.collect()
    gc.freeze()
