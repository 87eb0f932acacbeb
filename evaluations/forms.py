"""The public proposal form: spam-guarded (lib.spam), with the proposer's consent."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from lib.spam import SpamGuardedForm

from .models import Proposal

MAX_DESCRIPTION_LENGTH = 5000


class ProposalForm(SpamGuardedForm, forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that my contact details are used to handle this proposal and to tell me "
            "about its progress."
        )
    )

    class Meta:
        model = Proposal
        fields = [
            "method_name",
            "description",
            "website",
            "proposer_name",
            "proposer_email",
            "proposer_organisation",
            "is_method_owner",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        description = self.fields["description"]
        description.max_length = MAX_DESCRIPTION_LENGTH
        description.validators.append(MaxLengthValidator(MAX_DESCRIPTION_LENGTH))
        description.widget.attrs["maxlength"] = MAX_DESCRIPTION_LENGTH
