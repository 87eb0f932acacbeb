"""The few things that differ between PostgreSQL (production, CI) and SQLite (first run).

Everything vendor-specific lives here, so the rest of the code is the same on both.
"""

from django.db import connection, migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import StringAgg, TextField, Value
from django.db.models.functions import Cast


def is_postgresql(schema_editor: BaseDatabaseSchemaEditor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def on_postgresql(create: list[str], drop: list[str]) -> migrations.RunPython:
    """A migration that runs these statements on PostgreSQL, and nothing on SQLite."""

    def running(statements: list[str]):
        def run(apps, schema_editor) -> None:
            if is_postgresql(schema_editor):
                for statement in statements:
                    schema_editor.execute(statement)

        return run

    return migrations.RunPython(running(create), running(drop))


def trigram_indexes(table: str, columns: list[str]) -> migrations.RunPython:
    """GIN trigram indexes for substring search (LIKE '%…%') on PostgreSQL; nothing on SQLite."""
    return on_postgresql(
        create=[
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            *(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm "
                f"ON {table} USING gin ({column} gin_trgm_ops)"
                for column in columns
            ),
        ],
        drop=[f"DROP INDEX IF EXISTS {table}_{column}_trgm" for column in columns],
    )


# The forms of a column of space-separated forms (" form form "), as an array: the function
# the GIN indexes of form_array_indexes were on while the search asked the database
# (migrations 0008 to 0011 of methods). A function of its own rather than the expression
# inside it, so that it could tell the planner what splitting every document costs: priced
# as the built-in it is made of, PostgreSQL chose to split all 30,000 documents over reading
# the index (120 ms, not 12).
FORMS_FUNCTION = "search_forms"
CREATE_FORMS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FORMS_FUNCTION}(document text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
AS $$ BEGIN RETURN string_to_array(btrim(document), ' '); END $$
"""


def form_array_indexes(
    table: str, columns: list[str], language_column: str, languages: list[str]
) -> migrations.RunPython:
    """GIN indexes on the forms of space-separated columns on PostgreSQL, one per language
    (the documents of one language are always asked together); nothing on SQLite. They found
    the rows holding a whole form without reading the others, while the search asked the
    database (kept for migrations 0008 and 0011 of methods)."""

    indexes = [
        (form_index_name(table, column, language), column, language)
        for column in columns
        for language in languages
    ]
    return on_postgresql(
        create=[
            CREATE_FORMS_FUNCTION,
            *(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin "
                f"({FORMS_FUNCTION}({column})) WHERE {language_column} = '{language}'"
                for name, column, language in indexes
            ),
        ],
        drop=[
            *(f"DROP INDEX IF EXISTS {name}" for name, _column, _language in indexes),
            f"DROP FUNCTION IF EXISTS {FORMS_FUNCTION}(text)",
        ],
    )


def form_index_name(table: str, column: str, language: str) -> str:
    return f"{table}_{column}_{language}_forms"


def without_pending_lists(indexes: list[str]) -> migrations.RunPython:
    """GIN indexes that take each write into the index at once (fastupdate off), on
    PostgreSQL; nothing on SQLite.

    With fastupdate on, a GIN index gathers recent writes in a pending list that every search
    reads whole until a vacuum merges it: after the 30,000 documents of a bulk import, each
    word of a search read 190 pages of it (2 to 6 ms a word, where the index itself took
    0.01). (Kept for migrations 0009 and 0011 of methods.)
    """
    return on_postgresql(
        create=[
            *(f"ALTER INDEX {name} SET (fastupdate = off)" for name in indexes),
            # What the list holds already goes into the index now.
            *(f"SELECT gin_clean_pending_list('{name}'::regclass)" for name in indexes),
        ],
        drop=[f"ALTER INDEX {name} RESET (fastupdate)" for name in indexes],
    )


def ids_as_text_sql(column: str) -> str:
    """SQL of the aggregate that IdsAsText is, for a query written in SQL."""
    if connection.vendor == "postgresql":
        return f"STRING_AGG(CAST({column} AS TEXT), ',')"
    return f"GROUP_CONCAT({column}, ',')"


class IdsAsText(StringAgg):
    """The ids of a group as one comma-separated string: a group of thousands of rows
    costs one row to read. GROUP_CONCAT on SQLite, whose STRING_AGG is newer than Debian's."""

    def __init__(self, field: str) -> None:
        super().__init__(Cast(field, TextField()), Value(","))

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)
