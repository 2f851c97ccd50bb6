"""Unit tests mirror the code: every app's `models`, `services` and `selectors` module (or each
module of such a package) has a test module at the same place under tests/ —
`films/services/posters.py` → `tests/films/services/test_posters.py`. The suites that cut
across apps (permissions, fuzz, hardening, reliability, browser, …) are named by concern and
are not checked here."""

from pathlib import Path

from django.conf import settings

from core.layers import LAYERS

ROOT = Path(settings.BASE_DIR)
KINDS = ("models", "services", "selectors")


def mirrored_modules(root: Path, apps: list[str]) -> dict[str, Path]:
    """Each models/services/selectors module of the apps (package modules one by one, their
    `__init__` left out: it re-exports) → the test module that mirrors it."""
    mirrors = {}
    for app in apps:
        for kind in KINDS:
            module = root / app / f"{kind}.py"
            if module.is_file():
                mirrors[f"{app}/{kind}.py"] = root / "tests" / app / f"test_{kind}.py"
            for module in sorted((root / app / kind).glob("*.py")):
                if module.name != "__init__.py":
                    mirror = root / "tests" / app / kind / f"test_{module.name}"
                    mirrors[f"{app}/{kind}/{module.name}"] = mirror
    return mirrors


def unmirrored(root: Path, apps: list[str]) -> list[str]:
    return sorted(name for name, test in mirrored_modules(root, apps).items() if not test.is_file())


def project_apps() -> list[str]:
    return [layer.app for layer in LAYERS if (ROOT / layer.app).is_dir()]


def test_every_models_services_selectors_module_has_a_mirrored_test_module():
    assert unmirrored(ROOT, project_apps()) == []


def test_mirror_scan_finds_modules_and_package_modules_without_tests(tmp_path):
    (tmp_path / "shop" / "services").mkdir(parents=True)
    for name in ("models.py", "selectors.py", "views.py", "services/__init__.py"):
        (tmp_path / "shop" / name).write_text("")
    (tmp_path / "shop" / "services" / "orders.py").write_text("")
    (tmp_path / "shop" / "services" / "refunds.py").write_text("")
    (tmp_path / "tests" / "shop" / "services").mkdir(parents=True)
    (tmp_path / "tests" / "shop" / "test_models.py").write_text("")
    (tmp_path / "tests" / "shop" / "services" / "test_orders.py").write_text("")

    found = unmirrored(tmp_path, ["shop"])

    assert found == ["shop/selectors.py", "shop/services/refunds.py"]
