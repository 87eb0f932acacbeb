"""Load the rating scales and their levels: reference data every installation needs.

The data lives beside this migration in data/rating_scales.json and, like the migration,
is history: a new scale is a new data file and a new migration, not an edit of this one.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).parent / "data" / "rating_scales.json"
LANGUAGES = ("fi", "sv", "en")


def translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    values = {f"{field}_{lang}": texts.get(lang, "") for lang in LANGUAGES}
    values[field] = texts["fi"]
    return values


def load_scales(apps, schema_editor):
    RatingScale = apps.get_model("methods", "RatingScale")
    ScaleLevel = apps.get_model("methods", "ScaleLevel")
    for scale_data in json.loads(DATA_FILE.read_text(encoding="utf-8")):
        scale, _ = RatingScale.objects.update_or_create(
            code=scale_data["code"],
            defaults={
                "max_value": scale_data["max_value"],
                "used_from": scale_data["used_from"],
                "used_until": scale_data["used_until"],
                **translated("name", scale_data["name"]),
                **translated("description", scale_data["description"]),
            },
        )
        for level in scale_data["levels"]:
            ScaleLevel.objects.update_or_create(
                key=level["key"],
                defaults={
                    "scale": scale,
                    "value": level["value"],
                    "evidence_group": level["evidence_group"],
                    "sort_order": level["sort_order"],
                    **translated("label", level["label"]),
                    **translated("description", level["description"]),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("methods", "0001_initial")]

    operations = [migrations.RunPython(load_scales, migrations.RunPython.noop)]
