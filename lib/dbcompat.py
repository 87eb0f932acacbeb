"""The few things that differ between PostgreSQL (production, CI) and SQLite (first run).

Everything vendor-specific lives here, so the rest of the code is the same on both.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def is_postgresql(schema_editor: BaseDatabaseSchemaEditor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def trigram_indexes(table: str, columns: list[str]) -> migrations.RunPython:
    """GIN trigram indexes for substring search (LIKE '%…%') on PostgreSQL; nothing on SQLite."""

    def create(apps, schema_editor) -> None:
        if not is_postgresql(schema_editor):
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm "
                f"ON {table} USING gin ({column} gin_trgm_ops)"
            )

    def drop(apps, schema_editor) -> None:
        if not is_postgresql(schema_editor):
            return
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")

    return migrations.RunPython(create, drop)
