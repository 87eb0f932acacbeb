"""The house rules of the layout: which app may import which, and no migration cycles."""

import ast
from pathlib import Path

import pytest
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {
    "kasvuntuki",
    "lib",
    "accounts",
    "methods",
    "evaluations",
    "accessibility",
    "implementation",
    "opendata",
}
# What each package may import from the project (besides itself). `kasvuntuki` wires the
# apps together (URLs, settings, the gunicorn preload), so it may name any; nothing imports it.
ALLOWED = {
    "lib": set(),
    "accounts": {"lib"},
    "methods": {"lib", "accounts"},
    "evaluations": {"lib", "accounts", "methods"},
    "accessibility": {"lib", "accounts"},
    "implementation": {"lib", "accounts", "methods"},
    "opendata": {"lib", "accounts", "methods", "evaluations", "implementation"},
    "kasvuntuki": PROJECT_PACKAGES - {"kasvuntuki"},
}


def imported_packages(path: Path) -> set[str]:
    """The project packages a module imports (absolute imports; relative ones stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & PROJECT_PACKAGES


def imports_of(package: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): imported_packages(path) - {package}
        for path in (ROOT / package).rglob("*.py")
    }


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_the_layout_allows(package: str) -> None:
    forbidden = {
        module: sorted(names - ALLOWED[package])
        for module, names in imports_of(package).items()
        if names - ALLOWED[package]
    }
    assert forbidden == {}


def test_the_allowed_imports_have_no_cycle() -> None:
    def reaches(start: str, goal: str, seen: frozenset = frozenset()) -> bool:
        return any(
            step == goal or (step not in seen and reaches(step, goal, seen | {step}))
            for step in ALLOWED[start]
        )

    assert [package for package in ALLOWED if reaches(package, package)] == []


def test_no_two_apps_depend_on_each_other_through_migrations() -> None:
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    app_edges = {
        (child[0], parent[0])
        for child, node in graph.node_map.items()
        for parent in (p.key for p in node.parents)
        if child[0] != parent[0]
    }
    assert [(a, b) for a, b in app_edges if (b, a) in app_edges] == []
