"""A registry of any size for the benchmarks: the demo data, then generated methods.

Generated methods recombine the demo methods, so they read like the real ones: each copies a
demo method's vocabularies (target groups, topics, settings, delivery, care levels, training
languages) with a random topic more, takes three of the demo summaries' sentences in each
language, an owner, an age range, a rating level of the scales in use (a third unrated), and
adoptions in a few regions. Everything is written with bulk_create, so 10,000 methods take
well under a minute; the search documents are written as the registry writes them.

Importing this module sets up Django (settings from the environment, DATABASE_URL).
"""

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasvuntuki.settings")

import django

django.setup()

from django.core.management import call_command
from django.db import connection

from evaluations.demo_data import reload_reference_data
from implementation.models import Adoption, AdoptionStatus
from methods.models import (
    VOCABULARY_RELATIONS,
    Method,
    Organisation,
    Region,
    ScaleLevel,
    SearchDocument,
    Term,
    Vocabulary,
)
from methods.search import LANGUAGES, document_for

GENERATED = "generated-"
BATCH = 2000


def reset() -> None:
    """An empty database with the reference data and the demo registry."""
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    reload_reference_data()
    call_command("load_demo_data", verbosity=0)


def grow_to(total: int, seed: int = 2026) -> int:
    """Add generated published methods until `total` are published; returns how many."""
    needed = total - Method.objects.published().count()
    if needed <= 0:
        return 0
    rng = random.Random(seed + total)
    demo = list(
        Method.objects.exclude(slug__startswith=GENERATED).prefetch_related(*VOCABULARY_RELATIONS)
    )
    topics = list(Term.objects.filter(vocabulary=Vocabulary.TOPIC))
    levels = list(ScaleLevel.objects.filter(scale__used_until__isnull=True))
    owners = list(Organisation.objects.all())
    regions = list(Region.objects.all())
    sentences = {
        lang: [s for m in demo for s in (getattr(m, f"summary_{lang}") or "").split(". ") if s]
        for lang in LANGUAGES
    }
    start = Method.objects.filter(slug__startswith=GENERATED).count()
    templates = [rng.choice(demo) for _ in range(needed)]
    methods = []
    for offset, template in enumerate(templates):
        number = start + offset
        low = rng.randint(0, 15)
        rating = rng.choice(levels) if levels and rng.random() < 0.67 else None
        methods.append(
            Method(
                slug=f"{GENERATED}{number}",
                name=f"{template.name_fi} {number}",
                name_fi=f"{template.name_fi} {number}",
                name_sv=f"{template.name_sv or template.name_fi} {number}",
                name_en=f"{template.name_en or template.name_fi} {number}",
                is_published=True,
                age_min=low,
                age_max=rng.randint(low, 22),
                owner=rng.choice(owners) if owners else None,
                rating=rating,
                rated_on=date(2026, 1, 1) - timedelta(days=rng.randint(0, 3000))
                if rating
                else None,
                rating_version=1 if rating else None,
                **{
                    f"summary_{lang}": ". ".join(rng.sample(sentences[lang], 3))
                    for lang in LANGUAGES
                    if sentences[lang]
                },
            )
        )
    created = Method.objects.bulk_create(methods, batch_size=BATCH)
    for relation in VOCABULARY_RELATIONS:
        through = getattr(Method, relation).through
        links = set()
        for method, template in zip(created, templates, strict=True):
            links.update((method.pk, term.pk) for term in getattr(template, relation).all())
            if relation == "topics" and topics:
                links.add((method.pk, rng.choice(topics).pk))
        through.objects.bulk_create(
            [through(method_id=m, term_id=t) for m, t in sorted(links)], batch_size=5 * BATCH
        )
    Adoption.objects.bulk_create(
        [
            Adoption(
                method=method,
                region=region,
                status=rng.choice(AdoptionStatus.values),
                start_year=rng.randint(2015, 2025),
                is_illustrative=True,
            )
            for method in created
            for region in rng.sample(regions, rng.randint(0, min(4, len(regions))))
        ],
        batch_size=5 * BATCH,
    )
    write_documents(created)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")  # plans as after autovacuum, not as on empty tables
    return needed


def write_documents(methods: list[Method]) -> None:
    ids = [method.pk for method in methods]
    for first in range(0, len(ids), BATCH):
        chunk = Method.objects.filter(pk__in=ids[first : first + BATCH]).prefetch_related(
            "topics", "target_groups"
        )
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(method=method, language=language, names=names, body=body)
                for method in chunk
                for language in LANGUAGES
                for names, body in [document_for(method, language)]
            ],
            batch_size=BATCH,
        )
