from django.db import migrations

from lib.dbcompat import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("methods", "0002_rating_scales")]

    operations = [
        # Serves the search's substring matches on the lemma documents (methods.search).
        trigram_indexes("methods_searchdocument", ["names", "body"]),
    ]
