import re

import pytest
from django.test import Client

from accounts.models import User

from .conftest import client_for


@pytest.fixture
def editor_client(editor: User) -> Client:
    """Signed in with the editor's role, not as a superuser: the role's permissions are what
    these tests rest on, and a superuser would pass whatever the roles grant."""
    return client_for(editor)


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
def test_editors_can_open_the_registry_admin(editor_client: Client, url: str) -> None:
    assert editor_client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_method_form_has_translation_tabs_for_three_languages(
    editor_client: Client, make_method
) -> None:
    method = make_method()
    html = editor_client.get(f"/admin/methods/method/{method.pk}/change/").text
    for field in ("name_fi", "name_sv", "name_en", "summary_sv"):
        assert f'name="{field}"' in html
    assert "tabbed_translation_fields.js" in html


@pytest.mark.django_db
def test_the_rating_cannot_be_typed_into_the_method_form(
    editor_client: Client, make_method
) -> None:
    method = make_method()
    html = editor_client.get(f"/admin/methods/method/{method.pk}/change/").text
    assert 'name="rating"' not in html


@pytest.mark.django_db
def test_vocabulary_fields_use_autocomplete(editor_client: Client, vocabularies) -> None:
    response = editor_client.get(
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
def test_admin_pages_load_no_scripts_from_other_hosts(editor_client: Client, make_method) -> None:
    method = make_method()
    html = editor_client.get(f"/admin/methods/method/{method.pk}/change/").text
    assert "vendor/jquery-ui-1.14.1.min.js" in html
    assert not re.search(r'src="(https?:)?//', html)
