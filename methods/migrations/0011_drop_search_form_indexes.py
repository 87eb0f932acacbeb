from django.db import migrations

from lib.dbcompat import form_array_indexes, form_index_name, without_pending_lists

TABLE = "methods_searchdocument"
COLUMNS = ["names", "body"]
LANGUAGES = ["fi", "sv", "en"]

# The operations of 0008 and 0009, which this undoes.
FORM_INDEXES = form_array_indexes(TABLE, COLUMNS, "language", LANGUAGES)
WITHOUT_PENDING_LISTS = without_pending_lists(
    [form_index_name(TABLE, column, language) for column in COLUMNS for language in LANGUAGES]
)


class Migration(migrations.Migration):
    dependencies = [("methods", "0010_drop_search_trigram_indexes")]

    operations = [
        # The search finds the documents holding a form in an index of its own, in memory
        # (methods.search.postings): the GIN indexes of their forms would only slow every
        # write. Run backwards, each of 0009's and 0008's operations is done again (going
        # forwards, an index about to be dropped needs no setting reset).
        migrations.RunPython(migrations.RunPython.noop, WITHOUT_PENDING_LISTS.code),
        migrations.RunPython(FORM_INDEXES.reverse_code, FORM_INDEXES.code),
    ]
