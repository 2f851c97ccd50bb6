"""Demo guests (issue 18): the demo cohort's premiere with registrations in every state and a
waiting list, and two fictional industry guests with screener passes and views of the 2021
films, and the demo cohort's market day with their meetings (accepted, requested, declined).
Everybody here is fictional demo data and says so. Idempotent: nothing is added to a
premiere that has a registration policy, nor to a guest already accredited, nor a market day
to a cohort that has one."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from films.models import Film
from guests import industry, market, services
from guests.models import Category, Registration
from programs.models import Cohort

PUBLIC_GUESTS = [
    ("张晓雨", "Zhang Xiaoyu"),
    ("陈立", "Chen Li"),
    ("王一帆", "Wang Yifan"),
    ("刘佳", "Liu Jia"),
    ("赵明", "Zhao Ming"),
    ("孙悦", "Sun Yue"),
    ("周文", "Zhou Wen"),
    ("吴桐", "Wu Tong"),
]
INDUSTRY_GUESTS = [
    ("buyer@talents.example", "Mei Lan (fictional buyer)", "platform", "Fictional Streaming Co."),
    ("programmer@talents.example", "Tom Reyes (fictional programmer)", "programmer", "Demo Fest"),
]


def load_guests(*, current: Cohort, archive: Cohort, password: str, report) -> None:
    premiere = current.screenings.filter(slug="premiere").first()
    if premiere is not None and not hasattr(premiere, "registration_policy"):
        _premiere_guests(premiere)
        report.created.append("premiere registrations and waiting list")
    for email, name, kind, organisation in INDUSTRY_GUESTS:
        _industry_guest(archive, email, name, kind, organisation, password, report)
    if not current.market_days.exists():
        _market(current, report)


def _register(screening, n: int, category=Category.PUBLIC, organisation="") -> Registration:
    name_zh, name_en = PUBLIC_GUESTS[n % len(PUBLIC_GUESTS)]
    return services.registration_create(
        screening=screening,
        category=category,
        email=f"guest{n}@guests.example",
        name_zh=name_zh,
        name_en=f"{name_en} (fictional)",
        organisation=organisation,
        language="zh-hans" if n % 2 else "en",
    )


def _premiere_guests(premiere) -> None:
    services.registration_policy_set(
        screening=premiere,
        is_open=True,
        capacity=6,
        offer_hours=24,
        quotas={
            Category.PUBLIC: (None, False),
            Category.PRESS: (2, True),
            Category.INDUSTRY: (2, False),
            Category.TEAM: (None, False),
        },
    )
    confirm = services.registration_confirm
    public = [confirm(registration=_register(premiere, n)) for n in range(4)]
    confirm(registration=_register(premiere, 4, Category.PRESS, "Demo Daily (fictional)"))
    confirm(registration=_register(premiere, 5, Category.INDUSTRY, "Fictional Sales Ltd."))
    waiting = [confirm(registration=_register(premiere, n)) for n in range(6, 10)]
    _register(premiere, 10)  # never confirmed its address
    services.registration_check_in(screening=premiere, code=public[0].ticket_code)
    services.registration_cancel(registration=public[3])  # the seat is offered to waiting[0]
    # waiting[0] let the offer lapse: the beat job passes the seat on to waiting[1].
    services.offers_expire(now=timezone.now() + datetime.timedelta(hours=25))
    services.registration_decline(registration=waiting[3])


def _industry_guest(archive, email, name, kind, organisation, password, report) -> None:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=name)
        report.created.append(f"login {email}")
    report.logins.append(("industry guest", email, password))
    if user.industry_accreditations.filter(cohort=archive).exists():
        return
    for film in Film.objects.filter(cohort=archive).order_by("id"):
        if not hasattr(film, "screener"):
            industry.screener_set(
                film=film, video_url=f"https://screeners.example/demo/{film.slug}"
            )
    accreditation = industry.accreditation_grant(
        cohort=archive,
        email=email,
        kind=kind,
        organisation=f"{organisation} (fictional)",
        valid_until=timezone.localdate() + datetime.timedelta(days=60),
    )
    for screener_pass in accreditation.passes.order_by("film_id")[:2]:
        industry.screener_view_record(screener_pass=screener_pass)
    report.created.append(f"industry guest {email}")


def _market(current: Cohort, report) -> None:
    """The demo cohort's market day (fictional demo data: the article names no market day),
    the two industry guests accredited for it too, and meetings in every state with the films
    whose team has a demo login."""
    opening = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=14), datetime.time(10)
    )
    opening = timezone.make_aware(opening, timezone.get_default_timezone())
    day = market.market_day_set(
        cohort=current,
        starts_at=opening,
        ends_at=opening + datetime.timedelta(hours=4),
        slot_minutes=30,
        tables=6,
        place="Market hall (fictional demo data)",
        requests_open=True,
    )
    films = [f for f in Film.objects.filter(cohort=current).order_by("id") if market.team_of(f)]
    guests = []
    for email, _name, kind, organisation in INDUSTRY_GUESTS:
        guests.append(
            industry.accreditation_grant(
                cohort=current,
                email=email,
                kind=kind,
                organisation=f"{organisation} (fictional)",
                valid_until=timezone.localdate() + datetime.timedelta(days=60),
            )
        )
    if not films:
        return
    slots = day.slots()
    film = films[0]
    team = market.team_of(film)[0]
    accepted = market.meeting_request(
        accreditation=guests[0],
        film=film,
        market_day=day,
        starts_at=slots[0],
        message="We license short films for our platform (fictional demo data).",
    )
    market.meeting_accept(meeting=accepted, decided_by=team)
    market.meeting_request(
        accreditation=guests[1],
        film=film,
        market_day=day,
        starts_at=slots[2],
        message="Our festival programmes a shorts section (fictional demo data).",
    )
    for other in films[1:2]:
        declined = market.meeting_request(
            accreditation=guests[0], film=other, market_day=day, starts_at=slots[3]
        )
        market.meeting_decline(meeting=declined, decided_by=market.team_of(other)[0])
    report.created.append("market day with meetings")
