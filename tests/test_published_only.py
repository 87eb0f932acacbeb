"""Every public surface reads the same published set: one place that seeds unpublished data
with marker words and asks every surface that lists, counts, suggests or exports for them.

The unpublished methods: a draft, the draft that an accepted proposal creates, and a method
that was rated and published and then withdrawn (its published evaluation stays in the
database). Each has a marker word in its name and one in its summary, and the withdrawn one is
in use in a region, with training figures, so the implementation surfaces are asked too.
"""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from methods.models import Method
from methods.search import index_methods
from opendata.registry_io import export_registry

from .implementation_factories import adopt, region, train

# Made-up words that occur nowhere else, so that any of them on a page is a leak.
MARKERS = {
    "draft": ("Zorblax-luonnos", "vrindelsanaluonnos"),
    "proposed": ("Quoddel-ehdotus", "plimsaehdotussana"),
    "withdrawn": ("Xantrop-vedetty", "glorvivedettysana"),
}
ALL_WORDS = [word.lower() for pair in MARKERS.values() for word in pair]
# The pipeline lists the methods being evaluated and proposals awaiting a decision by name, on
# purpose (transparency of the process); the summaries of such methods are still never shown.
PIPELINE_SILENT = [w for w in ALL_WORDS if w != MARKERS["proposed"][0].lower()]


@pytest.fixture
def unpublished(make_method) -> None:
    public = make_method(
        slug="julkinen",
        name_fi="Julkinen menetelmä",
        summary_fi="Masennuksen hoito nuorille.",
        topics=["depression"],
        target_groups=["youth"],
        rating="4of5",
    )
    draft_name, draft_word = MARKERS["draft"]
    draft = make_method(
        slug="zorblax",
        name_fi=draft_name,
        name_en=draft_name,
        summary_fi=f"Masennuksen hoito, {draft_word}.",
        topics=["depression"],
        target_groups=["youth"],
        is_published=False,
    )
    proposed_name, proposed_word = MARKERS["proposed"]
    proposed = Method.objects.create(
        slug="quoddel",
        name_fi=proposed_name,
        summary_fi=f"Ehdotettu menetelmä, {proposed_word}.",
        age_min=0,
        age_max=17,
    )
    withdrawn_name, withdrawn_word = MARKERS["withdrawn"]
    withdrawn = make_method(
        slug="xantrop",
        name_fi=withdrawn_name,
        name_sv=withdrawn_name,
        summary_fi=f"Masennuksen hoito, {withdrawn_word}.",
        topics=["depression"],
        target_groups=["youth"],
        rating="5of5",
    )
    withdrawn.is_published = False
    withdrawn.save()
    county = region("xx", "Testihyvinvointialue")
    adopt(public, county)
    train(adopt(withdrawn, county, notes_fi=withdrawn_word), trained=12, eligible=20)
    index_methods([public, draft, proposed, withdrawn])


def public_addresses() -> list[str]:
    """The public pages, API answers, tables and feeds, in each language where they differ."""
    addresses = []
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            addresses += [
                reverse(name)
                for name in (
                    "home",
                    "methods:list",
                    "compare",
                    "gap_map",
                    "region_list",
                    "implementation_overview",
                    "service_model_list",
                    "therapy_guarantee",
                    "open_data",
                )
            ]
            addresses += [
                reverse("methods:list") + "?topic=depression&target_group=youth",
                reverse("methods:list") + "?q=masennus",
                reverse("compare") + "?m=julkinen&m=zorblax&m=xantrop&m=quoddel",
                reverse("region", args=["xx"]),
            ]
    addresses += [reverse("api:feed_in", args=[language]) for language in ("fi", "sv", "en")]
    addresses += [
        reverse("api:methods"),
        reverse("api:methods") + "?q=masennus",
        reverse("api:methods_csv"),
        reverse("api:evaluations"),
        reverse("api:vocabularies"),
        reverse("api:adoptions"),
        reverse("api:adoptions_csv"),
        reverse("api:training_records"),
        reverse("api:training_records_csv"),
        reverse("api:national_selections"),
        reverse("api:feed"),
    ]
    return addresses


@pytest.mark.django_db
def test_no_public_surface_shows_a_word_of_an_unpublished_method(
    client: Client, unpublished
) -> None:
    leaks, seen_public = {}, set()
    for address in public_addresses():
        response = client.get(address)
        assert response.status_code == 200, address
        text = response.content.decode().lower()
        found = [word for word in ALL_WORDS if word in text]
        if found:
            leaks[address] = found
        if "julkinen menetelmä" in text:
            seen_public.add(address)
    assert leaks == {}
    # The same surfaces do show the published method: the check looks where data is.
    assert reverse("methods:list") in seen_public
    assert reverse("api:methods_csv") in seen_public


@pytest.mark.django_db
def test_the_pipeline_names_no_draft_or_withdrawn_method_and_no_summary(
    client: Client, unpublished
) -> None:
    text = client.get(reverse("pipeline")).content.decode().lower()
    assert [word for word in PIPELINE_SILENT if word in text] == []


@pytest.mark.parametrize("misspelt", ["zorblx-luonnos", "vrindelsanaluonos", "glorvivedetysana"])
@pytest.mark.django_db
def test_no_misspelling_of_a_marker_is_corrected_to_it(
    client: Client, unpublished, misspelt
) -> None:
    listing = client.get(reverse("methods:list"), {"q": misspelt}).context["listing"]
    assert listing.corrections == {}
    assert listing.suggestion is None


@pytest.mark.parametrize("slug", ["zorblax", "quoddel", "xantrop"])
@pytest.mark.django_db
def test_an_unpublished_method_has_no_page_no_record_and_no_feed(
    client: Client, unpublished, slug
) -> None:
    assert client.get(reverse("methods:detail", args=[slug])).status_code == 404
    assert client.get(reverse("api:method", args=[slug])).status_code == 404
    assert client.get(reverse("api:method_feed", args=[slug])).status_code == 404


@pytest.mark.django_db
def test_the_totals_count_published_methods_only(client: Client, unpublished) -> None:
    page = client.get(reverse("methods:list"), {"topic": "depression"}).context["page"]
    assert page.paginator.count == 1
    api = client.get(reverse("api:methods"), {"topic": "depression"}).json()
    assert api["count"] == 1


@pytest.mark.django_db
def test_the_export_holds_no_word_of_an_unpublished_method(unpublished) -> None:
    text = json.dumps(export_registry(), ensure_ascii=False).lower()
    assert [word for word in ALL_WORDS if word in text] == []


@pytest.mark.django_db
def test_the_export_command_writes_the_published_set_only(unpublished, capsys) -> None:
    call_command("export_registry")
    text = capsys.readouterr().out.lower()
    assert "julkinen menetelmä" in text
    assert [word for word in ALL_WORDS if word in text] == []


@pytest.mark.django_db
def test_the_sitemap_lists_no_unpublished_method(client: Client, unpublished) -> None:
    text = client.get(reverse("sitemap")).content.decode()
    assert "/julkinen/" in text
    assert [slug for slug in ("zorblax", "quoddel", "xantrop") if slug in text] == []
