"""Every variable the settings read is documented in .env.example, and nothing stale is."""

import re

from tests.conftest import PROJECT_ROOT


def test_env_example_lists_exactly_the_variables_the_settings_read():
    settings_source = (PROJECT_ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_0-9]+)"', settings_source))
    example = (PROJECT_ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_0-9]+)=", example, re.MULTILINE))

    assert read - documented == set()
    assert documented - read == set()
