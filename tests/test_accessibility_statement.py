import pytest
from django.test import Client

from accessibility.models import Feedback
from lib.spam import new_form_token


def token() -> str:
    return new_form_token(age_seconds=30)


@pytest.mark.parametrize("url", ["/saavutettavuus/", "/sv/tillganglighet/", "/en/accessibility/"])
@pytest.mark.django_db
def test_the_statement_is_there_in_three_languages(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="message"' in response.text


@pytest.mark.django_db
def test_feedback_reaches_the_editorial_office(client: Client) -> None:
    response = client.post(
        "/en/accessibility/",
        {"message": "The filter list is hard to use with a screen reader.", "form_token": token()},
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.language, feedback.message[:10]) == ("en", "The filter")


@pytest.mark.django_db
def test_empty_or_robotic_feedback_is_refused(client: Client) -> None:
    assert (
        client.post("/en/accessibility/", {"message": "", "form_token": token()}).status_code == 400
    )
    bot = {"message": "spam", "form_token": token(), "homepage": "http://spam.example"}
    assert client.post("/en/accessibility/", bot).status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_a_form_token_is_accepted_only_once(client: Client) -> None:
    sent = {"message": "The contrast of the footer is low.", "form_token": token()}
    assert client.post("/en/accessibility/", sent).status_code == 302
    replayed = client.post("/en/accessibility/", sent)
    assert replayed.status_code == 400
    assert "already sent" in replayed.text
    assert Feedback.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_token_is_replaced_by_a_fresh_one_on_the_page(client: Client) -> None:
    sent = {"message": "The contrast of the footer is low.", "form_token": token()}
    client.post("/en/accessibility/", sent)
    page = client.post("/en/accessibility/", sent)
    assert f'value="{sent["form_token"]}"' not in page.text
    assert 'name="form_token"' in page.text


@pytest.mark.django_db
def test_a_form_refused_for_a_mistake_can_be_corrected_and_sent_with_its_token(
    client: Client,
) -> None:
    form_token = token()
    assert (
        client.post("/en/accessibility/", {"message": "", "form_token": form_token}).status_code
        == 400
    )
    corrected = {"message": "The contrast of the footer is low.", "form_token": form_token}
    assert client.post("/en/accessibility/", corrected).status_code == 302
