"""Template helpers for the public pages."""

import html
import re

from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext as _

from lib.http import absolute_url
from lib.languages import MASTER_LANGUAGE, text_in_language, translated_fields
from methods.search.highlight import MatchedWords

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute(context, path: str) -> str:
    """The absolute address of one of our pages, from SITE_URL (never the Host header)."""
    return absolute_url(context.get("request"), path)


@register.simple_tag
def translated(
    obj, field: str, paragraphs: bool = False, highlight: MatchedWords | None = None
) -> SafeString:
    """A translated field in the page's language, or the Finnish text marked lang="fi".

    The lang attribute makes screen readers pronounce the Finnish text right. The visible
    note that texts fall back to Finnish is said once per page or section, by fallback_note,
    so that headings and link names stay clean. A tag in Python rather than a template: a
    list page shows forty of them, and rendering a template each cost a tenth of its time.
    """
    text, fallback = text_in_language(obj, field)
    if paragraphs:
        language_attribute = format_html(' lang="{}"', fallback) if fallback else ""
        paragraphs_html = mark_safe(linebreaks(text, autoescape=True))  # escaped in there
        return format_html("<div{}>{}</div>", language_attribute, paragraphs_html)
    shown = conditional_escape(highlighted(text, highlight))
    return format_html('<span lang="{}">{}</span>', fallback, shown) if fallback else shown


def falls_back(obj, fields: tuple[str, ...], language: str) -> bool:
    """Whether any of these fields has a Finnish text but none in the page's language."""
    return any(
        getattr(obj, f"{field}_{MASTER_LANGUAGE}", "")
        and not getattr(obj, f"{field}_{language}", "")
        for field in fields
    )


@register.inclusion_tag("includes/fallback_note.html")
def fallback_note(objects, fields: str = "") -> dict:
    """One note for a page or section whose objects show some texts in Finnish.

    `objects` is one object or several; `fields` a comma-separated list of the fields shown
    (all translated fields of the model when left out).
    """
    language = get_language() or MASTER_LANGUAGE
    if language == MASTER_LANGUAGE or not objects:
        return {}
    many = objects if hasattr(objects, "__iter__") else [objects]
    for obj in many:
        names = tuple(f for f in fields.split(",") if f) or translated_fields(type(obj))
        if falls_back(obj, names, language):
            return {"language_name": get_language_info(language)["name_translated"]}
    return {}


# A word, or one of the entities html.escape writes (whose letters are no word of the text).
ENTITY_OR_WORD = re.compile(r"&(?:amp|lt|gt|quot|#x27);|(\w+)")


def highlighted(text: str, matched: MatchedWords | None) -> str | SafeString:
    """Wrap the words the search matched in <mark>; everything else escaped.

    The text is escaped first and its matched words marked in it then: a word has nothing
    to escape. One substitution a text, where splitting it into words and escaping the runs
    between them took twice the time.
    """
    if not matched or not text:
        return text

    def marked(found: re.Match) -> str:
        word = found.group(1)
        if word and word[0].isalnum() and word.lower() in matched:
            return f"<mark>{word}</mark>"
        return found.group(0)

    return mark_safe(ENTITY_OR_WORD.sub(marked, html.escape(str(text))))  # escaped


FACET_CHECKBOX = (
    '<div class="check"><input type="checkbox" name="{name}" value="{code}" id="f-{name}-{code}"'
    '{checked}><label for="f-{name}-{code}">{label} <span class="count">({count})</span></label>'
    "</div>"
)


@register.simple_tag
def facet_checkboxes(facet) -> SafeString:
    """The checkboxes of a facet's values, each labelled with its count.

    A tag in Python rather than a template loop: the filter column shows about a hundred
    values, and their nine template lookups each were a quarter of the list page's time.
    The texts are escaped here, with the standard library's escape, which is a third of the
    cost of format_html's for each part.
    """
    name = html.escape(facet.name)
    return mark_safe(  # every text in it is escaped
        "\n".join(
            FACET_CHECKBOX.format(
                name=name,
                code=html.escape(value.code),
                checked=" checked" if value.selected else "",
                label=html.escape(str(value.label)),
                count=int(value.count),
            )
            for value in facet.values
        )
    )


GAP_COUNT = (
    '<li><a href="{link}"><span class="gap-count gap-{group}">{count}</span> {label}</a></li>'
)


@register.simple_tag
def gap_counts(cell, labels: dict) -> SafeString:
    """A gap map cell's methods by evidence group, each linked to the list of them: in
    Python, as the facets' checkboxes are, since a map shows some 600 of them."""
    return mark_safe(  # every text in it is escaped
        "".join(
            GAP_COUNT.format(
                link=html.escape(link),
                group=html.escape(group),
                count=int(count),
                label=html.escape(str(labels[group])),
            )
            for group, count, link in cell.entries()
            if count
        )
    )


# The badge and the review date are tags in Python rather than templates: every method card
# shows both, and as included templates they took a third of a card's time.


@register.simple_tag
def rating_badge(method=None, rating=None) -> SafeString:
    """A rating level as a badge: `rating` when given, else the method's current rating."""
    level = rating or (method.rating if method is not None else None)
    if not level:
        return format_html(
            '<span class="rating-badge rating-none"><span class="rating-label">{}</span></span>',
            _("Not yet evaluated"),
        )
    warning = " rating-warning" if level.is_off_ladder else ""
    value = (
        format_html('<span class="rating-value">{}</span> ', level.short_label)
        if level.short_label
        else ""
    )
    return format_html(
        '<span class="rating-badge rating-{}{}">{}<span class="rating-label">{}</span></span>',
        level.evidence_group or "off-ladder",
        warning,
        value,
        level.label,
    )


@register.simple_tag
def review_date(method) -> SafeString | str:
    """When the rating was evaluated, always; and a note when that is long ago or unknown."""
    if method.rating_id is None:
        return ""
    years = settings.EVIDENCE_STALE_AFTER_YEARS
    if not method.review_is_stale(years):  # so it has a date
        return format_html('<p class="review-date">{}</p>', _evaluated_on(method))
    if method.rated_on:
        said = _evaluated_on(method)
        warning = ngettext(
            "Evidence last reviewed in %(year)s, more than %(years)s year ago.",
            "Evidence last reviewed in %(year)s, more than %(years)s years ago.",
            years,
        ) % {"year": method.rated_on.year, "years": years}
    else:
        said = _("Evaluation date not recorded")
        warning = _("How current the evidence is cannot be told.")
    return format_html(
        '<p class="review-date review-stale">{}. <strong>{}</strong></p>', said, warning
    )


METHOD_CARD = """<article class="method-card">
  <h3><a href="{url}">{name}</a></h3>
  {rating}
  {review}
  <p class="method-summary">{summary}</p>
  <dl class="card-facts">
    <div><dt>{age_title}</dt><dd>{age}</dd></div>
    <div><dt>{groups_title}</dt><dd>{groups}</dd></div>
    <div><dt>{topics_title}</dt><dd>{topics}</dd></div>
  </dl>
</article>"""


@register.simple_tag
def method_card(method, matched: MatchedWords | None = None) -> SafeString:
    """A method's card in a list: its name linked to its page, its rating, when it was
    evaluated, its summary (the words a search matched marked) and its ages, target groups
    and topics (methods.facets.completed_cards gives the last two).

    A tag in Python rather than an included template: a list shows twenty cards, and their
    template nodes were a third of the page's time. Every text is escaped here or by the
    tags it calls.
    """
    return mark_safe(  # every part is escaped
        METHOD_CARD.format(
            url=html.escape(method.get_absolute_url()),
            name=translated(method, "name", highlight=matched),
            rating=rating_badge(method),
            review=review_date(method),
            summary=translated(method, "summary", highlight=matched),
            age_title=html.escape(_("Age")),
            age=html.escape(method.age_label),
            groups_title=html.escape(_("Target group")),
            groups=html.escape(", ".join(method.card_target_groups) or "–"),
            topics_title=html.escape(_("Topic")),
            topics=html.escape("; ".join(method.card_topics) or "–"),
        )
    )


COMPARE_CHECKBOX = (
    '<div class="check compare-check"><input type="checkbox" name="m" value="{slug}" '
    'id="compare-{slug}"{checked}><label for="compare-{slug}">{compare}'
    '<span class="visually-hidden"> {name}</span></label></div>'
)


@register.simple_tag
def compare_checkbox(method, compared: list[str]) -> SafeString:
    """The checkbox that picks a method of a list for the comparison, ticked when it is
    among those picked already (its label names the method to a screen reader). In Python
    for the reason method_card is."""
    return mark_safe(  # every text is escaped
        COMPARE_CHECKBOX.format(
            slug=html.escape(method.slug),
            checked=" checked" if method.slug in compared else "",
            compare=html.escape(_("Compare")),
            name=html.escape(str(method.name)),
        )
    )


def _evaluated_on(method) -> str:
    return _("Evaluated %(date)s") % {"date": date_format(method.rated_on, "j.n.Y")}


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or an empty value when it is missing."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced, e.g. for pagination links."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()
