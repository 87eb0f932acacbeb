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
from django.db.models import QuerySet

from .filters import IN_USE, UNRATED
from .models import (
    VOCABULARY_RELATIONS,
    Method,
    Organisation,
    RatingScale,
    Region,
    ScaleLevel,
    Term,
)

TOTAL = "__total__"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _term_source(relation: str) -> str:
    through = getattr(Method, relation).through
    return (
        f"SELECT t.code AS value, l.method_id AS method FROM {_table(through)} l "
        f"JOIN {_table(Term)} t ON t.id = l.term_id"
    )


def _sources() -> dict[str, str]:
    """Facet name → a select of (value, method) pairs: which methods have which value.

    Each pair is there once (the link tables and adoptions are unique per method and value),
    so COUNT(*) counts methods, without the sort a COUNT(DISTINCT) costs.
    """
    methods, levels = _table(Method), _table(ScaleLevel)
    # Adoptions belong to the implementation app; the registry reaches them only through
    # the reverse relation, so their table is looked up rather than imported.
    adoptions = _table(Method._meta.get_field("adoptions").related_model)
    by_relation = {relation: _term_source(relation) for relation in VOCABULARY_RELATIONS}
    return {
        "target_group": by_relation["target_groups"],
        "topic": by_relation["topics"],
        "setting": by_relation["service_settings"],
        "delivery": by_relation["delivery_formats"],
        "care_level": by_relation["care_levels"],
        "training_language": by_relation["training_languages"],
        "group": (
            f"SELECT s.evidence_group AS value, m.id AS method FROM {methods} m "
            f"JOIN {levels} s ON s.id = m.rating_id"
        ),
        "level": (
            f"SELECT COALESCE(s.key, '{UNRATED}') AS value, m.id AS method FROM {methods} m "
            f"LEFT JOIN {levels} s ON s.id = m.rating_id"
        ),
        "scale": (
            f"SELECT r.code AS value, m.id AS method FROM {methods} m "
            f"JOIN {levels} s ON s.id = m.rating_id JOIN {_table(RatingScale)} r "
            f"ON r.id = s.scale_id"
        ),
        "owner": (
            f"SELECT o.slug AS value, m.id AS method FROM {methods} m "
            f"JOIN {_table(Organisation)} o ON o.id = m.owner_id"
        ),
        "region": (
            f"SELECT g.code AS value, a.method_id AS method FROM {adoptions} a "
            f"JOIN {_table(Region)} g ON g.id = a.region_id WHERE a.status = '{IN_USE}'"
        ),
    }


def _base_sql(base: QuerySet[Method]) -> tuple[str, tuple] | None:
    """The SQL of a base's method ids, or None when it can select nothing."""
    try:
        return base.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None


def count_facets(
    groups: list[tuple[QuerySet[Method], list[str]]],
) -> tuple[int, dict[str, dict[str, int]]]:
    """(how many methods the first base selects, facet → value → count), in one query.

    `groups` pairs each distinct base with the facets counted over it; the first base is
    the one of all the filters, whose size is the length of the list.
    """
    sources = _sources()
    ctes: list[str] = []
    params: list = []
    selects: list[str] = []
    for number, (base, facets) in enumerate(groups):
        sql = _base_sql(base)
        if sql is None:
            continue  # nothing to count: every count of these facets is 0
        name = f"base_{number}"
        ctes.append(f"{name}(id) AS ({sql[0]})")
        params.extend(sql[1])
        if number == 0:
            selects.append(f"SELECT '{TOTAL}', '', COUNT(*) FROM {name}")
        selects.extend(
            f"SELECT '{facet}', f.value, COUNT(*) FROM ({sources[facet]}) f "
            f"WHERE f.method IN (SELECT id FROM {name}) GROUP BY f.value"
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
            else:
                counts[facet][value] = count
    return total, counts
