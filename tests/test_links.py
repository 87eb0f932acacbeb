"""Every stored link is an http(s) address: the models refuse others, so forms, admin and the
import (which checks with the same function) all do."""

import pytest
from django.core.exceptions import ValidationError

from evaluations.forms import ProposalForm
from evaluations.models import Proposal
from lib.links import is_web_link
from methods.models import Method, Organisation

NOT_WEB = ["javascript:alert(1)", "ftp://example.org/", "data:text/html,x", "//example.org/"]


@pytest.mark.parametrize("link", NOT_WEB)
def test_only_http_and_https_addresses_are_web_links(link) -> None:
    assert not is_web_link(link)
    assert is_web_link("https://example.org/") and is_web_link("http://example.org/a?b=c")


@pytest.mark.parametrize("link", NOT_WEB)
@pytest.mark.django_db
def test_a_method_refuses_a_website_that_is_not_a_web_address(link) -> None:
    method = Method(slug="m", name_fi="M", age_min=0, age_max=17, website=link)
    with pytest.raises(ValidationError) as refused:
        method.full_clean()
    assert "website" in refused.value.message_dict


@pytest.mark.django_db
def test_an_organisation_refuses_a_website_that_is_not_a_web_address() -> None:
    with pytest.raises(ValidationError) as refused:
        Organisation(slug="o", name_fi="O", website="ftp://example.org/").full_clean()
    assert "website" in refused.value.message_dict


@pytest.mark.django_db
def test_the_proposal_form_refuses_a_website_that_is_not_a_web_address() -> None:
    form = ProposalForm(
        data={
            "method_name": "Menetelmä",
            "description": "Kuvaus.",
            "website": "ftp://example.org/",
            "proposer_name": "P",
            "proposer_email": "p@example.org",
            "consent": "on",
        }
    )
    assert not form.is_valid()
    assert "website" in form.errors
    assert not Proposal.objects.exists()
