from datetime import date

import pytest
from django.test import Client

from methods.models import Organisation, Term, Vocabulary

LIST_URL = "/menetelmat/"


def names(response) -> list[str]:
    return [method.name for method in response.context["page"].object_list]


def facet(response, name: str) -> dict[str, int]:
    facets = {f.name: f for f in response.context["listing"].facets}
    return {value.code: value.count for value in facets[name].values}


@pytest.mark.django_db
def test_it_lists_published_methods(client: Client, make_method) -> None:
    make_method(name_fi="Näkyvä")
    assert names(client.get(LIST_URL)) == ["Näkyvä"]


def card_of(html: str, slug: str) -> str:
    """The HTML of the card that links to the method with this slug."""
    return html.split(f'href="/en/methods/{slug}/"')[1].split("</article>")[0]


@pytest.mark.django_db
def test_a_card_names_its_own_target_groups_and_topics_in_the_page_language(
    client: Client, make_method
) -> None:
    make_method(slug="a", topics=["anxiety", "depression"], target_groups=["youth"])
    make_method(slug="b", topics=["conduct"], target_groups=["parents"])
    label = {term.code: term.label_en for term in Term.objects.all()}
    card = card_of(client.get("/en/methods/").text, "a")
    assert f"{label['youth']}</dd>" in card
    assert f"{label['anxiety']}; {label['depression']}</dd>" in card
    assert label["conduct"] not in card and label["parents"] not in card


@pytest.mark.django_db
def test_a_card_shows_its_rating(client: Client, make_method) -> None:
    method = make_method(slug="a", rating="4of5")
    method.refresh_from_db()
    assert f'<span class="rating-label">{method.rating.label_en}</span>' in card_of(
        client.get("/en/methods/").text, "a"
    )


@pytest.mark.django_db
def test_a_card_of_an_unclassified_method_shows_a_dash(client: Client, make_method) -> None:
    make_method(slug="a")
    assert card_of(client.get("/en/methods/").text, "a").count("<dd>–</dd>") == 2


@pytest.mark.django_db
def test_it_hides_unpublished_methods(client: Client, make_method) -> None:
    make_method(name_fi="Luonnos", is_published=False)
    assert names(client.get(LIST_URL)) == []


@pytest.mark.parametrize(
    ("parameter", "relation", "wanted", "other"),
    [
        ("target_group", "target_groups", "youth", "babies"),
        ("topic", "topics", "depression", "anxiety"),
        ("setting", "service_settings", "ecec", "child_protection"),
        ("delivery", "delivery_formats", "remote", "group"),
        ("care_level", "care_levels", "early_support", "specialised"),
        ("training_language", "training_languages", "sv", "fi"),
    ],
)
@pytest.mark.django_db
def test_it_filters_by_each_vocabulary(
    client: Client, make_method, parameter, relation, wanted, other
) -> None:
    make_method(name_fi="Osuu", **{relation: [wanted]})
    make_method(name_fi="Ei osu", **{relation: [other]})
    assert names(client.get(LIST_URL, {parameter: wanted})) == ["Osuu"]


@pytest.mark.django_db
def test_values_of_one_filter_are_alternatives(client: Client, make_method) -> None:
    make_method(name_fi="A", topics=["depression"])
    make_method(name_fi="B", topics=["anxiety"])
    make_method(name_fi="C", topics=["bullying"])
    assert names(client.get(LIST_URL, {"topic": ["depression", "anxiety"]})) == ["A", "B"]


@pytest.mark.django_db
def test_different_filters_narrow_each_other(client: Client, make_method) -> None:
    make_method(name_fi="A", topics=["depression"], target_groups=["youth"])
    make_method(name_fi="B", topics=["depression"], target_groups=["parents"])
    make_method(name_fi="C", topics=["anxiety"], target_groups=["youth"])
    response = client.get(LIST_URL, {"topic": "depression", "target_group": "youth"})
    assert names(response) == ["A"]


@pytest.mark.django_db
def test_a_method_with_two_matching_values_is_listed_once(client: Client, make_method) -> None:
    make_method(name_fi="A", topics=["depression", "anxiety"])
    response = client.get(LIST_URL, {"topic": ["depression", "anxiety"]})
    assert names(response) == ["A"]
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize(("age", "expected"), [(2, []), (3, ["A"]), (9, ["A"]), (10, [])])
@pytest.mark.django_db
def test_a_childs_age_finds_methods_whose_range_contains_it(
    client: Client, make_method, age, expected
) -> None:
    make_method(name_fi="A", age_min=3, age_max=9)
    assert names(client.get(LIST_URL, {"age": age})) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"age_from": 10, "age_to": 12}, []),
        ({"age_from": 8, "age_to": 12}, ["A"]),
        ({"age_from": 0, "age_to": 3}, ["A"]),
        ({"age_from": 9}, ["A"]),
        ({"age_to": 2}, []),
    ],
)
@pytest.mark.django_db
def test_an_age_range_finds_methods_whose_range_overlaps(
    client: Client, make_method, params, expected
) -> None:
    make_method(name_fi="A", age_min=3, age_max=9)
    assert names(client.get(LIST_URL, params)) == expected


@pytest.mark.django_db
def test_ages_asked_one_after_another_each_find_their_own_methods(
    client: Client, make_method
) -> None:
    make_method(name_fi="Pienet", age_min=0, age_max=6)
    make_method(name_fi="Isot", age_min=7, age_max=17)
    asked = [{"age": 3}, {"age": 12}, {"age_from": 5}, {"age_to": 6}, {"age": 3}]
    found = [names(client.get(LIST_URL, params)) for params in asked]
    assert found == [["Pienet"], ["Isot"], ["Isot", "Pienet"], ["Pienet"], ["Pienet"]]


@pytest.mark.django_db
def test_it_filters_by_evidence_level(client: Client, make_method) -> None:
    make_method(name_fi="Vahva", rating="5of5")
    make_method(name_fi="Kohtalainen", rating="4of5")
    assert names(client.get(LIST_URL, {"level": "5of5"})) == ["Vahva"]


@pytest.mark.django_db
def test_it_filters_methods_not_yet_evaluated(client: Client, make_method) -> None:
    make_method(name_fi="Arvioitu", rating="3of5")
    make_method(name_fi="Arvioimaton")
    assert names(client.get(LIST_URL, {"level": "unrated"})) == ["Arvioimaton"]


@pytest.mark.django_db
def test_it_filters_by_evidence_group_across_scales(client: Client, make_method) -> None:
    make_method(name_fi="Uusi vaikuttava", rating="4of5")
    make_method(name_fi="Vanha vaikuttava", rating="3of3")
    make_method(name_fi="Lupaava", rating="3of5")
    response = client.get(LIST_URL, {"group": "effective"})
    assert names(response) == ["Uusi vaikuttava", "Vanha vaikuttava"]


@pytest.mark.django_db
def test_it_filters_by_rating_scale(client: Client, make_method) -> None:
    make_method(name_fi="Uusi", rating="2of5")
    make_method(name_fi="Vanha", rating="2of3")
    assert names(client.get(LIST_URL, {"scale": "0-3"})) == ["Vanha"]


@pytest.mark.django_db
def test_it_filters_by_owner_organisation(client: Client, make_method) -> None:
    owner = Organisation.objects.create(slug="mieli", name_fi="MIELI ry")
    make_method(name_fi="Omistettu", owner=owner)
    make_method(name_fi="Muu")
    assert names(client.get(LIST_URL, {"owner": "mieli"})) == ["Omistettu"]


@pytest.mark.django_db
def test_a_facet_counts_what_each_value_would_give_with_the_other_filters(
    client: Client, make_method
) -> None:
    make_method(topics=["depression"], target_groups=["youth"])
    make_method(topics=["depression"], target_groups=["parents"])
    make_method(topics=["anxiety"], target_groups=["youth"])
    response = client.get(LIST_URL, {"topic": "depression"})
    assert facet(response, "target_group")["youth"] == 1
    assert facet(response, "target_group")["parents"] == 1
    # A facet's own choice does not narrow its counts: values are alternatives.
    assert facet(response, "topic")["anxiety"] == 1
    assert facet(response, "topic")["depression"] == 2


@pytest.mark.django_db
def test_a_facet_value_is_a_labelled_checkbox_with_its_count_ticked_when_chosen(
    client: Client, make_method
) -> None:
    make_method(topics=["depression"])
    make_method(topics=["anxiety"])
    label = Term.objects.get(code="anxiety").label_en
    html = client.get("/en/methods/", {"topic": "depression"}).text
    assert (
        '<input type="checkbox" name="topic" value="depression" id="f-topic-depression" checked>'
        in html
    )
    assert '<input type="checkbox" name="topic" value="anxiety" id="f-topic-anxiety">' in html
    assert f'<label for="f-topic-anxiety">{label} <span class="count">(1)</span></label>' in html


@pytest.mark.django_db
def test_a_facet_value_label_is_escaped(client: Client, make_method) -> None:
    make_method(topics=["anxiety"])
    Term.objects.filter(code="anxiety").update(label_en='Fear & "worry" <b>')
    html = client.get("/en/methods/").text
    assert "Fear &amp; &quot;worry&quot; &lt;b&gt; <span" in html


@pytest.mark.django_db
def test_a_card_shows_its_texts_escaped(client: Client, make_method) -> None:
    make_method(
        name_en="Fear & <b>courage</b>", summary_en='Parents "talk" <i>', topics=["anxiety"]
    )
    Term.objects.filter(code="anxiety").update(label_en="Worry <script>")
    html = client.get("/en/methods/").text
    assert ">Fear &amp; &lt;b&gt;courage&lt;/b&gt;</a></h3>" in html
    assert '<p class="method-summary">Parents &quot;talk&quot; &lt;i&gt;</p>' in html
    assert "<dd>Worry &lt;script&gt;</dd>" in html


@pytest.mark.django_db
def test_a_searched_word_is_marked_in_a_card_and_the_rest_escaped(
    client: Client, make_indexed
) -> None:
    make_indexed(summary_fi="Masennuksen <hoito> & tuki.")
    html = client.get(LIST_URL, {"q": "masennus"}).text
    assert "<mark>Masennuksen</mark> &lt;hoito&gt; &amp; tuki." in html


@pytest.mark.django_db
def test_a_method_under_two_chosen_topics_is_counted_once(client: Client, make_method) -> None:
    make_method(topics=["depression", "anxiety"], target_groups=["youth"])
    response = client.get(LIST_URL, {"topic": ["depression", "anxiety"]})
    assert facet(response, "target_group")["youth"] == 1
    assert response.context["listing"].count == 1


@pytest.mark.django_db
def test_the_level_facet_counts_methods_not_yet_evaluated(client: Client, make_method) -> None:
    make_method(rating="4of5")
    make_method()
    make_method()
    counts = facet(client.get(LIST_URL), "level")
    assert counts["unrated"] == 2
    assert counts["4of5"] == 1


@pytest.mark.django_db
def test_it_sorts_by_name_by_default(client: Client, make_method) -> None:
    make_method(name_fi="Öljy")
    make_method(name_fi="Aamu")
    assert names(client.get(LIST_URL)) == ["Aamu", "Öljy"]


@pytest.mark.django_db
def test_it_sorts_by_strongest_evidence_with_unrated_last(client: Client, make_method) -> None:
    make_method(name_fi="Arvioimaton")
    make_method(name_fi="Kuvattu", rating="1of5")
    make_method(name_fi="Vahva", rating="5of5")
    make_method(name_fi="Vanha vahva", rating="3of3")
    response = client.get(LIST_URL, {"sort": "rating"})
    assert names(response) == ["Vahva", "Vanha vahva", "Kuvattu", "Arvioimaton"]


@pytest.mark.django_db
def test_it_sorts_by_latest_evaluation(client: Client, make_method) -> None:
    from datetime import date

    make_method(name_fi="Vanha", rating="3of5", rated_on=date(2020, 1, 1))
    make_method(name_fi="Uusi", rating="3of5", rated_on=date(2025, 6, 1))
    assert names(client.get(LIST_URL, {"sort": "evaluated"})) == ["Uusi", "Vanha"]


@pytest.mark.django_db
def test_it_pages_long_lists(client: Client, make_method) -> None:
    for number in range(25):
        make_method(name_fi=f"Menetelmä {number:02}")
    second_page = client.get(LIST_URL, {"page": 2})
    assert names(second_page) == [f"Menetelmä {number:02}" for number in range(20, 25)]


@pytest.mark.django_db
def test_active_filters_are_shown_as_chips_that_remove_them(client: Client, make_method) -> None:
    make_method(topics=["depression"], target_groups=["youth"])
    response = client.get(LIST_URL, {"topic": "depression", "target_group": "youth"})
    chips = {chip.label: chip.url for chip in response.context["listing"].chips}
    assert chips["Ilmiö: Masennus"] == f"{LIST_URL}?target_group=youth"
    assert "Poista kaikki rajaukset" in response.text


@pytest.mark.django_db
def test_zero_results_say_so_and_suggest_a_filter_to_remove(client: Client, make_method) -> None:
    make_method(topics=["depression"], target_groups=["parents"])
    response = client.get(LIST_URL, {"topic": "depression", "target_group": "youth"})
    assert names(response) == []
    suggestions = {s.label: s.count for s in response.context["listing"].relaxations}
    assert suggestions == {"Kohderyhmä": 1}
    assert "Mikään menetelmä ei vastaa" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "age=abc",
        "age=-4",
        "age=1e400",
        "age_from=9&age_to=3",
        "level=99",
        "topic=nope",
        "topic=depression&topic=nope",
        "group=best",
        "scale=7-9",
        "owner=%00",
        "q=%00",
        "q=" + "x" * 500,
        "sort=price",
        "page=abc",
        "page=99999",
        "age=3&age=4&age=5",
        "topic[]=x&%ff=%fe",
    ],
)
@pytest.mark.django_db
def test_bad_query_strings_never_give_a_server_error(client: Client, make_method, query) -> None:
    make_method(topics=["depression"])
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_unknown_filter_value_is_ignored_with_a_visible_note(
    client: Client, make_method
) -> None:
    make_method(name_fi="A", topics=["depression"])
    response = client.get(LIST_URL, {"topic": "nope", "age": "abc"})
    assert names(response) == ["A"]
    ignored = dict(response.context["listing"].ignored_filters)
    assert set(ignored) == {"Ilmiö", "Lapsen ikä"}
    assert "ei tunnistettu" in response.text


@pytest.mark.django_db
def test_a_reversed_age_range_is_explained(client: Client, make_method) -> None:
    make_method()
    response = client.get(LIST_URL, {"age_from": 9, "age_to": 3})
    assert "Ikä enintään" in dict(response.context["listing"].ignored_filters)


@pytest.mark.django_db
def test_a_five_thousand_character_query_string_is_answered(client: Client, make_method) -> None:
    make_method()
    response = client.get(f"{LIST_URL}?topic={'a' * 5000}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_too_many_parameters_give_a_bad_request(client: Client) -> None:
    query = "&".join(f"topic=t{number}" for number in range(1500))
    assert client.get(f"{LIST_URL}?{query}").status_code == 400


def _list_queries(client: Client, django_assert_num_queries, expected: int) -> None:
    client.get(LIST_URL)  # reads the facet index of this version of the registry
    with django_assert_num_queries(expected):
        client.get(LIST_URL, {"topic": "depression", "age": 5, "sort": "rating"})


# The registry's version (methods.search.registry) and the page's cards; the counts, and the
# cards' terms, come from the facet index (methods.facets).
LIST_PAGE_QUERIES = 2
# After a change the facet terms (methods.filters) and the facet index are read again: the
# methods, their facet values, the levels, the regions and the owners (methods.facets).
LIST_PAGE_QUERIES_AFTER_A_CHANGE = LIST_PAGE_QUERIES + 6


@pytest.mark.django_db
def test_the_list_page_makes_a_fixed_number_of_queries_for_5_methods(
    client: Client, make_method, django_assert_num_queries
) -> None:
    for _ in range(5):
        make_method(topics=["depression"], target_groups=["youth"], rating="3of5")
    _list_queries(client, django_assert_num_queries, LIST_PAGE_QUERIES)


@pytest.mark.django_db
def test_the_list_page_makes_no_more_queries_when_more_term_facets_are_chosen(
    client: Client, make_method, django_assert_num_queries
) -> None:
    make_method(
        topics=["depression"],
        target_groups=["youth"],
        service_settings=["primary_school"],
        rating="3of5",
    )
    client.get(LIST_URL)
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        client.get(
            LIST_URL,
            {
                "topic": ["depression", "anxiety"],
                "target_group": "youth",
                "setting": "primary_school",
            },
        )


@pytest.mark.django_db
def test_the_list_page_makes_a_fixed_number_of_queries_for_50_methods(
    client: Client, make_method, django_assert_num_queries
) -> None:
    for number in range(50):
        rating = "3of5" if number < 5 else None  # publishing is slow; five rated suffice
        make_method(topics=["depression"], target_groups=["youth"], rating=rating)
    _list_queries(client, django_assert_num_queries, LIST_PAGE_QUERIES)


@pytest.mark.django_db
def test_the_list_page_after_a_change_reads_the_facet_index_once(
    client: Client, make_method, django_assert_num_queries
) -> None:
    client.get(LIST_URL)
    make_method(topics=["depression"], target_groups=["youth"], rating="3of5")
    with django_assert_num_queries(LIST_PAGE_QUERIES_AFTER_A_CHANGE):
        client.get(LIST_URL, {"topic": "depression", "age": 5, "sort": "rating"})
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        client.get(LIST_URL, {"topic": "depression", "age": 5, "sort": "rating"})


@pytest.mark.django_db
def test_empty_any_choices_from_the_home_page_are_not_reported_as_errors(
    client: Client, make_method
) -> None:
    make_method(name_fi="A")
    response = client.get(LIST_URL, {"q": "", "topic": "", "target_group": "", "age": ""})
    assert names(response) == ["A"]
    assert response.context["listing"].ignored_filters == []


@pytest.mark.django_db
def test_the_age_filter_narrows_the_facet_counts(client: Client, make_method) -> None:
    make_method(topics=["depression"], age_min=3, age_max=6)
    make_method(topics=["depression"], age_min=13, age_max=17)
    response = client.get(LIST_URL, {"age": 6})
    assert facet(response, "topic")["depression"] == 1
    assert response.context["listing"].count == 1


@pytest.mark.django_db
def test_an_age_range_counts_the_methods_it_overlaps(client: Client, make_method) -> None:
    make_method(topics=["depression"], age_min=3, age_max=6)
    make_method(topics=["depression"], age_min=13, age_max=17)
    make_method(topics=["depression"], age_min=18, age_max=29)
    response = client.get(LIST_URL, {"age_from": 6, "age_to": 13})
    assert facet(response, "topic")["depression"] == 2


@pytest.mark.django_db
def test_the_review_date_filter_narrows_the_facet_counts(client: Client, make_method) -> None:
    recent = make_method(topics=["depression"], rating="4of5", rated_on=date.today())
    make_method(topics=["depression"], rating="4of5", rated_on=date(2001, 1, 1))
    make_method(topics=["depression"])
    response = client.get(LIST_URL, {"reviewed_within": 5})
    assert facet(response, "topic")["depression"] == 1
    assert names(response) == [recent.name]


@pytest.mark.django_db
def test_a_method_unpublished_after_a_request_is_no_longer_counted(
    client: Client, make_method
) -> None:
    kept = make_method(topics=["depression"])
    withdrawn = make_method(topics=["depression"])
    assert facet(client.get(LIST_URL), "topic")["depression"] == 2
    withdrawn.is_published = False
    withdrawn.save()
    response = client.get(LIST_URL)
    assert facet(response, "topic")["depression"] == 1
    assert names(response) == [kept.name]


@pytest.mark.django_db
def test_a_term_added_after_a_request_is_counted(client: Client, make_method) -> None:
    method = make_method(topics=["depression"])
    assert facet(client.get(LIST_URL), "topic")["anxiety"] == 0
    method.topics.add(Term.objects.get(vocabulary=Vocabulary.TOPIC, code="anxiety"))
    assert facet(client.get(LIST_URL), "topic")["anxiety"] == 1


@pytest.mark.django_db
def test_a_new_term_can_be_filtered_by_on_the_next_request(client: Client, make_method) -> None:
    method = make_method(topics=["depression"])
    assert names(client.get(LIST_URL, {"topic": "depression"})) == [method.name]
    new = Term.objects.create(vocabulary=Vocabulary.TOPIC, code="new-topic", label_fi="Uusi")
    method.topics.add(new)
    response = client.get(LIST_URL, {"topic": "new-topic"})
    assert names(response) == [method.name]
    assert not response.context["listing"].ignored_filters


@pytest.mark.django_db
def test_a_deleted_method_is_no_longer_counted(client: Client, make_method) -> None:
    make_method(topics=["depression"])
    deleted = make_method(topics=["depression"])
    assert facet(client.get(LIST_URL), "topic")["depression"] == 2
    deleted.delete()
    assert facet(client.get(LIST_URL), "topic")["depression"] == 1


@pytest.mark.django_db
def test_names_sort_ignoring_case_and_in_finnish_where_a_language_has_none(
    client: Client, make_method
) -> None:
    make_method(name_fi="beta", name_en="Beta")
    make_method(name_fi="Alfa", name_en="")
    make_method(name_fi="Gamma", name_en="gamma")
    assert names(client.get("/en/methods/")) == ["Alfa", "Beta", "gamma"]
