"""The layer map: which app may import which. Declared here once; the import-direction test
(tests/architecture/test_layers.py) walks every module with `ast` and fails on an import the
map forbids, and the README's architecture table is checked against it.

An app may import the apps it builds on and, through them, everything below: an import that
runs upward, or sideways to an app it does not build on, is a bug. `config` wires the apps
together and may import any of them; nothing imports `config` (core's health check asks Celery
for the current app instead).

This module is data only and imports no app, so core stays at the ground."""

from dataclasses import dataclass

GROUND = "ground"
DOMAIN = "domain"
PEOPLE = "people-facing"


@dataclass(frozen=True)
class Layer:
    app: str
    kind: str
    builds_on: tuple[str, ...]
    holds: str


# Bottom to top. Apps that other issues are adding have their place here before they exist;
# the test skips an app whose folder is not there yet. An app's name must not be the name of an
# installed package's module (the public site is `website`: `public` is a module aiosmtpd
# imports); a test checks.
# privacy sits on every domain app, so the people-facing apps reach them all through it.
_PEOPLE_BASE = ("privacy",)
LAYERS: tuple[Layer, ...] = (
    Layer("core", GROUND, (), "plumbing: base model, bilingual fields, uploads, images, cache"),
    Layer("outbox", GROUND, ("core",), "every email: a row in the event's transaction, a sweep"),
    Layer("accounts", GROUND, ("outbox",), "the user, sign-in, two-factor, throttle, sessions"),
    Layer(
        "webhooks",
        GROUND,
        ("accounts",),
        "every webhook: a delivery row in the event's transaction, signed, retried, a sweep",
    ),
    Layer(
        "programs",
        DOMAIN,
        ("accounts", "webhooks"),
        "program, cohorts, milestone schedule, partners",
    ),
    Layer("talents", DOMAIN, ("programs",), "directors and their enrolment in cohorts"),
    Layer("mentors", DOMAIN, ("programs",), "producers and the coaching panel"),
    Layer(
        "films",
        DOMAIN,
        ("talents", "mentors"),
        "films, credits, stills, posters, milestone submissions, revisions",
    ),
    Layer("invitations", DOMAIN, ("talents", "mentors"), "single-use links to a profile"),
    Layer("rights", DOMAIN, ("films",), "licence records per film and their warnings (issue 18)"),
    Layer("screenings", DOMAIN, ("rights",), "venues, screenings and the films of each"),
    Layer(
        "calls",
        DOMAIN,
        ("screenings", "invitations"),
        "the open call: applications, review, selection into the cohort (issue 16)",
    ),
    Layer(
        "training",
        DOMAIN,
        ("screenings",),
        "the training calendar and mentoring sessions (issue 17)",
    ),
    Layer("resources", DOMAIN, ("screenings",), "partner resources and their bookings (issue 17)"),
    Layer(
        "grants",
        DOMAIN,
        ("resources",),
        "grants, instalments and in-kind support per film (issue 17)",
    ),
    Layer(
        "guests",
        DOMAIN,
        ("screenings",),
        "premiere guests, check-in, badges, industry screeners, market meetings (issue 18)",
    ),
    Layer(
        "alumni",
        DOMAIN,
        ("screenings",),
        "the alumni record: later selections, awards, releases, next projects (issue 18)",
    ),
    Layer(
        "privacy",
        DOMAIN,
        ("calls", "training", "grants", "guests", "alumni"),
        "a person's data: export and erasure across the domain apps",
    ),
    Layer("website", PEOPLE, _PEOPLE_BASE, "the public site: pages, sitemap, robots, calendars"),
    Layer("portal", PEOPLE, _PEOPLE_BASE, "the directors' and mentors' portal"),
    Layer("workspace", PEOPLE, _PEOPLE_BASE, "the staff's workspace"),
    Layer("api", PEOPLE, _PEOPLE_BASE, "the REST API: public endpoints, token endpoints, schema"),
    Layer("demo", PEOPLE, _PEOPLE_BASE, "seed_demo, the scale generator and the demo texts"),
)
# Wiring, not a layer: may import every app, imported by none.
WIRING = "config"


def layer_of(app: str, layers: tuple[Layer, ...] = LAYERS) -> Layer:
    return next(layer for layer in layers if layer.app == app)


def allowed_imports(app: str, layers: tuple[Layer, ...] = LAYERS) -> frozenset[str]:
    """Every app `app` may import: what it builds on, and what those build on, down to core."""
    allowed: set[str] = set()
    pending = list(layer_of(app, layers).builds_on)
    while pending:
        below = pending.pop()
        if below not in allowed:
            allowed.add(below)
            pending.extend(layer_of(below, layers).builds_on)
    return frozenset(allowed)


def layers_table(layers: tuple[Layer, ...] = LAYERS) -> str:
    """The map as the README's Markdown table (tests/architecture checks the README has it)."""
    rows = ["| app | layer | builds on | holds |", "|---|---|---|---|"]
    for layer in layers:
        builds_on = ", ".join(f"`{app}`" for app in layer.builds_on) or "—"
        if layer.kind == PEOPLE:
            builds_on = "every ground and domain app"
        rows.append(f"| `{layer.app}/` | {layer.kind} | {builds_on} | {layer.holds} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(layers_table(), end="")
