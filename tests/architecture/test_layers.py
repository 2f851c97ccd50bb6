"""The layer map (core.layers) holds: no module imports an app above it or beside it."""

from importlib.metadata import packages_distributions
from pathlib import Path

from django.apps import apps
from django.conf import settings

from core.layers import DOMAIN, GROUND, LAYERS, PEOPLE, WIRING, Layer, allowed_imports, layers_table
from tests.architecture.imports import forbidden_imports

ROOT = Path(settings.BASE_DIR)


def test_no_module_imports_against_the_layer_map():
    found = forbidden_imports(ROOT)

    assert [str(i) for i in found] == []


def test_layer_scan_catches_an_upward_import_inline_and_by_model_string(tmp_path):
    layers = (
        Layer("low", GROUND, (), ""),
        Layer("high", DOMAIN, ("low",), ""),
        Layer("side", DOMAIN, ("low",), ""),
    )
    for app in ("low", "high", "side"):
        (tmp_path / app).mkdir()
    (tmp_path / "low" / "models.py").write_text(
        "from django.db import models\n"
        "import low.selectors\n"
        "class Thing(models.Model):\n"
        "    owner = models.ForeignKey('high.Owner', on_delete=models.CASCADE)\n"
    )
    (tmp_path / "low" / "views.py").write_text("def page():\n    from high.views import x\n")
    (tmp_path / "high" / "services.py").write_text("from low.models import Thing\nimport side\n")
    (tmp_path / "low" / "migrations").mkdir()
    (tmp_path / "low" / "migrations" / "0001.py").write_text("import high\n")

    found = forbidden_imports(tmp_path, layers)

    assert [str(i) for i in found] == [
        "low/models.py:4 low imports high.Owner",
        "low/views.py:2 low imports high.views",
        "high/services.py:2 high imports side",
    ]


def test_layer_scan_skips_an_app_the_map_places_before_it_exists(tmp_path):
    layers = (Layer("low", GROUND, (), ""), Layer("future", DOMAIN, ("low",), ""))
    (tmp_path / "low").mkdir()
    (tmp_path / "low" / "models.py").write_text("import os\n")

    assert forbidden_imports(tmp_path, layers) == []


def test_every_installed_project_app_is_in_the_layer_map():
    mapped = {layer.app for layer in LAYERS}
    project_apps = {
        config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT
    }

    assert sorted(project_apps - mapped) == []


def test_no_app_in_the_layer_map_shadows_an_installed_package():
    installed = set(packages_distributions())

    assert sorted(layer.app for layer in LAYERS if layer.app in installed) == []


def test_layer_map_runs_one_way_ground_then_domain_then_people():
    order = [GROUND, DOMAIN, PEOPLE]
    position = {layer.app: index for index, layer in enumerate(LAYERS)}

    for layer in LAYERS:
        for below in layer.builds_on:
            assert position[below] < position[layer.app], (layer.app, below)
            assert order.index(layer_kind(below)) <= order.index(layer.kind), (layer.app, below)


def test_people_facing_apps_reach_every_domain_app_and_not_each_other():
    domain = {layer.app for layer in LAYERS if layer.kind != PEOPLE}
    people = [layer.app for layer in LAYERS if layer.kind == PEOPLE]

    for app in people:
        assert allowed_imports(app) == domain, app
    assert WIRING not in domain


def test_readme_architecture_table_is_the_layer_map():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- layers:start -->\n", 1)[1].split("<!-- layers:end -->", 1)[0]

    assert table == layers_table(), "regenerate it: .venv/bin/python -m core.layers"


def layer_kind(app: str) -> str:
    return next(layer.kind for layer in LAYERS if layer.app == app)
