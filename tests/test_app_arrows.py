"""The apps depend on each other one way only (design.md §3):

    public  ──┐
              ├──> responses ──> tracker
    imports ──┘

`tracker` (the domain of forces, bodies, reports and findings) imports from no other app of ours;
`responses` (responses, the workflow, the staff area) from `tracker` only; `imports` (parsers,
plans, the import job and its pages) and `public` (the public pages) from those two and not from
each other. Read from the source with `ast`, so an import inside a function counts too; the
project's wiring (settings, the root URLconf) names apps in strings, which are not imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"tracker", "responses", "imports", "public"}
MAY_IMPORT = {
    "tracker": set(),
    "responses": {"tracker"},
    "imports": {"responses", "tracker"},
    "public": {"responses", "tracker"},
}


def imported_apps(path):
    """The apps of ours that the module at `path` imports, with the line of each."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(name.split(".")[0], node.lineno) for name in names if name.split(".")[0] in OURS]
    return found


def test_the_walk_sees_the_imports_it_is_meant_to_forbid(tmp_path):
    """The checker itself: a module-level, an aliased and a function-level import are all found."""
    module = tmp_path / "module.py"
    module.write_text(
        "import imports.views as v\nfrom public import search\ndef f():\n    from responses.models import Response\n"
    )
    assert imported_apps(module) == [("imports", 1), ("public", 2), ("responses", 4)]


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_each_app_imports_only_the_apps_below_it(app):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {other}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for other, line in imported_apps(path)
        if other != app and other not in MAY_IMPORT[app]
    ]
    assert wrong == []
