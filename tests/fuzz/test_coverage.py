"""A new form must join the fuzzing: every form class defined in the project is named by a row
of tests/fuzz/targets.py, or listed here with the reason it is not."""

import importlib

from django import forms
from django.apps import apps
from django.conf import settings

from tests.fuzz.targets import TARGETS

# Forms posted by nobody but the Django admin (which validates through them; fuzzing the admin
# itself is Django's business), with their reason.
NOT_FUZZED: dict[str, str] = {
    "films.admin.FilmAdminForm": "the admin's film form; its poster goes through core.uploads",
    "core.admin_forms.CheckedImagesModelForm": "the admin's base form for models with images",
}


def project_form_classes() -> set[type]:
    project = {app.name for app in apps.get_app_configs() if not app.name.startswith("django")}
    project -= {"crispy_forms", "crispy_bootstrap5", "whitenoise.runserver_nostatic"}
    for app in project:
        for module in ("forms", "views", "admin"):
            try:
                importlib.import_module(f"{app}.{module}")
            except ModuleNotFoundError:
                continue
    importlib.import_module(settings.ROOT_URLCONF)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__.split(".")[0] in project:
                found.add(subclass)
    return found


def test_every_form_is_fuzzed():
    covered = {form_class for target in TARGETS for form_class in target.form_classes}
    parents = {base for form_class in covered for base in form_class.__mro__}

    missing = {
        f"{form_class.__module__}.{form_class.__qualname__}"
        for form_class in project_form_classes()
        if form_class not in covered and form_class not in parents
    } - set(NOT_FUZZED)

    assert missing == set()
