"""The layout the code's own imports must keep (docs/adr/0010-app-layers-and-scope.md).

The imports of every product module (tests are not the product) are read with `ast`: no import
cycle between apps but those the ADR names, nothing imports the demo, no import of the project's
own modules hides inside a function, and only the authorization module reads a user's access
state.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

BOSETTING = Path(__file__).resolve().parents[2]
ROOT = BOSETTING.parent
ADR = ROOT / "docs" / "adr" / "0010-app-layers-and-scope.md"
AUTHORIZATION_MODULE = BOSETTING / "accounts" / "permissions.py"


def _is_test(path: Path) -> bool:
    parts = path.relative_to(BOSETTING).parts
    return (
        "tests" in parts
        or parts[0] == "tests_browser"
        or path.name == "conftest.py"
        or path.name.startswith("test_")
    )


def product_modules() -> Iterator[Path]:
    for path in sorted(BOSETTING.rglob("*.py")):
        if not _is_test(path):
            yield path


def _app_of(path: Path) -> str | None:
    parts = path.relative_to(BOSETTING).parts
    return parts[0] if len(parts) > 1 else None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _RuntimeImports(ast.NodeVisitor):
    """Every import that runs: those under `if TYPE_CHECKING:` exist only for the type checker."""

    def __init__(self) -> None:
        self.found: list[ast.Import | ast.ImportFrom] = []

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.append(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.found.append(node)


def _imported_modules(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    base = package[: len(package) - (node.level - 1)]
    return [".".join([*base, *([node.module] if node.module else [])])]


def _project_imports(path: Path) -> Iterator[tuple[str, ast.Import | ast.ImportFrom]]:
    visitor = _RuntimeImports()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    for node in visitor.found:
        for module in _imported_modules(path, node):
            if module.startswith("bosetting."):
                yield module, node


def app_graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in product_modules():
        app = _app_of(path)
        if app is None:
            continue
        for module, _node in _project_imports(path):
            other = module.split(".")[1]
            if other != app:
                edges[app].add(other)
    return edges


def allowed_cycles() -> set[frozenset[str]]:
    """The pairs ADR 10 names under "Allowed cycles", e.g. "- `accounts` ↔ `audit`: why"."""
    section = ADR.read_text(encoding="utf-8").split("### Allowed cycles", 1)[1]
    section = section.split("\n## ", 1)[0]
    return {
        frozenset(pair)
        for pair in re.findall(r"^- `(\w+)` ↔ `(\w+)`:", section, flags=re.MULTILINE)
    }


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the groups of apps that reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(edges.get(app, ())):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == app:
                    break
            groups.append(group)

    for app in sorted({*edges, *(o for others in edges.values() for o in others)}):
        if app not in index:
            visit(app)
    return groups


def test_the_adr_names_the_cycles_it_allows():
    assert allowed_cycles() == {
        frozenset({"accounts", "organisations"}),
        frozenset({"accounts", "audit"}),
        frozenset({"audit", "organisations"}),
    }


def test_no_import_cycle_between_apps_but_those_the_adr_allows():
    edges = app_graph()
    allowed = allowed_cycles()
    remaining = {
        app: {other for other in others if frozenset({app, other}) not in allowed}
        for app, others in edges.items()
    }
    cycles = [sorted(group) for group in strongly_connected(remaining) if len(group) > 1]
    assert cycles == [], f"Apps that import each other without an ADR: {cycles}"


def test_the_check_finds_a_cycle():
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        {"a", "b", "c"},
        {"d"},
    ]


def test_nothing_in_the_product_imports_the_demo():
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in product_modules()
        if _app_of(path) != "demo"
        and any(module.startswith("bosetting.demo") for module, _ in _project_imports(path))
    )
    assert importers == []


def test_the_demo_is_installed_only_by_name_in_settings():
    settings_text = (BOSETTING / "settings" / "base.py").read_text(encoding="utf-8")
    assert '"bosetting.demo"' in settings_text


def test_core_imports_no_other_app():
    core = [path for path in product_modules() if _app_of(path) == "core"]
    assert core
    for path in core:
        others = {module for module, _ in _project_imports(path)}
        assert all(module.startswith("bosetting.core") for module in others), path


def test_no_project_import_hides_inside_a_function():
    """Imports inside functions are how import circles hide; apps' ready() hooks are Django's way."""
    hidden = []
    for path in product_modules():
        if path.name == "apps.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (
                    node.level or (node.module or "").startswith("bosetting")
                ):
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


def test_only_the_authorization_module_reads_a_users_access_state():
    """Scope comes from `scope_for`; no view, form or query looks at the organisation itself."""
    readers = []
    for path in product_modules():
        if path == AUTHORIZATION_MODULE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
            if name in {"access_state", "organisation_kind"}:
                readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert readers == []
