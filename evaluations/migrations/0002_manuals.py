"""Load the two criteria manuals: the 2022 manual (1–5 scale) and the 2016 one (0–3 scale).

The data lives beside this migration in data/manuals.json. A new manual version is a new
data file and migration (or rows entered in admin), never an edit of this history.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).parent / "data" / "manuals.json"
LANGUAGES = ("fi", "sv", "en")


def translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    values = {f"{field}_{lang}": texts.get(lang, "") for lang in LANGUAGES}
    values[field] = texts["fi"]
    return values


def load_manuals(apps, schema_editor):
    Manual = apps.get_model("evaluations", "Manual")
    Criterion = apps.get_model("evaluations", "Criterion")
    RatingScale = apps.get_model("methods", "RatingScale")
    for manual_data in json.loads(DATA_FILE.read_text(encoding="utf-8")):
        manual, _ = Manual.objects.update_or_create(
            version=manual_data["version"],
            defaults={
                "scale": RatingScale.objects.get(code=manual_data["scale"]),
                "valid_from": manual_data["valid_from"],
                **translated("name", manual_data["name"]),
            },
        )
        for position, criterion in enumerate(manual_data["criteria"], start=1):
            Criterion.objects.update_or_create(
                manual=manual,
                code=criterion["code"],
                defaults={
                    "area": criterion["area"],
                    "level": criterion["level"],
                    "requirement": criterion["requirement"],
                    "position": position,
                    **translated("text", criterion["text"]),
                    **translated("guidance", criterion["guidance"]),
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0001_initial"),
        ("methods", "0002_rating_scales"),
    ]

    operations = [migrations.RunPython(load_manuals, migrations.RunPython.noop)]
