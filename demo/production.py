"""The demo's making-of for the cohort in training (issue 17): the pipeline's locks and stages,
partner resources at each of the article's five partners with bookings approved and pending,
budgets and grants with instalments paid and due, training sessions past and coming with
answers and attendance, and a finance login. Idempotent like the rest of the demo: each part
looks for what it made before making it.

Past sessions and the films' earlier approvals are history the demo stands in for, written
directly (a service refuses a session in the past, and approvals need real deliverables); what
is current goes through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import User
from films.models import Film, MilestoneSubmission
from films.pipeline import film_stage_refresh
from grants import services as grant_services
from grants.models import BudgetLine, Grant, Instalment
from mentors.models import Mentor
from programs.models import Cohort, Partner, ProductionStage
from resources import services as resource_services
from resources.models import Resource
from training import services as training_services
from training.models import Attendee, Session

# Milestone order → (orders it requires, stage its approval opens).
PIPELINE = {
    2: ((1,), ""),
    3: ((2,), ProductionStage.PRE_PRODUCTION),
    4: ((3,), ProductionStage.SHOOTING),
    5: ((4,), ProductionStage.POST_PRODUCTION),
    6: ((5,), ""),
    7: ((6,), ""),
    8: ((6,), ""),
}
# How many of the first milestones each demo film has had approved, in DEMO_FILMS order.
APPROVED_SO_FAR = (4, 3, 1)

# partner slug → (kind, name en, name zh, units, charge, value per day/unit, limit per film)
RESOURCES = {
    "cinerent": (
        "equipment",
        "Camera package (ARRI Alexa Mini)",
        "摄影机套装（ARRI Alexa Mini）",
        2,
        "day",
        "6000",
        10,
    ),
    "soundfirm": ("mix_stage", "Mix stage", "混音棚", 1, "day", "5000", 5),
    "image-forestt": ("grading_suite", "DI grading suite", "DI 调色棚", 1, "day", "8000", 3),
    "hao-vision": (
        "data_management",
        "Post coordination and data management",
        "后期统筹与数据管理",
        1,
        "day",
        "2000",
        10,
    ),
    "universal-production-music": (
        "music_licence",
        "Music licence (per film)",
        "音乐授权（每部影片）",
        20,
        "unit",
        "3000",
        1,
    ),
}

SESSIONS = [
    # days from today, hours, kind, title en, title zh, whole cohort?
    (-40, (14, 17), "masterclass", "Directing actors: a masterclass", "导演与表演大师课", True),
    (-12, (10, 12), "mentoring", "Screenplay notes with the producer", "监制剧本面谈", False),
    (
        -5,
        (9, 18),
        "set_visit",
        "On-set visit: Paper Moon, day 2",
        "片场探班：《纸月亮》第二天",
        False,
    ),
    (
        6,
        (14, 17),
        "workshop",
        "Sound design workshop at SOUNDFIRM",
        "SOUNDFIRM 声音设计工作坊",
        True,
    ),
    (20, (19, 21), "masterclass", "Colour and the story (online)", "色彩与叙事（线上）", True),
]


def load_production(cohort: Cohort, report) -> None:
    films = list(cohort.films.order_by("pk"))
    _finance_login(report)
    _pipeline(cohort, films, report)
    _resources(cohort, films, report)
    _money(cohort, films, report)
    _sessions(cohort, films, report)


def _pipeline(cohort: Cohort, films: list[Film], report) -> None:
    milestones = {m.order: m for m in cohort.milestones.all()}
    if not any(m.opens_stage for m in milestones.values()):
        last = max(milestones)
        for order, (requires, stage) in {
            **PIPELINE,
            last: ((last - 1,), ProductionStage.COMPLETED),
        }.items():
            milestone = milestones[order]
            milestone.opens_stage = stage
            milestone.save(update_fields=["opens_stage"])
            milestone.requires.set([milestones[o] for o in requires])
        report.created.append(f"pipeline locks and stages of {cohort.slug}")
    now = timezone.now()
    for film, approved in zip(films, APPROVED_SO_FAR, strict=False):
        if film.submissions.exists():
            continue
        MilestoneSubmission.objects.bulk_create(
            MilestoneSubmission(
                film=film,
                milestone=milestones[order],
                version=1,
                status=MilestoneSubmission.Status.APPROVED,
                video_url=f"https://pan.example.org/demo/{film.slug}/{order}",
                submitted_at=now - datetime.timedelta(days=70 - 10 * order),
                reviewed_at=now - datetime.timedelta(days=69 - 10 * order),
                feedback="Approved.",
            )
            for order in range(1, approved + 1)
        )
    for film in films:
        film_stage_refresh(film=film)


def _resources(cohort: Cohort, films: list[Film], report) -> None:
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    today = timezone.localdate()
    for n, (slug, spec) in enumerate(RESOURCES.items()):
        kind, name_en, name_zh, units, charge, value, limit = spec
        partner = Partner.objects.get(slug=slug)
        resource = Resource.objects.filter(partner=partner, name_en=name_en).first()
        if resource is None:
            resource = resource_services.resource_create(
                partner=partner,
                kind=kind,
                name_en=name_en,
                name_zh=name_zh,
                quantity=units,
                charge=charge,
                value_cny=Decimal(value),
                limit_per_film=limit,
                contact_name=f"{partner.name_en} bookings",
                contact_email=f"bookings@{slug}.example",
            )
            resource_services.availability_add(
                resource=resource, start_date=cohort.training_start, end_date=cohort.training_end
            )
            report.created.append(f"resource {name_en}")
        if resource.bookings.exists():
            continue
        start = today + datetime.timedelta(days=3 + 7 * n)
        approved = resource_services.booking_request(
            film=films[0],
            resource=resource,
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            requested_by=None,
            note="Demo booking.",
        )
        resource_services.booking_decide(booking=approved, decided_by=staff, decision="approved")
        later = start + datetime.timedelta(days=4)
        resource_services.booking_request(
            film=films[1],
            resource=resource,
            start_date=later,
            end_date=later + datetime.timedelta(days=1),
            requested_by=None,
            note="Waiting for staff.",
        )
        report.created.append(f"bookings of {name_en}")


def _money(cohort: Cohort, films: list[Film], report) -> None:
    milestones = list(cohort.milestones.order_by("order"))
    # 30% when the treatment (milestone 1) is approved, 40% at picture lock, 30% at delivery.
    plan = [(milestones[0], "30"), (milestones[5], "40"), (milestones[-1], "30")]
    finance = User.objects.filter(email="finance@talents.example").first()
    for film in films:
        if Grant.objects.filter(film=film).exists():
            continue
        for category, amount in (
            ("crew", "60000"),
            ("equipment", "25000"),
            ("locations", "18000"),
            ("post_production", "30000"),
        ):
            BudgetLine.objects.create(film=film, category=category, amount_cny=Decimal(amount))
        grant_services.grant_plan(
            film=film,
            amount_cny=Decimal("100000.00"),
            instalments=[{"milestone": m, "percent": Decimal(p)} for m, p in plan],
        )
        report.created.append(f"budget and grant of {film.title_en}")
    first = Instalment.objects.filter(film=films[0], status=Instalment.Status.DUE).first()
    if (
        first is not None
        and not Instalment.objects.filter(film__cohort=cohort, status="paid").exists()
    ):
        grant_services.instalment_mark_paid(
            instalment=first,
            paid_on=timezone.localdate() - datetime.timedelta(days=20),
            payment_reference="DEMO-2026-001",
            paid_by=finance,
        )


def _sessions(cohort: Cohort, films: list[Film], report) -> None:
    mentors = list(Mentor.objects.filter(slug__in=["leste-chen", "demo-producer"]))
    for days, (start_hour, end_hour), kind, title_en, title_zh, whole in SESSIONS:
        if cohort.sessions.filter(title_en=title_en).exists():
            continue
        day = timezone.localtime() + datetime.timedelta(days=days)
        starts = day.replace(hour=start_hour, minute=0, second=0, microsecond=0)
        fields = {
            "kind": kind,
            "title_en": title_en,
            "title_zh": title_zh,
            "starts_at": starts,
            "ends_at": starts.replace(hour=end_hour),
            "venue_en": "" if "online" in title_en else "Huairou film base, studio 3",
            "venue_zh": "" if "online" in title_en else "怀柔影视基地 3 号棚",
            "online_url": "https://meeting.example.org/talents" if "online" in title_en else "",
            "whole_cohort": whole,
        }
        chosen = [] if whole else films[:1]
        if days > 0:
            training_services.session_create(cohort=cohort, films=chosen, mentors=mentors, **fields)
        else:
            _past_session(cohort, chosen, mentors, fields)
        report.created.append(f"session {title_en}")


def _past_session(cohort: Cohort, films: list[Film], mentors: list[Mentor], fields: dict) -> None:
    session = Session.objects.create(cohort=cohort, **fields)
    session.films.set(films)
    session.mentors.set(mentors)
    training_services.session_invite(session=session)
    session.attendees.update(response=Attendee.Response.ATTENDING, attended=True)
    if films:
        training_services.session_note_add(
            session=session,
            film=films[0],
            author=User.objects.filter(email="producer@talents.example").first(),
            body="Tighten the second act; the producer follows up on the casting.",
        )


def _finance_login(report) -> None:
    from demo.texts import DEMO_PASSWORD

    email = "finance@talents.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name="Finance (demo)"
        )
        # The group comes from a migration; a flushed database (browser tests) has lost it.
        finance, _created = Group.objects.get_or_create(name="Finance")
        finance.permissions.add(
            Permission.objects.get(content_type__app_label="grants", codename="view_money")
        )
        user.groups.add(finance)
        report.created.append(f"login {email}")
    report.logins.append(("finance", email, DEMO_PASSWORD))
