"""Data flows one way (cli → api → stages) and heavy libraries stay in their own modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
# Stage order: a module may import only its own stage, the shared base and earlier stages.
ORDER = ["base", "read", "split", "ingest", "analyse", "extract", "resolve", "graph", "export", "query",
         "validate", "serve", "incremental", "api", "watch", "cli"]
BASE = {"kg", "kg.model", "kg.errors", "kg.settings", "kg.resources", "kg.naming", "kg.vocab",
        "kg.resources.gazetteer"}
LIBRARIES = {"jieba": {"kg.analyse.segment"}, "pyvis": {"kg.export.html"}, "networkx": {"kg.export.network"},
             "click": {"kg.cli"}}
RDFLIB_ALLOWED_STAGES = {"graph", "export", "query", "validate", "serve", "incremental", "api", "watch", "cli"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(KG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _stage(module: str) -> str:
    if module in BASE or module == "kg.__main__":
        return "base"
    part = module.split(".")[1] if "." in module else "base"
    return part if part in ORDER else "base"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


MODULES = sorted(KG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_layering_imports_point_backwards(path: Path) -> None:
    module = _module_name(path)
    if module in ("kg", "kg.__main__"):
        return
    own = ORDER.index(_stage(module))
    for imported in _imports(path):
        if imported.startswith("kg.") or imported == "kg":
            target = _stage(imported)
            assert ORDER.index(target) <= own, f"{module} ({ORDER[own]}) imports later stage {imported}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_layering_libraries_stay_in_their_module(path: Path) -> None:
    module = _module_name(path)
    for imported in _imports(path):
        top = imported.split(".")[0]
        if top in LIBRARIES:
            assert module in LIBRARIES[top], f"{module} imports {top}"
        if top == "rdflib":
            assert module == "kg.vocab" or _stage(module) in RDFLIB_ALLOWED_STAGES, f"{module} imports rdflib"
