"""Nothing in the app sends mail except through the outbox: no module outside outbox/ imports
Django's mail API or smtplib, or calls a mail-sending function."""

import ast
from pathlib import Path

from tests.conftest import PROJECT_ROOT

MAIL_MODULES = {"django.core.mail", "smtplib"}
SENDING_CALLS = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
    "send_messages",
}
NOT_APP_CODE = {"outbox", "tests", "migrations", "node_modules", "staticfiles", "media"}


def mail_uses(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if _is_mail(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            if any(_is_mail(name) for name in names):
                found.append((node.lineno, f"from {node.module} import …"))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in SENDING_CALLS:
                found.append((node.lineno, f"{name}(…)"))
    return [f"line {line}: {text}" for line, text in sorted(found)]


def _is_mail(module: str) -> bool:
    return any(module == m or module.startswith(f"{m}.") for m in MAIL_MODULES)


def app_modules() -> list[Path]:
    return [
        path
        for path in PROJECT_ROOT.rglob("*.py")
        if not any(part.startswith(".") or part in NOT_APP_CODE for part in path.parts)
    ]


def test_no_module_outside_the_outbox_sends_mail():
    offenders = {
        str(path.relative_to(PROJECT_ROOT)): uses
        for path in app_modules()
        if (uses := mail_uses(path.read_text(encoding="utf-8")))
    }

    assert offenders == {}


def test_the_scan_covers_the_apps():
    scanned = {path.relative_to(PROJECT_ROOT).parts[0] for path in app_modules()}

    assert {"accounts", "films", "workspace", "config", "core"} <= scanned
    assert "outbox" not in scanned


def test_the_scan_finds_each_way_of_sending():
    source = """
from django.core.mail import send_mail
import smtplib
from django.core import mail

class Form:
    def send_mail(self, *args):  # overriding, as the password reset form does: allowed
        super().send_mail(*args)  # calling Django's: not allowed

mail.mail_admins("subject", "body")
EmailMessage("s", "b", to=["x@example.org"]).send()
"""

    assert mail_uses(source) == [
        "line 2: from django.core.mail import …",
        "line 3: import smtplib",
        "line 4: from django.core import …",
        "line 8: send_mail(…)",
        "line 10: mail_admins(…)",
        "line 11: EmailMessage(…)",
    ]
