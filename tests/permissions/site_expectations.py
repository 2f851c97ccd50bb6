"""The declared answers of the rest of the URL configuration: the public site, the root URLs
(health, robots, sitemap) and the Django admin. The admin's model pages are declared by pattern
(changelist, add, change, delete, history of every registered model, each on one sample object)
rather than one by one, so a newly registered model is covered without being forgotten.

Answers as in expectations.py. Sent to the admin's sign-in page counts as LOGIN: it hands over to
accounts:login (or answers 404 to a signed-in person who is not staff)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent, ThrottleEntry
from films.models import Film, ReminderSent
from outbox.models import DigestEntry, OutboxAttachment, OutboxMessage
from programs.models import Cohort
from tests.factories import (
    CohortPartnerFactory,
    CommentFactory,
    CreditFactory,
    InvitationFactory,
    PartnerFactory,
    RevisionFactory,
    ScreeningFactory,
    ScreeningFilmFactory,
    StillFactory,
    VenueFactory,
)
from tests.factories.api import api_token
from tests.permissions.expectations import LOGIN, REDIRECT, answers
from tests.permissions.expectations_guests import GUEST_ADMIN_SAMPLES, GUEST_SITE_EXPECTATIONS
from workspace.models import Announcement, AuditEntry


def everybody(answer) -> dict:
    return answers(answer, default=answer)


def published(world) -> Film:
    """The world's film, published in a public cohort: what the public site shows."""
    Film.objects.filter(pk=world.film.pk).update(is_published=True)
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.PREMIERED)
    return world.film


def published_screening(world):
    published(world)
    screening = ScreeningFactory(cohort=world.cohort, is_published=True)
    ScreeningFilmFactory(screening=screening, film=world.film)
    return screening


def screening_kwargs(world) -> dict:
    screening = published_screening(world)
    return {"cohort": world.cohort.slug, "slug": screening.slug}


def no_kwargs(world) -> dict:
    return {}


SITE_EXPECTATIONS = {
    ("healthz", "GET"): (no_kwargs, everybody(200)),
    ("readyz", "GET"): (no_kwargs, everybody(200)),
    ("robots_txt", "GET"): (no_kwargs, everybody(200)),
    ("sitemap", "GET"): (no_kwargs, everybody(200)),
    ("home", "GET"): (no_kwargs, everybody(200)),
    ("films:lineup", "GET"): (no_kwargs, everybody(200)),
    ("films:detail", "GET"): (
        lambda world: {"cohort": world.cohort.slug, "slug": published(world).slug},
        everybody(200),
    ),
    ("talents:detail", "GET"): (
        lambda world: {"slug": published(world).director.slug},
        everybody(200),
    ),
    ("mentors:detail", "GET"): (
        lambda world: {"slug": published(world).producer.slug},
        everybody(200),
    ),
    ("programs:cohort_list", "GET"): (no_kwargs, everybody(200)),
    ("programs:cohort_detail", "GET"): (
        lambda world: {"slug": published(world).cohort.slug},
        everybody(200),
    ),
    ("screenings:list", "GET"): (no_kwargs, everybody(200)),
    ("screenings:calendar", "GET"): (no_kwargs, everybody(200)),
    ("screenings:detail", "GET"): (screening_kwargs, everybody(200)),
    ("screenings:ics", "GET"): (screening_kwargs, everybody(200)),
}

# --- The admin: staff without model permissions reach only the index (and their password). --
STAFF_ONLY = answers(default=LOGIN, staff=200)
SUPERUSER_ONLY = answers(default=LOGIN, staff=403, superuser=200)

SITE_EXPECTATIONS |= {
    ("admin_login", "GET"): (no_kwargs, answers(LOGIN, default=404, staff=REDIRECT)),
    ("admin:index", "GET"): (no_kwargs, STAFF_ONLY),
    # Our own sign-in page (throttled, two-factor) stands in for the admin's.
    ("admin:login", "GET"): (no_kwargs, answers(LOGIN, default=404, staff=REDIRECT)),
    # The admin's sign-out sends whoever is not staff to its index, and signs staff out.
    ("admin:logout", "POST"): (no_kwargs, answers(REDIRECT, default=REDIRECT, staff=LOGIN)),
    ("admin:password_change", "GET"): (no_kwargs, STAFF_ONLY),
    ("admin:password_change_done", "GET"): (no_kwargs, STAFF_ONLY),
    # Without its query parameters the autocomplete refuses everybody.
    ("admin:autocomplete", "GET"): (no_kwargs, answers(default=LOGIN, staff=403)),
    ("admin:jsi18n", "GET"): (no_kwargs, STAFF_ONLY),
    ("admin:view_on_site", "GET"): (
        lambda world: {
            "content_type_id": ContentType.objects.get_for_model(Film).pk,
            "object_id": world.film.pk,
        },
        answers(default=LOGIN, staff=REDIRECT),
    ),
    ("admin:app_list", "GET"): (
        lambda world: {"app_label": "films"},
        answers(default=LOGIN, staff=404, superuser=200),
    ),
}

# One sample object per registered model: built here when the portal world has none.
ADMIN_SAMPLES = {
    Group: lambda world: Group.objects.create(name="Matrix group"),
    # A director's devices: staff with a device of their own would be asked for its code.
    TOTPDevice: lambda world: TOTPDevice.objects.create(user=world.director, name="phone"),
    StaticDevice: lambda world: StaticDevice.objects.create(user=world.director, name="codes"),
    SecurityEvent: lambda world: SecurityEvent.objects.create(kind="login_failed"),
    OutboxMessage: lambda world: OutboxMessage.objects.create(
        recipient="x@example.org",
        language="en",
        subject="s",
        body_text="b",
        body_html="b",
        cause="matrix",
    ),
    OutboxAttachment: lambda world: OutboxAttachment.objects.create(
        message=OutboxMessage.objects.create(
            recipient="x@example.org", language="en", subject="s", body_text="b", cause="ics"
        ),
        filename="interview.ics",
        mimetype="text/calendar",
        content=b"BEGIN:VCALENDAR",
    ),
    DigestEntry: lambda world: DigestEntry.objects.create(
        recipient="x@example.org", language="en", summary="s", body_text="b", cause="matrix"
    ),
    Announcement: lambda world: Announcement.objects.create(
        cohort=world.cohort, subject_en="Hello", body_en="Hello", sent_by=world.staff
    ),
    "programs.Partner": lambda world: PartnerFactory(),
    "programs.CohortPartner": lambda world: CohortPartnerFactory(cohort=world.cohort),
    "screenings.Venue": lambda world: VenueFactory(),
    "screenings.Screening": lambda world: ScreeningFactory(cohort=world.cohort),
    "screenings.ScreeningFilm": lambda world: ScreeningFilmFactory(
        screening__cohort=world.cohort, film=world.film
    ),
    "films.Credit": lambda world: CreditFactory(film=world.film),
    "films.Still": lambda world: StillFactory(film=world.film),
    "films.SubmissionComment": lambda world: CommentFactory(submission=world.submission),
    "films.FilmRevision": lambda world: RevisionFactory(film=world.film),
    "invitations.Invitation": lambda world: InvitationFactory(),
    "accounts.ThrottleEntry": lambda world: ThrottleEntry.objects.create(key="matrix"),
    "accounts.ApiToken": lambda world: api_token(user=world.staff)[0],
    AuditEntry: lambda world: AuditEntry.objects.first(),
    ReminderSent: lambda world: ReminderSent.objects.create(
        film=world.film,
        milestone=world.document_milestone,
        recipient=world.director,
        kind=ReminderSent.Kind.DUE_SOON,
    ),
} | GUEST_ADMIN_SAMPLES

# What even a superuser may not do, by the model admin's own rule (has_*_permission): the
# history, invitations and messages are records, never written by hand.
SUPERUSER_REFUSED = {
    ("invitations", "invitation", "add"),
    ("outbox", "outboxmessage", "add"),
    ("outbox", "digestentry", "add"),
    ("outbox", "outboxattachment", "add"),
    ("films", "deliverableupload", "add"),
    ("workspace", "auditentry", "add"),
    ("workspace", "auditentry", "delete"),
    ("films", "remindersent", "add"),
    ("accounts", "securityevent", "add"),
    ("accounts", "securityevent", "delete"),
    ("accounts", "throttleentry", "add"),
    ("accounts", "apitoken", "add"),
    ("accounts", "apitoken", "delete"),
}
ADMIN_MODEL_VIEWS = ("changelist", "add", "change", "delete", "history")
# Posted empty: the form comes back with its errors, the deletion asks to confirm.
ADMIN_MODEL_POSTS = ("add", "delete")


def admin_sample(model, world):
    build = ADMIN_SAMPLES.get(model) or ADMIN_SAMPLES.get(model._meta.label)
    sample = build(world) if build else model.objects.order_by("pk").first()
    assert sample is not None, f"no sample {model._meta.label} for the admin matrix"
    return sample


def _model_kwargs(model, view: str):
    if view in ("changelist", "add"):
        return no_kwargs
    return lambda world: {"object_id": admin_sample(model, world).pk}


def _model_answers(app: str, name: str, view: str, method: str) -> dict:
    if (app, name, view) in SUPERUSER_REFUSED:
        return answers(default=LOGIN, staff=403, superuser=403)
    return SUPERUSER_ONLY


for _model in admin.site._registry:
    _app, _name = _model._meta.app_label, _model._meta.model_name
    for _view in ADMIN_MODEL_VIEWS:
        for _method in ("GET", "POST") if _view in ADMIN_MODEL_POSTS else ("GET",):
            SITE_EXPECTATIONS[(f"admin:{_app}_{_name}_{_view}", _method)] = (
                _model_kwargs(_model, _view),
                _model_answers(_app, _name, _view, _method),
            )

SITE_EXPECTATIONS |= {
    ("admin:auth_user_password_change", "GET"): (
        lambda world: {"id": world.director.pk},
        SUPERUSER_ONLY,
    ),
    ("admin:otp_totp_totpdevice_config", "GET"): (
        lambda world: {"pk": admin_sample(TOTPDevice, world).pk},
        SUPERUSER_ONLY,
    ),
    ("admin:otp_totp_totpdevice_qrcode", "GET"): (
        lambda world: {"pk": admin_sample(TOTPDevice, world).pk},
        SUPERUSER_ONLY,
    ),
}
SITE_EXPECTATIONS |= GUEST_SITE_EXPECTATIONS
OPTIONAL_PATTERNS = {"^media/(?P<path>.*)$"}

# Unnamed patterns, by route: the admin's old-style object address redirects anybody to the
# change page (which then checks); its catch-all answers 404 to staff, sign-in to the rest.
UNNAMED_EXPECTATIONS = {
    "admin:admin/<path:object_id>/": (
        lambda world: f"/admin/films/film/{world.film.pk}/",
        answers(default=LOGIN, staff=REDIRECT),
    ),
    # Served only while DEBUG is on (config/urls.py), so declared but not required.
    "^media/(?P<path>.*)$": (lambda world: "/media/no-such-file.jpg", everybody(404)),
    "admin:admin/(?P<url>.*)$": (
        lambda world: "/admin/no-such-page/",
        answers(default=LOGIN, staff=404),
    ),
}
