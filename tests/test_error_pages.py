"""The 400, 403, 404 and 500 pages: translated, with the site's header and a way back."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import Client
from django.urls import path

from kasvuntuki import urls as site_urls
from kasvuntuki.views import bad_request, permission_denied


def fails(request):
    raise RuntimeError("a bug in a view")


# The site's own URLs plus one view that fails, to see the real 500 page.
urlpatterns = [
    *i18n_patterns(path("fails/", fails), prefix_default_language=False),
    *site_urls.urlpatterns,
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

HEADINGS = {
    "fi": {404: "Sivua ei löytynyt", 500: "Jotain meni vikaan"},
    "sv": {404: "Sidan hittades inte", 500: "Något gick fel"},
    "en": {404: "Page not found", 500: "Something went wrong"},
}


@pytest.mark.parametrize(("prefix", "language"), [("", "fi"), ("/sv", "sv"), ("/en", "en")])
@pytest.mark.django_db
def test_an_unknown_address_gives_the_translated_404_page(client: Client, prefix, language):
    response = client.get(f"{prefix}/ei-ole-olemassa/")
    assert response.status_code == 404
    page = response.content.decode()
    assert HEADINGS[language][404] in page
    assert f'<html lang="{language}">' in page
    assert 'class="site-header"' in page


@pytest.mark.parametrize(("prefix", "language"), [("", "fi"), ("/sv", "sv"), ("/en", "en")])
@pytest.mark.django_db
def test_a_failing_view_gives_the_translated_500_page(settings, prefix, language) -> None:
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get(f"{prefix}/fails/")
    assert response.status_code == 500
    page = response.content.decode()
    assert HEADINGS[language][500] in page
    assert 'class="site-header"' in page
    assert "RuntimeError" not in page


@pytest.mark.parametrize(
    ("view", "status", "heading"),
    [
        (bad_request, 400, "The request could not be understood"),
        (permission_denied, 403, "Access denied"),
    ],
)
@pytest.mark.django_db
def test_the_400_and_403_pages_explain_and_offer_a_way_back(rf, view, status, heading) -> None:
    from django.utils import translation

    with translation.override("en"):
        response = view(rf.get("/en/"), Exception())
    page = response.content.decode()
    assert response.status_code == status
    assert heading in page
    assert "Go to the front page" in page


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_translated_403_page() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/propose/", {"method_name": "X"})
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


@pytest.mark.django_db
def test_the_404_page_links_only_to_our_own_pages(client: Client) -> None:
    page = client.get("//evil.example/").content.decode()
    assert "evil.example" not in page
    assert 'href="/sv/"' in page
