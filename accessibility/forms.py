from django import forms
from django.core.validators import MaxLengthValidator

from lib.spam import SpamGuardedForm

from .models import Feedback

MAX_MESSAGE_LENGTH = 5000


class FeedbackForm(SpamGuardedForm, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "email", "page"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_MESSAGE_LENGTH})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["message"].validators.append(MaxLengthValidator(MAX_MESSAGE_LENGTH))
