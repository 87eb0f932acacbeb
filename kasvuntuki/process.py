"""What a server process does once before it answers requests: gunicorn's master before it
forks the workers (gunicorn_conf.when_ready), and the benchmarks, which measure the same.
"""

import gc


def prepare_to_serve() -> None:
    """Load the lemmatiser's dictionaries, then hide every object loaded so far from the
    garbage collector (gc.freeze).

    Frozen objects are never traversed again: a full collection, which at 100,000 live
    objects took 20–30 ms and so made every eighth API page three times as slow as the
    others, then only walks what requests made. Forked workers also stop writing to the
    pages they share with the master (the collector's bookkeeping), so they share more.
    """
    from methods.search import LANGUAGES, lemmatize

    for language in LANGUAGES:
        lemmatize("lapsi", language)
    gc.collect()
    gc.freeze()
