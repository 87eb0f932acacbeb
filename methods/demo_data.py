"""Demo data: the vocabularies, regions and 18 real methods, from the files in methods/demo/.

Facts (names, ages, classifications, owners) come from the CSV files gathered from public
sources; the descriptions in methods.json are our own writing. Loading is idempotent:
records are matched by their codes and slugs and updated in place.
"""

import csv
import json
from pathlib import Path

from django.db import transaction

from lib.languages import LANGUAGES, field_values, translated_fields

from .models import VOCABULARY_RELATIONS, Method, Organisation, Region, Term, Vocabulary
from .search import index_all

DEMO_DIR = Path(__file__).parent / "demo"

# Languages of training are not in vocabularies.csv; these are their labels.
TRAINING_LANGUAGES = [
    ("fi", {"fi": "suomi", "sv": "finska", "en": "Finnish"}),
    ("sv", {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"}),
    ("en", {"fi": "englanti", "sv": "engelska", "en": "English"}),
]

# methods_facts.csv column → the Method relation it fills
FACT_COLUMNS = {
    "target_groups": "target_groups",
    "topics": "topics",
    "settings": "service_settings",
    "delivery": "delivery_formats",
}


def read_csv(name: str, folder: Path = DEMO_DIR) -> list[dict[str, str]]:
    """The rows of a demo data file (the registry's folder unless another app's is given)."""
    with open(folder / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def read_json(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def load() -> dict[str, int]:
    """Load every demo record; returns how many of each kind are now loaded."""
    load_vocabularies()
    load_regions()
    organisations = load_organisations()
    methods = load_methods(organisations)
    index_all()
    return {
        "terms": Term.objects.count(),
        "regions": Region.objects.count(),
        "organisations": len(set(organisations.values())),
        "methods": len(methods),
    }


def load_vocabularies() -> None:
    positions: dict[str, int] = {}
    synonyms = read_synonyms()
    for row in read_csv("vocabularies.csv"):
        vocabulary = row["vocabulary"]
        positions[vocabulary] = positions.get(vocabulary, 0) + 1
        labels = {lang: row[f"label_{lang}"] for lang in LANGUAGES}
        key = (vocabulary, row["code"])
        save_term(vocabulary, row["code"], labels, positions[vocabulary], synonyms.get(key, {}))
    for position, (code, labels) in enumerate(TRAINING_LANGUAGES, start=1):
        save_term(Vocabulary.TRAINING_LANGUAGE, code, labels, position)


def read_synonyms() -> dict[tuple[str, str], dict[str, str]]:
    """synonyms.csv: per term, its synonyms in each language ("; " between them), as the
    one-per-line text editors keep in admin."""
    return {
        (row["vocabulary"], row["code"]): {
            lang: "\n".join(s.strip() for s in row[f"synonyms_{lang}"].split(";") if s.strip())
            for lang in LANGUAGES
        }
        for row in read_csv("synonyms.csv")
    }


def save_term(
    vocabulary: str,
    code: str,
    labels: dict[str, str],
    position: int,
    synonyms: dict[str, str] | None = None,
) -> None:
    Term.objects.update_or_create(
        vocabulary=vocabulary,
        code=code,
        defaults={
            "position": position,
            **field_values("label", labels),
            **field_values("synonyms", synonyms or {}),
        },
    )


def load_regions() -> None:
    for row in read_csv("regions.csv"):
        names = {lang: row[f"name_{lang}"] for lang in LANGUAGES}
        Region.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": row["kind"],
                "cooperation_area": row["cooperation_area"],
                **field_values("name", names),
            },
        )


def load_organisations() -> dict[str, Organisation]:
    """The owner organisations, keyed by every spelling of their name in the facts file."""
    by_owner_name = {}
    for record in read_json("organisations.json"):
        organisation, _ = Organisation.objects.update_or_create(
            slug=record["slug"], defaults=field_values("name", record["name"])
        )
        for owner_name in record["owner_fi"]:
            by_owner_name[owner_name] = organisation
    return by_owner_name


def load_methods(organisations: dict[str, Organisation]) -> list[Method]:
    facts_by_name = {row["name_fi"]: row for row in read_csv("methods_facts.csv")}
    terms = {(t.vocabulary, t.code): t for t in Term.objects.all()}
    methods = []
    for content in read_json("methods.json"):
        facts = facts_by_name[content["name_fi"]]
        fields = {
            "is_published": True,
            "original_name": content["original_name"],
            "acronym": content["acronym"],
            "age_min": int(facts["age_min"]),
            "age_max": int(facts["age_max"]),
            "owner": organisations.get(facts["owner_fi"]),
            "website": content["website"],
            "training_available_in_finland": content["training_available_in_finland"],
            **field_values("name", content["name"]),
        }
        for field in translated_fields(Method):
            if field != "name" and field in content:
                fields.update(field_values(field, content[field]))
        method, _ = Method.objects.update_or_create(slug=content["slug"], defaults=fields)
        # One history row for the whole classification below rather than one per relation.
        method.skip_history_when_saving = True
        # The facts file gives four classifications; the written content gives the other two.
        codes = {relation: facts[column].split(";") for column, relation in FACT_COLUMNS.items()}
        codes["care_levels"] = content["care_levels"]
        codes["training_languages"] = content["training_languages"]
        for relation, vocabulary in VOCABULARY_RELATIONS.items():
            getattr(method, relation).set(
                [terms[(vocabulary, code)] for code in codes[relation] if code]
            )
        del method.skip_history_when_saving
        method.save()
        methods.append(method)
    return methods
