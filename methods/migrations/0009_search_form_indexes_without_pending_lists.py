from django.db import migrations

from lib.dbcompat import form_index_name, without_pending_lists


class Migration(migrations.Migration):
    dependencies = [("methods", "0008_search_form_indexes")]

    operations = [
        # The search's form indexes (0008) read no pending list on any search.
        without_pending_lists(
            [
                form_index_name("methods_searchdocument", column, language)
                for column in ("names", "body")
                for language in ("fi", "sv", "en")
            ]
        ),
    ]
