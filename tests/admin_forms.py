"""Build the POST data of an admin change form from the page the user was shown."""

from django.forms import BaseForm


def _field_values(form: BaseForm) -> dict[str, object]:
    data: dict[str, object] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, (list, tuple)):
            value = [str(item) for item in value]
        data[bound.html_name] = value
    return data


def change_form_data(response) -> dict[str, object]:
    """Every field of the form and its inline formsets, as the browser would send them."""
    data = _field_values(response.context["adminform"].form)
    # The history's "old version" page shows the form without its inlines.
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    return data
