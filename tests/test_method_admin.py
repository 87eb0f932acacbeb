import re

import pytest
from django.test import Client

from accounts.models import User


@pytest.fixture
def superuser_client(db) -> Client:
    user = User.objects.create_superuser("paatoimittaja", "p@example.org", "a-long-password-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/methods/method/",
        "/admin/methods/method/add/",
        "/admin/methods/term/?vocabulary__exact=topic",
        "/admin/methods/organisation/",
        "/admin/methods/region/",
        "/admin/methods/ratingscale/",
    ],
)
@pytest.mark.django_db
def test_editors_can_open_the_registry_admin(superuser_client: Client, url: str) -> None:
    assert superuser_client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_method_form_has_translation_tabs_for_three_languages(
    superuser_client: Client, make_method
) -> None:
    method = make_method()
    html = superuser_client.get(f"/admin/methods/method/{method.pk}/change/").text
    for field in ("name_fi", "name_sv", "name_en", "summary_sv"):
        assert f'name="{field}"' in html
    assert "tabbed_translation_fields.js" in html


@pytest.mark.django_db
def test_the_rating_cannot_be_typed_into_the_method_form(
    superuser_client: Client, make_method
) -> None:
    method = make_method()
    html = superuser_client.get(f"/admin/methods/method/{method.pk}/change/").text
    assert 'name="rating"' not in html


@pytest.mark.django_db
def test_vocabulary_fields_use_autocomplete(superuser_client: Client, vocabularies) -> None:
    response = superuser_client.get(
        "/admin/autocomplete/",
        {"app_label": "methods", "model_name": "method", "field_name": "topics", "term": "masen"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Ilmiö: Masennus"]


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/admin/methods/method/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_admin_pages_load_no_scripts_from_other_hosts(
    superuser_client: Client, make_method
) -> None:
    method = make_method()
    html = superuser_client.get(f"/admin/methods/method/{method.pk}/change/").text
    assert "vendor/jquery-ui-1.14.1.min.js" in html
    assert not re.search(r'src="(https?:)?//', html)
