from django.db import migrations

from lib.dbcompat import on_postgresql

TABLE = "methods_searchdocument"
COLUMNS = ("names", "body")


class Migration(migrations.Migration):
    dependencies = [("methods", "0009_search_form_indexes_without_pending_lists")]

    operations = [
        # The search no longer asks for substrings (LIKE '%…%'): it finds a form inside longer
        # words as the registry's forms that hold it, in the forms indexes (methods.search.
        # query.with_longer_forms). The trigram indexes of 0003 would only slow every write.
        on_postgresql(
            create=[f"DROP INDEX IF EXISTS {TABLE}_{column}_trgm" for column in COLUMNS],
            drop=[
                f"CREATE INDEX IF NOT EXISTS {TABLE}_{column}_trgm "
                f"ON {TABLE} USING gin ({column} gin_trgm_ops)"
                for column in COLUMNS
            ],
        ),
    ]
