"""Loads the demo program through the services, so the demo data obeys every rule real data
does. Lives in `screenings` because it is the one app allowed to import all the others.
Idempotent: everything is looked up by its slug (or email) first, so a second run creates
nothing."""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfWriter

from accounts.models import User
from demo import texts as data
from demo.guests import load_guests
from demo.open_call import load_call_demo
from demo.production import load_production
from films import services as film_services
from films.models import Film, MilestoneSubmission
from invitations.services import invitation_create
from mentors import services as mentor_services
from mentors.models import Mentor, PanelMembership
from outbox.models import OutboxMessage
from programs import services as program_services
from programs.models import Cohort, CohortPartner, Partner, Program
from rights.services import licence_create
from screenings import services as screening_services
from screenings.models import Screening, Venue
from talents import services as talent_services
from talents.models import Enrollment, Talent

DEMO_DAYS_INTO_TRAINING = 65


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def load_demo(*, with_posters: bool = True) -> DemoReport:
    report = DemoReport()
    with transaction.atomic():
        program = _program(report)
        archive = _cohort_2021(program, report)
        current = _demo_cohort(program, report)
        _logins(current, report)
        _open_call(program, report)
        # Work under way first, through the real services; the production demo then only adds
        # what those services cannot make (past sessions, history) and leaves these films' work.
        _work_under_way(current, report)
        load_production(current, report)
        _edit_waiting_for_staff(archive, report)
        _bounced_invitation(current, report)
        load_guests(current=current, archive=archive, password=data.DEMO_PASSWORD, report=report)
    if with_posters:
        for film in Film.objects.filter(cohort__in=[archive, current], poster=""):
            _poster_set(film, report)
    return report


def _open_call(program: Program, report: DemoReport) -> None:
    """Next year's open call (issue 16), loaded by demo.open_call through the calls services."""
    load_call_demo(
        program=program, password=data.DEMO_PASSWORD, created=report.created, logins=report.logins
    )


def _poster_set(film: Film, report: DemoReport) -> None:
    film_services.film_set_poster(
        film=film,
        upload=_poster_upload(film),
        alt_en=f"Poster of {film.title_en}",
        alt_zh=f"《{film.title_zh}》海报",
    )
    report.created.append(f"poster of {film.title_en}")


def _program(report: DemoReport) -> Program:
    program = Program.objects.filter(slug=data.PROGRAM["slug"]).first()
    if program is None:
        program = program_services.program_create(**data.PROGRAM)
        report.created.append("program")
    return program


def _cohort(program: Program, report: DemoReport, **fields) -> Cohort:
    cohort = Cohort.objects.filter(slug=fields["slug"]).first()
    if cohort is None:
        cohort = program_services.cohort_create(program=program, **fields)
        report.created.append(f"cohort {cohort.slug}")
    return cohort


def _cohort_2021(program: Program, report: DemoReport) -> Cohort:
    spec = data.COHORT_2021
    cohort = _cohort(
        program,
        report,
        **{
            **spec,
            "training_start": datetime.date.fromisoformat(spec["training_start"]),
            "training_end": datetime.date.fromisoformat(spec["training_end"]),
            "premiere_date": datetime.date.fromisoformat(spec["premiere_date"]),
        },
    )
    _milestones(cohort, report)
    _partners(cohort, report)
    mentors = {slug: _mentor(slug, report) for slug, *_ in data.MENTORS}
    _panel(cohort, mentors["leste-chen"], PanelMembership.Role.SUPERVISOR, 0)
    _panel(cohort, mentors["chen-caiyun"], PanelMembership.Role.CURATOR, 1)
    for spec_film in data.FILMS:
        film = _article_film(cohort, spec_film, mentors, report)
        _approve_all_milestones(film)
        if not film.is_published:
            # Publishing needs a poster (films.publishing), so the archive always gets one.
            _poster_set(film, report)
            film_services.film_publish(film=film)
    _screenings_2021(cohort, report)
    return cohort


def _milestones(cohort: Cohort, report: DemoReport) -> None:
    if cohort.milestones.exists():
        return
    for order, (name_en, name_zh, kind, days, gates) in enumerate(data.MILESTONES, start=1):
        program_services.milestone_add(
            cohort=cohort,
            order=order,
            due_date=cohort.training_start + datetime.timedelta(days=days),
            name_en=name_en,
            name_zh=name_zh,
            deliverable_kind=kind,
            gates_publishing=gates == "publishing",
            gates_screening=gates == "screening",
        )
    report.created.append(f"milestone schedule of {cohort.slug}")


def _partners(cohort: Cohort, report: DemoReport) -> None:
    for order, (slug, name, category, service_en, service_zh) in enumerate(data.PARTNERS):
        partner = Partner.objects.filter(slug=slug).first() or program_services.partner_create(
            slug=slug, service_category=category, name_en=name, name_zh=name
        )
        if not CohortPartner.objects.filter(cohort=cohort, partner=partner).exists():
            program_services.cohort_partner_add(
                cohort=cohort,
                partner=partner,
                order=order,
                service_en=service_en,
                service_zh=service_zh,
            )
            report.created.append(f"{name} supports {cohort.slug}")


def _mentor(slug: str, report: DemoReport) -> Mentor:
    mentor = Mentor.objects.filter(slug=slug).first()
    if mentor:
        return mentor
    _, latin, original, _translated, title_en, title_zh = next(
        m for m in data.MENTORS if m[0] == slug
    )
    report.created.append(f"mentor {latin}")
    return mentor_services.mentor_create(
        slug=slug,
        name_latin=latin,
        name_original=original,
        title_en=title_en,
        title_zh=title_zh,
        bio_en=data.MENTOR_BIOS.get(slug, ""),
    )


def _panel(cohort: Cohort, mentor: Mentor, role: str, order: int) -> None:
    if not PanelMembership.objects.filter(cohort=cohort, mentor=mentor).exists():
        mentor_services.panel_member_add(cohort=cohort, mentor=mentor, role=role, order=order)


def _talent(slug: str, latin: str, original: str, report: DemoReport, **fields) -> Talent:
    talent = Talent.objects.filter(slug=slug).first()
    if talent is None:
        talent = talent_services.talent_create(
            slug=slug, name_latin=latin, name_original=original, **fields
        )
        report.created.append(f"talent {latin}")
    return talent


def _enrol(talent: Talent, cohort: Cohort, status: str) -> None:
    if not Enrollment.objects.filter(talent=talent, cohort=cohort).exists():
        talent_services.enrollment_create(talent=talent, cohort=cohort, status=status)


def _article_film(cohort: Cohort, spec: dict, mentors: dict, report: DemoReport) -> Film:
    slug, latin, original = spec["director"]
    director = _talent(
        slug,
        latin,
        original,
        report,
        bio_en=spec["director_bio_en"],
        bio_zh=spec["director_bio_zh"],
        background_en=spec.get("background_en", ""),
        background_zh=spec.get("background_zh", ""),
    )
    _enrol(director, cohort, Enrollment.Status.GRADUATED)
    film = Film.objects.filter(cohort=cohort, slug=spec["slug"]).first()
    if film:
        return film
    film = film_services.film_create(
        cohort=cohort,
        director=director,
        slug=spec["slug"],
        producer=mentors.get(spec["producer"]) if spec["producer"] else None,
        title_en=spec["title_en"],
        title_zh=spec["title_zh"],
        genre=spec["genre"],
        logline_en=spec["logline_en"],
        logline_zh=spec["logline_zh"],
        synopsis_en=spec["synopsis_en"],
        synopsis_zh=spec["synopsis_zh"],
        language_en="Mandarin",
        language_zh="普通话",
        stage=Film.Stage.COMPLETED,
    )
    film_services.credit_add(
        film=film,
        role="director",
        order=0,
        name_latin=latin,
        name_original=original,
        talent=director,
    )
    if film.producer:
        film_services.credit_add(
            film=film,
            role="producer",
            order=1,
            name_latin=film.producer.name_latin,
            name_original=film.producer.name_original,
            mentor=film.producer,
        )
    report.created.append(f"film {spec['title_en']}")
    return film


def _approve_all_milestones(film: Film) -> None:
    """The 2021 films are finished: every milestone was delivered and approved."""
    if film.submissions.exists():
        return
    now = timezone.now()
    rows = [
        MilestoneSubmission(
            film=film,
            milestone=milestone,
            version=1,
            status=MilestoneSubmission.Status.APPROVED,
            video_url=f"https://pan.example.org/demo/{film.slug}/{milestone.order}",
            submitted_at=now,
            reviewed_at=now,
            feedback="Approved.",
        )
        for milestone in film.cohort.milestones.all()
    ]
    # Demo links stand in for deliverables; real submissions go through the portal's service.
    MilestoneSubmission.objects.bulk_create(rows)


def _venue(report: DemoReport) -> Venue:
    venue = Venue.objects.filter(slug="beijing-demo-cinema").first()
    if venue is None:
        venue = screening_services.venue_create(
            slug="beijing-demo-cinema",
            name_en="Festival Cinema, Beijing (demo venue)",
            name_zh="北京电影节影院（演示场馆）",
            address_en="Beijing",
            address_zh="北京",
            capacity=400,
        )
        report.created.append("venue")
    return venue


def _screenings_2021(cohort: Cohort, report: DemoReport) -> None:
    if cohort.screenings.exists():
        return
    tz = timezone.get_current_timezone()
    premiere = screening_services.screening_create(
        cohort=cohort,
        slug="premiere",
        kind=Screening.Kind.PREMIERE,
        starts_at=datetime.datetime(2021, 9, 25, 19, 0, tzinfo=tz),
        ends_at=datetime.datetime(2021, 9, 25, 21, 30, tzinfo=tz),
        title_en="BJIFF TALENTS Premiere",
        title_zh="北京国际电影节短片创投训练营首映",
        venue=_venue(report),
    )
    online = screening_services.screening_create(
        cohort=cohort,
        slug="online-exhibition",
        kind=Screening.Kind.ONLINE,
        starts_at=datetime.datetime(2021, 9, 26, 10, 0, tzinfo=tz),
        ends_at=datetime.datetime(2021, 10, 31, 23, 59, tzinfo=tz),
        title_en="Online Exhibition on iQIYI",
        title_zh="爱奇艺线上展映",
        platform_name_en="iQIYI",
        platform_name_zh="爱奇艺",
        platform_url="https://www.iqiyi.com/",
    )
    for order, film in enumerate(cohort.films.order_by("id"), start=1):
        _iqiyi_licence(film, online)
        screening_services.screening_add_film(screening=premiere, film=film, order=order)
        screening_services.screening_add_film(screening=online, film=film, order=order)
    report.created.append("premiere and online exhibition")


def _iqiyi_licence(film, online: Screening) -> None:
    """The article names the iQIYI online exhibition, not its terms: the licence's parties and
    dates beyond the exhibition's own are fictional demo data, and say so."""
    if film.licences.exists():
        return
    licence_create(
        film=film,
        licensor=f"{film.director} (fictional demo record)",
        licensee="iQIYI",
        territory="Mainland China",
        is_exclusive=False,
        starts_on=timezone.localtime(online.starts_at).date(),
        ends_on=timezone.localtime(online.ends_at).date(),
        covers_streaming=True,
    )


def _demo_cohort(program: Program, report: DemoReport) -> Cohort:
    # Dated from today in festival time: three milestones are past due, the fourth is due
    # within the week (so reminders go out), the rest are ahead.
    today = timezone.localdate()
    start = today - datetime.timedelta(days=DEMO_DAYS_INTO_TRAINING)
    cohort = _cohort(
        program,
        report,
        **data.DEMO_COHORT,
        year=today.year,
        training_start=start,
        training_end=start + datetime.timedelta(days=182),
        premiere_date=start + datetime.timedelta(days=200),
    )
    _milestones(cohort, report)
    _partners(cohort, report)
    _panel(cohort, _mentor("leste-chen", report), PanelMembership.Role.SUPERVISOR, 0)
    producer = _demo_producer(report)
    for slug, title_en, title_zh, d_slug, d_latin, d_orig, genre, log_en, log_zh in data.DEMO_FILMS:
        director = _talent(
            d_slug,
            d_latin,
            d_orig,
            report,
            bio_en="A fictional director of the demo cohort.",
            bio_zh="演示届的虚构导演。",
        )
        _enrol(director, cohort, Enrollment.Status.ACTIVE)
        if not Film.objects.filter(cohort=cohort, slug=slug).exists():
            film_services.film_create(
                cohort=cohort,
                director=director,
                slug=slug,
                producer=producer,
                title_en=title_en,
                title_zh=title_zh,
                genre=genre,
                logline_en=log_en,
                logline_zh=log_zh,
            )
            report.created.append(f"film {title_en}")
    _demo_screening(cohort, report)
    return cohort


def _demo_producer(report: DemoReport) -> Mentor:
    mentor = Mentor.objects.filter(slug="demo-producer").first()
    if mentor is None:
        mentor = mentor_services.mentor_create(
            slug="demo-producer",
            name_latin="Demo Producer",
            name_original="演示监制",
            title_en="Producer (fictional)",
            title_zh="监制（虚构）",
        )
        report.created.append("mentor Demo Producer")
    return mentor


def _demo_screening(cohort: Cohort, report: DemoReport) -> None:
    if cohort.screenings.exists():
        return
    tz = timezone.get_current_timezone()
    day = cohort.premiere_date
    screening_services.screening_create(
        cohort=cohort,
        slug="premiere",
        kind=Screening.Kind.PREMIERE,
        starts_at=datetime.datetime(day.year, day.month, day.day, 19, 30, tzinfo=tz),
        ends_at=datetime.datetime(day.year, day.month, day.day, 22, 0, tzinfo=tz),
        title_en="Demo cohort premiere",
        title_zh="演示届首映",
        venue=_venue(report),
    )
    report.created.append("demo premiere")


def _logins(cohort: Cohort, report: DemoReport) -> None:
    people = [
        ("staff@talents.example", "Program Office (demo)", "staff", None),
        (
            "director@talents.example",
            "Lin Xia (fictional)",
            "director",
            Talent.objects.get(slug="demo-director-lin"),
        ),
        (
            "producer@talents.example",
            "Demo Producer (fictional)",
            "producer",
            Mentor.objects.get(slug="demo-producer"),
        ),
    ]
    for email, name, role, profile in people:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=data.DEMO_PASSWORD,
                full_name=name,
                is_staff=role == "staff",
                is_superuser=role == "staff",
            )
            report.created.append(f"login {email}")
        if profile is not None and profile.user_id is None:
            profile.user = user
            profile.save(update_fields=["user"])
        report.logins.append((role, email, data.DEMO_PASSWORD))


# --- Work under way in the cohort in training ----------------------------------------------
# Each demo film is at a different point, so every state shows on the dashboard, the matrix,
# the portal and the outbox: (milestone order, what happens to it).
DEMO_PROGRESS = {
    "demo-director-lin": [
        (1, "approved"),
        (2, "approved"),
        (3, "approved"),
        (4, "resubmitted"),
    ],
    "demo-director-he": [(1, "approved"), (2, "submitted")],
    "demo-director-song": [(1, "changes_requested")],
}
DEMO_DIRECTOR_LOGINS = {
    "demo-director-he": ("he-yun@talents.example", "He Yun (fictional)"),
    "demo-director-song": ("song-ming@talents.example", "Song Ming (fictional)"),
}
FEEDBACK = "Tighten the second act; the ending comes too fast. / 第二幕再紧凑些，结尾来得太快。"


def _work_under_way(cohort: Cohort, report: DemoReport) -> None:
    if MilestoneSubmission.objects.filter(film__cohort=cohort).exists():
        return
    reviewer = User.objects.get(email="producer@talents.example")
    milestones = {m.order: m for m in cohort.milestones.all()}
    for film in cohort.films.select_related("director__user"):
        director = film.director.user or _demo_director_login(film.director, report)
        for order, state in DEMO_PROGRESS.get(film.director.slug, []):
            _progress(film, milestones[order], state, director, reviewer)
    report.created.append("work under way in the demo cohort")


def _demo_director_login(talent: Talent, report: DemoReport) -> User:
    email, name = DEMO_DIRECTOR_LOGINS[talent.slug]
    user = User.objects.create_user(email=email, password=data.DEMO_PASSWORD, full_name=name)
    talent_services.talent_link_user(talent=talent, user=user)
    report.created.append(f"login {email}")
    return user


def _progress(film: Film, milestone, state: str, director: User, reviewer: User) -> None:
    first = _submit(film, milestone, director, version_note="First version. / 第一版。")
    if state == "submitted":
        return
    if state == "approved":
        film_services.submission_review(
            submission=first, reviewer=reviewer, decision="approved", feedback="Well done."
        )
        return
    film_services.submission_review(
        submission=first, reviewer=reviewer, decision="changes_requested", feedback=FEEDBACK
    )
    film_services.submission_comment_add(
        submission=first,
        author=director,
        body="Should the flashback stay? / 闪回要保留吗？",
    )
    film_services.submission_comment_add(
        submission=first,
        author=reviewer,
        body="Keep it, but shorter. / 保留，但要短一些。",
    )
    if state == "resubmitted":
        _submit(film, milestone, director, version_note="Second version. / 第二版。")


def _submit(film: Film, milestone, director: User, *, version_note: str) -> MilestoneSubmission:
    upload = None
    video_url = ""
    if milestone.takes_file:
        upload = SimpleUploadedFile(f"{film.slug}.pdf", _demo_pdf(), content_type="application/pdf")
    else:
        video_url = f"https://pan.example.org/demo/{film.slug}/{milestone.order}"
    return film_services.milestone_submit(
        film=film,
        milestone=milestone,
        submitted_by=director,
        upload=upload,
        video_url=video_url,
        note=version_note,
    )


def _demo_pdf() -> bytes:
    """A one-page PDF that the upload checks parse as whole (core/active_content.py)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _edit_waiting_for_staff(archive: Cohort, report: DemoReport) -> None:
    """A director's change to a published film, waiting for staff to approve it."""
    film = archive.films.select_related("director").get(slug=data.FILMS[0]["slug"])
    if film.revisions.exists():
        return
    user = film.director.user
    if user is None:
        user = User.objects.create_user(
            email="director2021@talents.example",
            password=data.DEMO_PASSWORD,
            full_name=f"{film.director.name_latin} (demo login)",
        )
        talent_services.talent_link_user(talent=film.director, user=user)
        report.created.append("login director2021@talents.example")
    film_services.film_change_public_info(
        film=film, proposed_by=user, language_en="Mandarin, with English subtitles"
    )
    report.created.append(f"an edit to {film.title_en} waiting for staff")


def _bounced_invitation(cohort: Cohort, report: DemoReport) -> None:
    """An invitation the mail server refused, as staff meet it on the outbox page."""
    if Mentor.objects.filter(slug="demo-instructor").exists():
        return
    instructor = mentor_services.mentor_create(
        slug="demo-instructor",
        name_latin="Demo Instructor",
        name_original="演示导师",
        title_en="Instructor (fictional)",
        title_zh="导师（虚构）",
    )
    _panel(cohort, instructor, PanelMembership.Role.INSTRUCTOR, 1)
    staff = User.objects.get(email="staff@talents.example")
    invitation = invitation_create(
        email="instructor@bounced.example", language="en", invited_by=staff, mentor=instructor
    )
    # The demo has no mail server to refuse it: the answer one would give is recorded as is.
    OutboxMessage.objects.filter(cause=f"invitation:{invitation.pk}").update(
        status=OutboxMessage.Status.FAILED,
        attempts=1,
        last_error="550 5.1.1 <instructor@bounced.example>: Recipient address rejected (demo)",
    )
    report.created.append("an invitation that bounced")


def _poster_upload(film: Film) -> SimpleUploadedFile:
    """A generated poster: a seeded colour field with the English title."""
    rng = random.Random(film.slug)
    width, height = 1200, 1800
    image = Image.new("RGB", (width, height), tuple(rng.randint(10, 80) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(150, 600)
        colour = tuple(rng.randint(60, 230) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=rng.randint(4, 24))
    font = ImageFont.load_default(size=110)
    draw.text((80, height - 420), film.title_en.upper(), fill=(245, 240, 230), font=font)
    small = ImageFont.load_default(size=48)
    draw.text((80, height - 250), "BJIFF TALENTS", fill=(230, 190, 90), font=small)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return SimpleUploadedFile(f"{film.slug}.jpg", out.getvalue(), content_type="image/jpeg")
