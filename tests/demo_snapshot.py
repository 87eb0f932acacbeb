"""The demo registry loaded once per test session, and copied back into the database in a moment.

`load_demo_data` takes seconds: thousands of queries through the ORM, history rows, the search
index. The modules and browser tests that need the demo get the very rows it wrote, copied
back table by table from one copy taken after the session's first load. The copy is of every
table, the migrations' rows included, so what a test sees is exactly a migrated database with
the demo loaded.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from evaluations.demo_data import reload_reference_data
from lib.page_cache import bump_public_version


@dataclass(frozen=True)
class TableRows:
    columns: list[str]
    rows: list[tuple]


Snapshot = dict[str, TableRows]


def tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def take_snapshot_of_the_demo() -> Snapshot:
    """Load the demo in a transaction, read every table, and roll the load back."""
    with transaction.atomic():
        reload_reference_data()  # a transactional test before may have emptied the tables
        call_command("load_demo_data", verbosity=0)
        snapshot = read_every_table()
        transaction.set_rollback(True)
    return snapshot


def read_every_table() -> Snapshot:
    snapshot = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT * FROM {quote(table)}")
            columns = [column[0] for column in cursor.description]
            snapshot[table] = TableRows(columns, cursor.fetchall())
    return snapshot


def restore(snapshot: Snapshot) -> None:
    """Empty every table and write the snapshot's rows back, as they were read.

    The foreign keys of both databases are checked at commit (Django makes them deferrable),
    so the order of the tables does not matter. Sequences are left alone: they only ever move
    forward (SQLite's move up to an id written by hand), and the snapshot's rows were
    numbered in this same database.
    """
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables(), allow_cascade=True):
            cursor.execute(statement)
        for table, content in snapshot.items():
            if not content.rows:
                continue
            columns = ", ".join(quote(column) for column in content.columns)
            placeholders = ", ".join(["%s"] * len(content.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({columns}) VALUES ({placeholders})", content.rows
            )
    # The ids of the content types may differ from the ones cached before the restore.
    ContentType.objects.clear_cache()
    bump_public_version()  # the pages cached before the restore show other data
