"""The import scan behind the layer test: every import in every module of an app (at the top,
inside functions, under TYPE_CHECKING) and every model named by a string in a relation field
or `apps.get_model`, checked against core.layers. Migrations are left out: they record the
history of the schema, and their dependencies follow the models anyway."""

import ast
from dataclasses import dataclass
from pathlib import Path

from core.layers import LAYERS, WIRING, allowed_imports

RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.source} imports {self.target}"


def imported_names(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every absolute import and model reference in the tree."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and (label := _model_label(node)):
            names.append((node.lineno, label))
    return names


def _model_label(call: ast.Call) -> str | None:
    name = getattr(call.func, "attr", getattr(call.func, "id", None))
    if name not in RELATIONS and name != "get_model":
        return None
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value if "." in first.value or name == "get_model" else None
    return None


def app_modules(root: Path, app: str) -> list[Path]:
    return sorted(p for p in (root / app).rglob("*.py") if "migrations" not in p.parts)


def forbidden_imports(root: Path, layers=LAYERS) -> list[Import]:
    """Every import that runs upward or sideways where the map forbids it. An app in the map
    whose folder does not exist yet is skipped (and may be imported by nobody, naturally)."""
    apps = {layer.app for layer in layers} | {WIRING}
    found = []
    for layer in layers:
        if not (root / layer.app).is_dir():
            continue
        allowed = allowed_imports(layer.app, layers) | {layer.app}
        for path in app_modules(root, layer.app):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, name in imported_names(tree):
                target = name.split(".")[0]
                if target in apps and target not in allowed:
                    found.append(Import(str(path.relative_to(root)), line, layer.app, name))
    return found
