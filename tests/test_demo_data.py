import csv
from datetime import date

import pytest
from django.core.management import call_command

from evaluations.demo_data import EVALUATIONS_DIR, read_evaluations
from evaluations.models import (
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Proposal,
    ProposalState,
    Study,
)
from methods.demo_data import DEMO_DIR
from methods.models import Method, Region, Term


def facts() -> list[dict[str, str]]:
    with open(DEMO_DIR / "methods_facts.csv", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo) -> None:
    before = (Method.objects.count(), Term.objects.count(), Evaluation.objects.count())
    call_command("load_demo_data", verbosity=0)
    assert (Method.objects.count(), Term.objects.count(), Evaluation.objects.count()) == before


@pytest.mark.django_db
def test_it_loads_all_methods_regions_and_vocabularies(demo) -> None:
    # The 18 evaluated methods of the facts file, and 7 that the demo service models name.
    assert Method.objects.published().count() == 18 + 7
    assert Region.objects.count() == 22
    assert Term.objects.filter(vocabulary="topic").count() == 17


@pytest.mark.django_db
def test_every_method_gets_the_rating_of_the_facts_file_through_the_rule(demo) -> None:
    rows = facts()
    assert len(rows) == 18
    assert sum(bool(row["rating"]) for row in rows) > 0
    for row in rows:
        method = Method.objects.select_related("rating__scale").get(name_fi=row["name_fi"])
        if not row["rating"]:
            assert method.rating is None
            continue
        assert method.rating.scale.code == row["rating_scale"]
        if method.current_evaluation().rests_on_unlisted_studies:
            # The listed studies support less than the real rating; never more.
            assert method.rating.value < int(row["rating"])
        else:
            assert method.rating.value == int(row["rating"])


@pytest.mark.django_db
def test_only_the_ratings_whose_studies_the_demo_lacks_are_below_the_real_rating(demo) -> None:
    lowered = set(
        Evaluation.objects.published()
        .filter(rests_on_unlisted_studies=True)
        .values_list("method__slug", flat=True)
    )
    assert lowered == {"mdft", "prokoulu", "lapset-pois-eroriidoista", "perhekoulu-pop"}


def studies_facts() -> list[dict[str, str]]:
    with open(EVALUATIONS_DIR / "studies_facts.csv", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.django_db
def test_every_study_of_the_facts_file_is_screened_for_its_methods_evaluation(demo) -> None:
    rows = studies_facts()
    assert len(rows) == 41
    demo_files = read_evaluations()
    slug_of = {entry["studies_of"]: slug for slug, entry in demo_files.items()}
    for row in rows:
        link = EvaluationStudy.objects.select_related("study").get(
            evaluation__method__slug=slug_of[row["method_name_fi"]],
            study__year=int(row["year"]) if row["year"] else None,
            study__citation__contains=row["title"] or row["first_author"],
        )
        assert link.study.citation.startswith(row["first_author"] or "[First author not stated]")
        assert link.study.country == row["country"]
        assert link.study.design.code == row["design"]
        assert link.study.participants == (
            int(row["n_participants"]) if row["n_participants"] else None
        )
        assert link.study.doi == row["doi"]


@pytest.mark.django_db
def test_an_unverified_study_says_what_its_source_does_not_state(demo) -> None:
    follow_up = Study.objects.get(doi="10.1016/j.jaac.2018.07.001")
    assert follow_up.citation.startswith("[First author not stated] (2018).")
    assert "Not verified: the source does not state the first author." in follow_up.citation
    assert follow_up.participants == 464  # what the source does state is kept


@pytest.mark.django_db
def test_a_study_without_a_stated_year_keeps_its_year_empty(demo) -> None:
    summary = Study.objects.get(doi="10.7557/25.7289")
    assert summary.year is None
    assert summary.citation.startswith("Kaasbøll (n.d.).")


@pytest.mark.django_db
def test_every_demo_justification_is_written_in_finnish(demo) -> None:
    answers = CriterionAnswer.objects.filter(evaluation__state=EvaluationState.PUBLISHED)
    assert answers.count() == 12 * 17 + 6 * 4
    texts = list(answers.values_list("justification_fi", flat=True))
    assert all(len(text) > 20 for text in texts)
    assert not any("demo answer" in text.lower() for text in texts)


@pytest.mark.django_db
def test_most_demo_justifications_are_written_to_the_criterion_not_repeated(demo) -> None:
    texts = list(
        CriterionAnswer.objects.filter(evaluation__state=EvaluationState.PUBLISHED).values_list(
            "justification_fi", flat=True
        )
    )
    assert len(set(texts)) > 0.9 * len(texts)


@pytest.mark.django_db
def test_half_of_the_demo_methods_have_every_justification_in_swedish_and_english(demo) -> None:
    published = Evaluation.objects.published().prefetch_related("answers")
    complete = {
        language: [
            e.method_id
            for e in published
            if all(getattr(a, f"justification_{language}") for a in e.answers.all())
        ]
        for language in ("sv", "en")
    }
    assert len(complete["sv"]) >= 10
    assert len(complete["en"]) >= 10


@pytest.mark.django_db
def test_trappan_is_rated_by_its_second_version_while_its_third_is_evaluated(demo) -> None:
    published = Evaluation.objects.published().get(method__slug="trappan")
    under_way = Evaluation.objects.under_way().get(method__slug="trappan")
    assert (published.version, published.level.key, published.manual.version) == (2, "1of5", "2022")
    assert published.published_on == date(2025, 3, 24)
    assert (under_way.version, under_way.state) == (3, EvaluationState.IN_EVALUATION)


@pytest.mark.django_db
def test_trappans_page_shows_its_rating_and_that_an_update_is_under_way(client, demo) -> None:
    text = client.get("/en/methods/trappan/").text
    assert "1/5" in text
    assert "An update of this evaluation is under way" in text
    assert 'href="/en/methods/trappan/evaluation/2/"' in text


@pytest.mark.django_db
def test_an_unstated_evaluation_date_is_left_empty(demo) -> None:
    assert Method.objects.get(slug="voimaperheet").rated_on is None


@pytest.mark.django_db
def test_every_method_has_finnish_text_and_most_have_swedish_and_english(demo) -> None:
    methods = list(Method.objects.all())
    assert len(methods) == 18 + 7
    assert all(m.summary_fi for m in methods)
    assert sum(bool(m.summary_sv) for m in methods) >= 9
    assert sum(bool(m.summary_en) for m in methods) >= 9


@pytest.mark.django_db
def test_the_demo_has_proposals_waiting_for_the_editors_decision(demo, client) -> None:
    waiting = Proposal.objects.filter(state=ProposalState.PROPOSED)
    assert {proposal.language for proposal in waiting} == {"fi", "sv"}
    pipeline = client.get("/arvioinnit/").content.decode()
    assert all(proposal.method_name in pipeline for proposal in waiting)
