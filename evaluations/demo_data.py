"""Demo evaluations: for each demo method with a rating in the facts file, a published
evaluation with the evaluators' answers and justifications in evaluations/demo/evaluations.toml,
resting on the real published studies in evaluations/demo/studies_facts.csv; plus a few
evaluations still in progress.

The level is what the real rule gives from those answers and studies. Where the registry's
real rating rests on studies the demo does not list, the level is the one the listed studies
support and the evaluation says so (rests_on_unlisted_studies). Loading is idempotent.
"""

import importlib
import tomllib
from datetime import date
from pathlib import Path

from django.apps import apps
from django.db import transaction

from accounts.demo_data import demo_user
from methods.demo_data import read_csv
from methods.models import Method, Term, Vocabulary

from .models import (
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Proposal,
    ProposalState,
    Study,
)
from .workflow import approve, has_evaluation_under_way, new_evaluation, publish

EVALUATIONS_DIR = Path(__file__).parent / "demo"
MANUAL_FOR_SCALE = {"1-5": "2022", "0-3": "2016"}

# Proposals waiting for the editors' decision, so that the pipeline and the editors' tasks
# have something to show. The methods are real; the proposers and their words are made up.
PROPOSALS = [
    {
        "method_name": "Neuropsykiatrinen valmennus",
        "description": (
            "Tavoitteellinen ja käytännönläheinen ohjausmenetelmä nuorille, joilla on "
            "neuropsykiatrisia haasteita, esimerkiksi ADHD: arjen hallinta, toiminnanohjaus "
            "ja opiskelu. Valmentajilla on neuropsykiatrisen valmentajan koulutus. "
            "(Kuvitteellinen ehdotus demoa varten.)"
        ),
        "proposer_name": "Esimerkki Ehdottaja (demo)",
        "proposer_email": "ehdottaja@example.org",
        "proposer_organisation": "Kuvitteellinen järjestö (demo)",
        "language": "fi",
    },
    {
        "method_name": "ABC – Alla Barn i Centrum",
        "description": (
            "Ett universellt föräldrastödsprogram med fyra gruppträffar för föräldrar till "
            "barn i åldern 3–12 år, utvecklat i Stockholm och använt i många svenska "
            "kommuner. (Ett påhittat förslag för demon.)"
        ),
        "proposer_name": "Exempel Förslagsställare (demo)",
        "proposer_email": "forslag@example.org",
        "proposer_organisation": "",
        "language": "sv",
    },
]

# (method slug, state): evaluations under way in the demo, with the current manual. Each is
# the method's next version: Trappan's update (version 3, after its published version 2) is
# being evaluated, so its page shows 1/5 and says that an update is under way.
IN_PROGRESS = [
    ("trappan", EvaluationState.IN_EVALUATION),
    ("kiva-koulu", EvaluationState.QUEUED),
]


def reload_reference_data() -> None:
    """Load again the rating scales and manuals that the data migrations put in place.

    For a database that was emptied after migrating (a flush, or a transactional test).
    """
    for module, loader in [
        ("methods.migrations.0002_rating_scales", "load_scales"),
        ("evaluations.migrations.0002_manuals", "load_manuals"),
    ]:
        getattr(importlib.import_module(module), loader)(apps, None)


@transaction.atomic
def load() -> dict[str, int]:
    """The demo ratings and evaluations in progress (after methods' demo registry)."""
    evaluations = read_evaluations()
    studies = read_studies()
    for row in read_facts():
        if row["rating"]:
            load_published_evaluation(row, evaluations, studies)
    for slug, state in IN_PROGRESS:
        load_evaluation_in_progress(Method.objects.get(slug=slug), state)
    for proposal in PROPOSALS:
        Proposal.objects.get_or_create(method_name=proposal["method_name"], defaults=proposal)
    return {
        "published evaluations": Evaluation.objects.published().count(),
        "evaluations in progress": Evaluation.objects.under_way().count(),
        "studies": Study.objects.count(),
        "proposals awaiting a decision": Proposal.objects.filter(
            state=ProposalState.PROPOSED
        ).count(),
    }


def read_facts() -> list[dict[str, str]]:
    return read_csv("methods_facts.csv")


def read_studies() -> list[dict[str, str]]:
    return read_csv("studies_facts.csv", EVALUATIONS_DIR)


def read_evaluations() -> dict[str, dict]:
    """Per method slug: its answers, studies' quality, exclusions (see evaluations.toml)."""
    return tomllib.loads((EVALUATIONS_DIR / "evaluations.toml").read_text(encoding="utf-8"))


def study_name(row: dict[str, str]) -> str:
    """How evaluations.toml names a study: "<first author> <year>", or whichever is stated."""
    return " ".join(part for part in (row["first_author"], row["year"]) if part)


def unstated_details(row: dict[str, str]) -> list[str]:
    """The details a source left unstated, for a row the facts file marks unverified.

    A review has no country or number of participants of its own, so those are not missing.
    """
    wanted = {"first_author": "first author", "year": "year"}
    if row["design"] != "review":
        wanted |= {"country": "country", "n_participants": "number of participants"}
    return [label for column, label in wanted.items() if not row[column]]


def citation(row: dict[str, str]) -> str:
    """The reference as the source gives it; what it does not state is said, never filled in."""
    author = row["first_author"] or "[First author not stated]"
    year = row["year"] or "n.d."
    parts = [f"{author} ({year})."]
    if row["title"]:
        parts.append(f"{row['title'].rstrip('.')}.")
    if row["journal"]:
        parts.append(f"{row['journal']}.")
    if not row["title"] and not row["journal"]:
        parts.append("Title and journal not stated in the source.")
    if row["pmid"]:
        parts.append(f"PMID {row['pmid']}.")
    if row["verified"] != "yes":
        parts.append(
            f"Not verified: the source does not state the {', '.join(unstated_details(row))}."
        )
    return " ".join(parts)


def source_link(row: dict[str, str]) -> str:
    """The first source address that fits the link field (some catalogue links are longer)."""
    links = [link.strip() for link in row["source_url"].split(" ; ")]
    limit = Study._meta.get_field("url").max_length
    return next((link for link in links if len(link) <= limit), "")


def study_for(row: dict[str, str], quality: str) -> Study:
    """The study of a facts row, entered once even when two methods' evaluations use it."""
    identity = {"doi": row["doi"]} if row["doi"] else {"citation": citation(row)}
    study, _ = Study.objects.get_or_create(
        **identity,
        defaults={
            "citation": citation(row),
            "year": int(row["year"]) if row["year"] else None,
            "url": source_link(row),
            "country": row["country"],
            "design": Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code=row["design"]),
            "participants": int(row["n_participants"]) if row["n_participants"] else None,
            "quality": quality,
        },
    )
    return study


def screen_studies(
    evaluation: Evaluation, demo: dict, studies: list[dict[str, str]]
) -> dict[str, Study]:
    """Screen every study of the method for the evaluation, by the name evaluations.toml uses."""
    screened = {}
    excluded = demo.get("excluded", {})
    for row in studies:
        if row["method_name_fi"] != demo["studies_of"]:
            continue
        name = study_name(row)
        study = study_for(row, demo["quality"][name])
        EvaluationStudy.objects.get_or_create(
            evaluation=evaluation,
            study=study,
            defaults={"included": name not in excluded, "reason": excluded.get(name, "")},
        )
        screened[name] = study
    return screened


def at_board_decision(method: Method, scale_code: str, version: int, **fields) -> Evaluation:
    """An evaluation on the scale's manual, by the demo's evaluator and peer reviewer, waiting
    for the board: where a rating recorded after the fact starts (demo data, test data)."""
    evaluation = Evaluation.objects.create(
        method=method,
        manual=Manual.objects.get(version=MANUAL_FOR_SCALE[scale_code]),
        version=version,
        state=EvaluationState.BOARD_DECISION,
        review_type=Term.objects.get(vocabulary=Vocabulary.REVIEW_TYPE, code="systematic"),
        **fields,
    )
    evaluation.evaluators.add(demo_user("arvioitsija"))
    evaluation.peer_reviewers.add(demo_user("arvioitsija2"))
    return evaluation


def approve_and_publish(evaluation: Evaluation, on: date) -> None:
    """The demo board's approval and the demo editor's publication, on the rating's date.
    Nobody is notified: nobody needs to act on a rating recorded after the fact."""
    approve(evaluation, by=demo_user("toimituskunta"), on=on, notify=False)
    publish(evaluation, by=demo_user("toimittaja"), on=on)


def load_published_evaluation(
    row: dict[str, str], evaluations: dict[str, dict], studies: list[dict[str, str]]
) -> None:
    method = Method.objects.get(name_fi=row["name_fi"])
    version = int(row["evaluation_version"] or 1)
    if Evaluation.objects.filter(method=method, version=version).exists():
        return
    demo = evaluations[method.slug]
    evaluated_on = date.fromisoformat(row["evaluated_on"]) if row["evaluated_on"] else None
    evaluation = at_board_decision(
        method,
        row["rating_scale"],
        version,
        rests_on_unlisted_studies=demo["rests_on_unlisted_studies"],
    )
    screened = screen_studies(evaluation, demo, studies)
    answer_criteria(evaluation, demo["answers"], screened)
    approve_and_publish(evaluation, on=evaluated_on or date.today())
    if evaluated_on is None:
        # The source does not state the date: show none rather than a made-up one.
        Evaluation.objects.filter(pk=evaluation.pk).update(published_on=None)
        Method.objects.filter(pk=method.pk).update(rated_on=None)


def answer_criteria(
    evaluation: Evaluation, answers: dict[str, dict], screened: dict[str, Study]
) -> None:
    """Every criterion of the manual answered as evaluations.toml says, with its studies.

    Created in bulk, with one "created" history row each, because seeding hundreds of
    answers one save at a time is slow and tells the history nothing more. A criterion
    missing from the file is an error in the file, not an empty answer.
    """
    criteria = list(evaluation.manual.criteria.all())
    created = CriterionAnswer.objects.bulk_create(
        CriterionAnswer(
            evaluation=evaluation,
            criterion=criterion,
            answer=answers[criterion.code]["answer"],
            justification_fi=answers[criterion.code]["fi"],
            justification_sv=answers[criterion.code].get("sv", ""),
            justification_en=answers[criterion.code].get("en", ""),
        )
        for criterion in criteria
    )
    CriterionAnswer.history.bulk_history_create(created)
    for answer in created:
        names = answers[answer.criterion.code].get("studies", [])
        answer.studies.set([screened[name] for name in names])


def load_evaluation_in_progress(method: Method, state: str) -> None:
    """The method's next version, with empty answers and no studies screened yet: an update
    starts afresh, and what its published version rests on stays with that version."""
    if has_evaluation_under_way(method):
        return
    evaluation = new_evaluation(method)
    evaluation.state = state
    evaluation.save()
    evaluation.evaluators.add(demo_user("arvioitsija"))
    evaluation.peer_reviewers.add(demo_user("arvioitsija2"))
