"""The house by floors (DESIGN.md, "The flow"; docs/architecture.md).

Every import of the package is read from the source (module level and inside functions alike)
and mapped to a floor; a module may import only its own floor or lower ones, and no group of
modules may import each other in a circle. The disclosure step imports no reader and no
statistics module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "impact"

# floor -> package prefixes; the longest matching prefix decides
FLOORS = {
    1: ("impact.errors", "impact._yaml", "impact._result", "impact._version", "impact.smallcells",
        "impact.i18n", "impact.plots"),
    2: ("impact.protocol", "impact.io", "impact.instruments"),
    3: ("impact.stats", "impact.qual"),
    4: ("impact.studies", "impact.evidence", "impact.synth"),
    5: ("impact.disclosure", "impact.report"),
    6: ("impact", "impact.__main__", "impact.cli", "impact.commands"),
}
# what the disclosure step may not import at all (it reads analysed results, never a data file,
# and computes no statistic)
DISCLOSURE_FORBIDDEN = ("impact.io.readers", "impact.io.load", "impact.io.answers",
                        "impact.io.validate", "impact.io.referrals", "impact.stats",
                        "impact.studies", "impact.qual.quotes", "impact.qual.imports",
                        "impact.qual.refi", "impact.report")


def modules(root: Path = ROOT) -> dict:
    out = {}
    for path in root.rglob("*.py"):
        if "notebooks" in path.parts:
            continue
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_pkg)
    return out


def imports(mods: dict) -> dict:
    """module -> {(imported module, line)} for every ``import``/``from`` of the package."""

    def resolve(name):
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name

    edges = {}
    for name, (path, is_pkg) in mods.items():
        package = name if is_pkg else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(resolve(a.name), node.lineno) for a in node.names
                          if a.name.split(".")[0] == "impact"}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - node.level + 1]
                    full = ".".join(base + ([node.module] if node.module else []))
                else:
                    full = node.module or ""
                if full.split(".")[0] != "impact":
                    continue
                for alias in node.names:
                    sub = f"{full}.{alias.name}"
                    found.add((resolve(sub) if sub in mods else resolve(full), node.lineno))
        edges[name] = {(t, line) for t, line in found if t and t != name}
    return edges


def floor(name: str) -> int:
    best, level = "", None
    for f, prefixes in FLOORS.items():
        for p in prefixes:
            if (name == p or name.startswith(p + ".")) and len(p) > len(best):
                best, level = p, f
    assert level is not None, f"{name} is on no floor: add it to docs/architecture.md and here"
    return level


def cycles(edges: dict) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    graph = {a: sorted({b for b, _ in targets}) for a, targets in edges.items()}
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter[0]
                counter[0] += 1
                stack.append(v)
                on.add(v)
            recurse = False
            for j in range(i, len(graph.get(v, ()))):
                w = graph[v][j]
                if w not in index:
                    work.append((v, j + 1))
                    work.append((w, 0))
                    recurse = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return out


@pytest.fixture(scope="module")
def graph():
    mods = modules()
    return mods, imports(mods)


def test_every_module_is_on_a_floor(graph):
    mods, _ = graph
    assert [m for m in mods if floor(m) is None] == []


def test_no_import_goes_up_a_floor(graph):
    _, edges = graph
    upward = sorted(f"{a} (floor {floor(a)}) line {line} imports {b} (floor {floor(b)})"
                    for a, targets in edges.items() for b, line in targets if floor(b) > floor(a))
    assert upward == []


def test_no_import_circle(graph):
    _, edges = graph
    assert cycles(edges) == []


def test_disclosure_imports_no_reader_and_no_statistics(graph):
    _, edges = graph
    bad = sorted(f"{a} line {line} imports {b}" for a, targets in edges.items()
                 if a.startswith("impact.disclosure") for b, line in targets
                 if any(b == f or b.startswith(f + ".") for f in DISCLOSURE_FORBIDDEN))
    assert bad == []


def test_the_checker_sees_imports_inside_functions_and_circles(tmp_path):
    """The layer test itself: an upward import hidden in a function and a circle are found."""
    pkg = tmp_path / "impact"
    (pkg / "stats").mkdir(parents=True)
    (pkg / "report").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "stats" / "__init__.py").write_text("")
    (pkg / "report" / "__init__.py").write_text("")
    (pkg / "stats" / "a.py").write_text("def f():\n    from ..report.b import g\n")
    (pkg / "stats" / "c.py").write_text("from . import d\n")
    (pkg / "stats" / "d.py").write_text("import impact.stats.c\n")
    (pkg / "report" / "b.py").write_text("def g():\n    pass\n")
    edges = imports(modules(pkg))
    assert ("impact.report.b", 2) in edges["impact.stats.a"]
    assert floor("impact.report.b") > floor("impact.stats.a")
    assert cycles(edges) == [["impact.stats.c", "impact.stats.d"]]
