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
