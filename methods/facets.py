"""Every facet's value counts of the method list in one grouped query.

A facet's counts are over the methods its base selects: all the list's filters, or, for a
facet with chosen values, all the others (its values are alternatives to each other). Each
distinct base is written once as a common table expression, so the database runs the search
and filters once per base, not once per facet, and one UNION ALL of small grouped selects
counts every facet from them. The same SQL runs on PostgreSQL (which materialises a common
table expression used more than once) and SQLite.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet

from .filters import IN_USE, TERM_FILTERS, UNRATED
from .models import (
    VOCABULARY_RELATIONS,
    Method,
    Organisation,
    RatingScale,
    Region,
    ScaleLevel,
    Term,
)

# The method relation each term facet counts: the one classifying by the filter's vocabulary.
RELATION_OF_FACET = {
    name: relation
    for name, vocabulary in TERM_FILTERS.items()
    for relation, of_vocabulary in VOCABULARY_RELATIONS.items()
    if of_vocabulary == vocabulary
}
TOTAL = "__total__"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _term_counts(relation: str, base: str) -> str:
    """Counts by term id: the caller knows the terms' codes, and a join of every link row
    with the terms to read them would cost the database a third of the facet's time."""
    through = getattr(Method, relation).through
    return (
        f"SELECT CAST(l.term_id AS VARCHAR(20)), COUNT(*) FROM {_table(through)} l "
        f"JOIN {base} b ON b.matched_id = l.method_id GROUP BY l.term_id"
    )


def _counts_sql(facet: str, base: str) -> str:
    """A select of (value, number of methods) for one facet over the methods of `base`.

    `base` holds each method once with its rating and owner, so the facets of the method's
    own columns need no second look at the methods; the link tables and adoptions are unique
    per method and value, so COUNT(*) counts methods.
    """
    levels = _table(ScaleLevel)
    # Adoptions belong to the implementation app; the registry reaches them only through
    # the reverse relation, so their table is looked up rather than imported.
    adoptions = _table(Method._meta.get_field("adoptions").related_model)
    if facet in RELATION_OF_FACET:
        return _term_counts(RELATION_OF_FACET[facet], base)
    return {
        "group": f"SELECT s.evidence_group, COUNT(*) FROM {base} b "
        f"JOIN {levels} s ON s.id = b.matched_rating GROUP BY s.evidence_group",
        "level": f"SELECT COALESCE(s.key, '{UNRATED}'), COUNT(*) FROM {base} b "
        f"LEFT JOIN {levels} s ON s.id = b.matched_rating GROUP BY s.key",
        "scale": f"SELECT r.code, COUNT(*) FROM {base} b "
        f"JOIN {levels} s ON s.id = b.matched_rating "
        f"JOIN {_table(RatingScale)} r ON r.id = s.scale_id GROUP BY r.code",
        "owner": f"SELECT o.slug, COUNT(*) FROM {base} b "
        f"JOIN {_table(Organisation)} o ON o.id = b.matched_owner GROUP BY o.slug",
        "region": f"SELECT g.code, COUNT(*) FROM {adoptions} a JOIN {base} b "
        f"ON b.matched_id = a.method_id JOIN {_table(Region)} g ON g.id = a.region_id "
        f"WHERE a.status = '{IN_USE}' GROUP BY g.code",
    }[facet]


def _base_sql(base: QuerySet[Method]) -> tuple[str, tuple] | None:
    """The SQL of a base's methods (once each, with rating and owner), or None when it can
    select nothing."""
    try:
        # Named columns, read by name: values() orders plain fields as the model does, not as
        # asked, and modeltranslation's values() with expressions alone selects every column.
        named = {
            "matched_id": F("pk"),
            "matched_rating": F("rating_id"),
            "matched_owner": F("owner_id"),
        }
        # Distinct only when a filter made it so (the term filters join their link tables);
        # the other filters select each method once, and a needless DISTINCT of every
        # published method costs the database a tenth of the query.
        rows = base.order_by().annotate(**named).values(*named)
        return rows.query.sql_with_params()
    except EmptyResultSet:
        return None


def count_facets(
    groups: list[tuple[QuerySet[Method], list[str]]], terms: list[Term]
) -> tuple[int, dict[str, dict[str, int]]]:
    """(how many methods the first base selects, facet → value → count), in one query.

    `groups` pairs each distinct base with the facets counted over it; the first base is
    the one of all the filters, whose size is the length of the list. `terms` are the
    term facets' values, which name the counts the database gives by term id.
    """
    code_of = {str(term.pk): term.code for term in terms}
    ctes: list[str] = []
    params: list = []
    selects: list[str] = []
    for number, (base, facets) in enumerate(groups):
        sql = _base_sql(base)
        if sql is None:
            continue  # nothing to count: every count of these facets is 0
        name = f"base_{number}"
        ctes.append(f"{name} AS ({sql[0]})")
        params.extend(sql[1])
        if number == 0:
            selects.append(f"SELECT '{TOTAL}', '', COUNT(*) FROM {name}")
        selects.extend(
            f"SELECT '{facet}', * FROM ({_counts_sql(facet, name)}) {name}_{facet}"
            for facet in facets
        )
    counts: dict[str, dict[str, int]] = {facet: {} for _, facets in groups for facet in facets}
    if not selects:
        return 0, counts
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} " + " UNION ALL ".join(selects), params)
        for facet, value, count in cursor.fetchall():
            if facet == TOTAL:
                total = count
            elif facet in RELATION_OF_FACET:
                if value in code_of:  # a term made since the list's terms were read: none
                    counts[facet][code_of[value]] = count
            else:
                counts[facet][value] = count
    return total, counts
