"""Demo data of the implementation app: the three real service models of implementation.md,
the methods they name that the registry lacks (added as "not yet evaluated", never with a
rating), the adoptions the sources state, and plausible adoptions and training figures for
the other regions, every one of them marked as illustrative. Loading is idempotent."""

import json
import random
from datetime import date
from pathlib import Path

from django.db import transaction

from accounts.demo_data import demo_user
from lib.languages import field_values
from methods.demo_data import read_csv
from methods.models import Method, Region, Term, Vocabulary
from methods.search import index_methods

from .models import (
    Adoption,
    AdoptionStatus,
    RegionalCoordinator,
    ServiceModel,
    ServiceModelMethod,
    ServiceModelPart,
    TrainingRecord,
)

DEMO_DIR = Path(__file__).parent / "demo"
# Registry methods that many regions plausibly use, for the illustrative adoptions.
WIDELY_USED = [
    ("kiva-koulu", "universal", "primary_school;lower_secondary"),
    ("lapset-puheeksi-keskustelu", "early_support", "maternity_clinic;primary_school"),
    ("ihmeelliset-vuodet-vanhemmuusryhmat", "early_support", "social_health_care"),
    ("cool-kids", "brief_intervention", "social_health_care"),
    ("voimaperheet", "early_support", "maternity_clinic"),
    ("friends-ohjelma", "universal", "primary_school"),
    ("ipc-interpersonaalinen-ohjanta", "brief_intervention", "social_health_care"),
    ("kognitiivinen-lyhytterapia-nuoret", "brief_intervention", "social_health_care"),
]
ILLUSTRATIVE_STATUSES = [
    AdoptionStatus.IN_USE,
    AdoptionStatus.IN_USE,
    AdoptionStatus.IN_USE,
    AdoptionStatus.PILOTING,
    AdoptionStatus.PLANNED,
    AdoptionStatus.ENDED,
]


def read_json(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def terms(vocabulary: str) -> dict[str, Term]:
    return {term.code: term for term in Term.objects.filter(vocabulary=vocabulary)}


@transaction.atomic
def load() -> dict[str, int]:
    load_new_methods()
    load_service_models()
    load_adoptions()
    load_training()
    load_illustrative_adoptions()
    coordinator, _ = RegionalCoordinator.objects.get_or_create(user=demo_user("koordinaattori"))
    coordinator.regions.set(Region.objects.filter(code="kyme"))
    return {
        "adoptions": Adoption.objects.count(),
        "training records": TrainingRecord.objects.count(),
        "service models": ServiceModel.objects.count(),
    }


def load_new_methods() -> None:
    """Methods the service models name that the registry lacks: published, not yet evaluated."""
    vocabularies = {
        "topics": terms(Vocabulary.TOPIC),
        "target_groups": terms(Vocabulary.TARGET_GROUP),
        "care_levels": terms(Vocabulary.CARE_LEVEL),
        "service_settings": terms(Vocabulary.SETTING),
        "delivery_formats": terms(Vocabulary.DELIVERY),
    }
    keys = {"settings": "service_settings", "delivery": "delivery_formats"}
    created = []
    for record in read_json("new_methods.json"):
        method, _ = Method.objects.update_or_create(
            slug=record["slug"],
            defaults={
                "is_published": True,
                "age_min": record["age_min"],
                "age_max": record["age_max"],
                "original_name": record.get("original_name", ""),
                "acronym": record.get("acronym", ""),
                "therapy_guarantee": record["therapy_guarantee"],
                **field_values("name", record["name"]),
                **field_values("summary", record["summary"]),
                **field_values(
                    "therapy_guarantee_reason", record.get("therapy_guarantee_reason", {})
                ),
            },
        )
        for key in ("topics", "target_groups", "care_levels", "settings", "delivery"):
            relation = keys.get(key, key)
            getattr(method, relation).set([vocabularies[relation][code] for code in record[key]])
        created.append(method)
    # Cool Kids is a structured, time-limited group treatment that basic services deliver.
    Method.objects.filter(slug="cool-kids").update(
        therapy_guarantee=True,
        **field_values(
            "therapy_guarantee_reason",
            {
                "fi": "Strukturoitu, kestoltaan rajattu kognitiivis-behavioraalinen hoito "
                "ahdistuneisuuteen, jota perustason ammattilaiset antavat ryhmissä tai "
                "yksilöllisesti.",
                "sv": "Strukturerad, tidsbegränsad kognitiv beteendeterapeutisk behandling av "
                "ångest som yrkespersoner på basnivå ger i grupp eller individuellt.",
                "en": "Structured, time-limited cognitive behavioural treatment for anxiety that "
                "basic-level professionals deliver in groups or one to one.",
            },
        ),
    )
    index_methods(
        Method.objects.filter(pk__in=[m.pk for m in created]).prefetch_related(
            "topics", "target_groups"
        )
    )


def load_service_models() -> None:
    regions = {region.code: region for region in Region.objects.all()}
    topics = terms(Vocabulary.TOPIC)
    care_levels = terms(Vocabulary.CARE_LEVEL)
    methods = {method.slug: method for method in Method.objects.all()}
    texts = (
        "basic_idea",
        "environment",
        "target_group",
        "conditions",
        "results",
        "tips",
        "funders",
    )
    for record in read_json("service_models.json"):
        model, _ = ServiceModel.objects.update_or_create(
            slug=record["slug"],
            defaults={
                "level": record["level"],
                "stage": record["stage"],
                "record_created": date.fromisoformat(record["record_created"]),
                "record_updated": date.fromisoformat(record["record_updated"]),
                "source_url": "https://innokyla.fi/",
                **field_values("name", record["name"]),
                **field_values("summary", record["summary"]),
                **{
                    key: value
                    for text in texts
                    for key, value in field_values(text, record[text]).items()
                },
            },
        )
        model.regions.set([regions[code] for code in record["regions"]])
        model.topics.set([topics[code] for code in record["topics"]])
        model.parts.all().delete()
        for position, part in enumerate(record["parts"], start=1):
            ServiceModelPart.objects.create(
                service_model=model, position=position, **field_values("name", part)
            )
        model.method_entries.all().delete()
        for slug, age_group, level in record["methods"]:
            ServiceModelMethod.objects.create(
                service_model=model,
                method=methods[slug],
                age_group=age_group,
                care_level=care_levels[level],
            )


def save_adoption(row: dict[str, str], regions, methods, care_levels, settings) -> Adoption:
    adoption, _ = Adoption.objects.update_or_create(
        region=regions[row["region"]],
        method=methods[row["method"]],
        defaults={
            "status": row["status"],
            "care_level": care_levels.get(row["care_level"]),
            "age_min": int(row["age_min"]) if row.get("age_min") else None,
            "age_max": int(row["age_max"]) if row.get("age_max") else None,
            "start_year": int(row["start_year"]) if row.get("start_year") else None,
            "end_year": int(row["end_year"]) if row.get("end_year") else None,
            "is_illustrative": row["illustrative"] == "yes",
        },
    )
    adoption.service_settings.set([settings[code] for code in row["settings"].split(";") if code])
    return adoption


def load_adoptions() -> None:
    regions = {region.code: region for region in Region.objects.all()}
    methods = {method.slug: method for method in Method.objects.all()}
    care_levels, settings = terms(Vocabulary.CARE_LEVEL), terms(Vocabulary.SETTING)
    for row in read_csv("adoptions.csv", DEMO_DIR):
        save_adoption(row, regions, methods, care_levels, settings)


def save_training(adoption: Adoption, row: dict[str, str]) -> None:
    def number(name: str) -> int | None:
        return int(row[name]) if row.get(name) else None

    TrainingRecord.objects.update_or_create(
        adoption=adoption,
        year=int(row["year"]),
        defaults={
            "trained": int(row["trained"]),
            "eligible": number("eligible"),
            "target_percent": number("target_percent"),
            "supervisors": number("supervisors"),
            "episodes": number("episodes"),
            "is_illustrative": row["illustrative"] == "yes",
        },
    )


def load_training() -> None:
    for row in read_csv("training.csv", DEMO_DIR):
        adoption = Adoption.objects.get(region__code=row["region"], method__slug=row["method"])
        save_training(adoption, row)


def load_illustrative_adoptions() -> None:
    """Plausible adoptions and training figures for the regions the sources say nothing of.

    Drawn from a fixed seed, so every load gives the same demo; all marked illustrative."""
    draw = random.Random(2025)
    regions = {region.code: region for region in Region.objects.all()}
    methods = {method.slug: method for method in Method.objects.all()}
    care_levels, settings = terms(Vocabulary.CARE_LEVEL), terms(Vocabulary.SETTING)
    documented = {"kyme", "vake"}
    this_year = date.today().year
    for code in sorted(regions):
        if code in documented:
            continue
        for slug, level, where in draw.sample(WIDELY_USED, k=draw.randint(2, 5)):
            # Every value is drawn before anything is skipped, so reloading draws the same.
            status = draw.choice(ILLUSTRATIVE_STATUSES)
            start = draw.randint(2015, this_year - 1)
            end = draw.randint(start, this_year)
            eligible = draw.randint(20, 120)
            trained = draw.randint(eligible // 4, eligible)
            supervisors, episodes = draw.randint(0, 4), draw.randint(5, 150)
            existing = Adoption.objects.filter(region__code=code, method__slug=slug).first()
            if existing and not existing.is_illustrative:
                continue  # a documented adoption is never overwritten by a made-up one
            row = {
                "region": code,
                "method": slug,
                "status": status,
                "care_level": level,
                "settings": where,
                "start_year": str(start),
                "end_year": str(end) if status == AdoptionStatus.ENDED else "",
                "illustrative": "yes",
            }
            adoption = save_adoption(row, regions, methods, care_levels, settings)
            if status == AdoptionStatus.IN_USE:
                training = {
                    "year": str(this_year - 1),
                    "trained": str(trained),
                    "eligible": str(eligible),
                    "target_percent": "70",
                    "supervisors": str(supervisors),
                    "episodes": str(episodes),
                    "illustrative": "yes",
                }
                save_training(adoption, training)
