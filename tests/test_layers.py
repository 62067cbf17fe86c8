"""Imports run one way, down the layers, and close no circle (docs/architecture.md).

Every import the package runs is counted, the ones inside functions included
(only ``if TYPE_CHECKING:`` blocks are left out: they never run). A module may
import its own folder and the layers below it; ``read/`` and ``write/`` never
import each other; nothing imports from its own package's ``__init__``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sphinx_eventarchive"
ROOT = "sphinx_eventarchive"

#: The layers from the bottom up: a part may import the parts of its own layer that
#: it shares a row with only where the row says so (``peers``), and every lower layer.
LAYERS: list[tuple[set[str], bool]] = [
    ({"core"}, False),
    # Anything may import them; they import only core/ (and each other).
    ({"messages", "config", "_compat"}, True),
    ({"archive"}, False),
    ({"site"}, False),
    # What read/ makes and write/ renders: format-neutral nodes and their labels.
    ({"doc"}, False),
    ({"read", "write"}, False),
    ({"social", "exports", "search"}, True),
    # __init__ wires setup() to extension.py; the version lives in core/version.py.
    ({"extension", "__init__", "__main__", "importers", "cli", "commands", "check"}, True),
]
#: Sphinx-free parts of the command line: they may import core/ and nothing else of ours.
SPHINX_FREE = {"core", "importers"}


def part(module: str) -> str:
    """The layer part of a module: its first component below the package."""
    rest = module.removeprefix(ROOT).lstrip(".")
    return rest.split(".")[0] if rest else "__init__"


def level(name: str) -> int:
    for index, (names, _peers) in enumerate(LAYERS):
        if name in names:
            return index
    raise AssertionError(f"{name!r} is in no layer of tests/test_layers.py")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        dotted = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[dotted.removesuffix(".__init__")] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(module: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(module imported, line) for every import of ours that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def walk(node: ast.AST) -> Iterator[ast.AST]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                yield from (n for orelse in child.orelse for n in [orelse, *walk(orelse)])
                continue
            yield child
            yield from walk(child)

    for node in walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(ROOT):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if not target.startswith(ROOT):
                continue
            for alias in node.names:
                # "from package import submodule" imports the submodule.
                sub = f"{target}.{alias.name}"
                yield (sub if sub in known else target), node.lineno


def graph() -> dict[str, set[str]]:
    known = modules()
    return {module: {target for target, _line in imports(module, path, known)
                     if target in known and target != module}
            for module, path in known.items()}


def test_imports_run_down_the_layers() -> None:
    known = modules()
    wrong = []
    for module, path in known.items():
        mine = part(module)
        for target, line in imports(module, path, known):
            theirs = part(target)
            where = f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}"
            if mine in SPHINX_FREE and theirs not in {"core", mine}:
                wrong.append(f"{where} (Sphinx-free {mine}/ imports only core/)")
            elif theirs == mine:
                continue
            elif level(theirs) > level(mine):
                wrong.append(f"{where} (a layer above)")
            elif level(theirs) == level(mine) and not LAYERS[level(mine)][1]:
                wrong.append(f"{where} ({mine} and {theirs} do not import each other)")
    assert wrong == []


def test_no_submodule_imports_its_own_package() -> None:
    known = modules()
    wrong = []
    for module, path in known.items():
        if path.name == "__init__.py":
            continue
        parents = {module.rsplit(".", n)[0] for n in range(1, module.count("."))}
        parents.discard(ROOT)
        for target, line in imports(module, path, known):
            if target in parents:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert wrong == []


def test_no_import_circle() -> None:
    edges = graph()
    circles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                circles.append(" -> ".join([*stack[stack.index(target):], target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert circles == []


def test_the_walk_sees_function_local_imports() -> None:
    """The test itself: an import inside a function counts, one under TYPE_CHECKING not."""
    sample = PACKAGE / "site.py"
    found = {target for target, _line in imports(f"{ROOT}.site", sample, modules())}
    assert f"{ROOT}.messages" in found
