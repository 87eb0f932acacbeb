from django.db import migrations

from lib.dbcompat import form_array_indexes


class Migration(migrations.Migration):
    dependencies = [("methods", "0007_name_order_indexes")]

    operations = [
        # Serves the search's whole-form matches on the lemma documents (methods.search).
        # The languages are those of the site when this was written; a language added later
        # needs indexes of its own.
        form_array_indexes(
            "methods_searchdocument", ["names", "body"], "language", ["fi", "sv", "en"]
        ),
    ]
