"""Template tags for pages of other apps that show implementation facts, e.g. the method page's
"where in use" (methods never imports this app; its template loads these tags)."""

from django import template

from ..views import where_in_use as where_in_use_facts

register = template.Library()


@register.inclusion_tag("implementation/where_in_use.html")
def where_in_use(method) -> dict:
    return where_in_use_facts(method)


@register.inclusion_tag("implementation/coverage_bar.html")
def coverage_bar(record) -> dict:
    """Training coverage against its target as an SVG bar, with the numbers beside it."""
    return {"record": record}
