"""A large, realistic, deterministic data set for measuring speed: a program's archive of N
yearly cohorts of 4 to 12 films each, plus one cohort of 40 films for stress; people, credits,
milestone submissions with versions, screenings. Written with bulk inserts (thousands of rows in
seconds); the data obeys the same invariants the services check, and one real poster (made by the
real thumbnail pipeline) is shared by every generated film."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from demo import texts as data
from films.models import Credit, Film, MilestoneSubmission
from mentors.models import Mentor, PanelMembership
from programs.models import Cohort, CohortPartner, MilestoneDefinition, Partner, Program
from screenings.models import Screening, ScreeningFilm, Venue
from talents.models import Enrollment, Talent

SURNAMES = [
    ("陈", "Chen"),
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("林", "Lin"),
]
GIVEN = [
    ("晓", "Xiao"),
    ("明", "Ming"),
    ("雨", "Yu"),
    ("佳", "Jia"),
    ("鹏", "Peng"),
    ("静", "Jing"),
    ("浩", "Hao"),
    ("婷", "Ting"),
    ("磊", "Lei"),
    ("然", "Ran"),
    ("欣", "Xin"),
    ("宇", "Yu"),
    ("琳", "Lin"),
    ("博", "Bo"),
    ("思", "Si"),
    ("远", "Yuan"),
]
TITLE_WORDS = [
    ("夜", "Night"),
    ("海", "Sea"),
    ("城", "City"),
    ("雪", "Snow"),
    ("归", "Return"),
    ("光", "Light"),
    ("河", "River"),
    ("梦", "Dream"),
    ("风", "Wind"),
    ("门", "Door"),
    ("灯", "Lamp"),
    ("山", "Mountain"),
    ("鸟", "Bird"),
    ("桥", "Bridge"),
    ("火", "Fire"),
]
GENRES = [g for g, _ in Film.Genre.choices]
CREW = [
    "screenwriter",
    "cinematographer",
    "editor",
    "production_designer",
    "sound_designer",
    "composer",
    "colorist",
    "cast",
    "cast",
]


@dataclass
class ScaleReport:
    cohorts: int = 0
    films: int = 0
    submissions: int = 0


def load_scale(
    *,
    years: int,
    stress_films: int = 40,
    seed: int = 2021,
    stress_slug: str = "stress-cohort",
    archive_films: tuple[int, int] = (4, 12),
) -> ScaleReport:
    """Cohorts that exist already (by slug) are kept, so a larger call grows the same archive:
    bench/flat_costs.py measures a page, grows the data and measures it again. A second stress
    cohort (another `stress_slug`) and larger archive cohorts (`archive_films`) reach sizes such
    as 200 films in one cohort or 20,000 in the archive."""
    rng = random.Random(seed)
    program = Program.objects.get(slug=data.PROGRAM["slug"])
    poster = Film.objects.filter(poster_status=Film.PosterStatus.READY).first()
    venue = Venue.objects.order_by("id").first()
    partners = list(Partner.objects.all())
    report = ScaleReport()
    plan = [(_archive_year(i), rng.randint(*archive_films)) for i in range(years)]
    plan.append((1999, stress_films))
    for year, film_count in plan:
        slug = stress_slug if year == 1999 else f"archive-{year}"
        if Cohort.objects.filter(slug=slug).exists():
            continue
        with transaction.atomic():
            _cohort(program, slug, year, film_count, rng, poster, venue, partners, report)
    return report


def _archive_year(index: int) -> int:
    """2000 to 2025 first (what `seed_demo --scale` has always made), then further back from
    1998 (1999 is the stress cohort's): an archive grows into the past, so a larger one does not
    put its editions' screenings in the future."""
    return 2000 + index if index < 26 else 1998 - (index - 26)


def _name(rng: random.Random) -> tuple[str, str]:
    (s_zh, s_en), (g1_zh, g1_en), (g2_zh, g2_en) = (
        rng.choice(SURNAMES),
        rng.choice(GIVEN),
        rng.choice(GIVEN),
    )
    return f"{s_zh}{g1_zh}{g2_zh}", f"{s_en} {g1_en}{g2_en.lower()}"


def _cohort(program, slug, year, film_count, rng, poster, venue, partners, report) -> None:
    stress = year == 1999
    start = datetime.date(2026 if stress else year, 3, 1)
    cohort = Cohort.objects.create(
        program=program,
        slug=slug,
        year=2026 if stress else year,
        edition_en=f"Stress cohort ({film_count} films)"
        if stress
        else f"{year} edition (generated)",
        edition_zh=f"压力测试届（{film_count}部）" if stress else f"{year}年（生成数据）",
        training_start=start,
        training_end=start + datetime.timedelta(days=182),
        premiere_date=start + datetime.timedelta(days=200),
        status=Cohort.Status.TRAINING if stress else Cohort.Status.ARCHIVED,
    )
    milestones = MilestoneDefinition.objects.bulk_create(
        MilestoneDefinition(
            cohort=cohort,
            order=order,
            name_en=name_en,
            name_zh=name_zh,
            deliverable_kind=kind,
            due_date=start + datetime.timedelta(days=days),
            gates_publishing=gates == "publishing",
            gates_screening=gates == "screening",
        )
        for order, (name_en, name_zh, kind, days, gates) in enumerate(data.MILESTONES[:12], 1)
    )
    CohortPartner.objects.bulk_create(
        CohortPartner(cohort=cohort, partner=p, order=i, service_en=p.name_en, service_zh=p.name_zh)
        for i, p in enumerate(partners)
    )
    mentors = _mentors(slug, film_count // 2 + 4, rng)
    PanelMembership.objects.bulk_create(
        PanelMembership(
            cohort=cohort,
            mentor=m,
            order=i,
            role=PanelMembership.Role.SUPERVISOR if i == 0 else PanelMembership.Role.INSTRUCTOR,
        )
        for i, m in enumerate(mentors[:4])
    )
    films = _films(cohort, slug, film_count, rng, poster, mentors[4:], stress)
    _submissions(films, milestones, rng, stress, report)
    _screenings(cohort, films, venue, stress)
    report.cohorts += 1
    report.films += len(films)


def _mentors(prefix: str, count: int, rng) -> list[Mentor]:
    rows = []
    for i in range(count):
        original, latin = _name(rng)
        rows.append(
            Mentor(
                slug=f"{prefix}-mentor-{i}",
                name_original=original,
                name_latin=latin,
                title_en="Producer",
                title_zh="监制",
                bio_en="A generated mentor.",
            )
        )
    return Mentor.objects.bulk_create(rows)


def _films(cohort, prefix, count, rng, poster, producers, stress) -> list[Film]:
    talents = Talent.objects.bulk_create(
        Talent(
            slug=f"{prefix}-director-{i}",
            name_original=n[0],
            name_latin=n[1],
            bio_en="A generated director.",
            bio_zh="生成数据中的导演。",
        )
        for i, n in enumerate(_name(rng) for _ in range(count))
    )
    Enrollment.objects.bulk_create(
        Enrollment(
            talent=t,
            cohort=cohort,
            status=Enrollment.Status.ACTIVE if stress else Enrollment.Status.GRADUATED,
        )
        for t in talents
    )
    rows = []
    for i, director in enumerate(talents):
        (w1_zh, w1_en), (w2_zh, w2_en) = rng.choice(TITLE_WORDS), rng.choice(TITLE_WORDS)
        rows.append(
            Film(
                cohort=cohort,
                director=director,
                producer=producers[i % len(producers)],
                slug=f"film-{i}",
                title_zh=f"{w1_zh}{w2_zh}{i}",
                title_en=f"{w1_en} {w2_en} {i}",
                logline_en=f"A story of the {w1_en.lower()} and the {w2_en.lower()}.",
                logline_zh=f"关于{w1_zh}与{w2_zh}的故事。",
                genre=rng.choice(GENRES),
                runtime_minutes=rng.randint(12, 30),
                language_en="Mandarin",
                language_zh="普通话",
                stage=Film.Stage.POST_PRODUCTION if stress else Film.Stage.COMPLETED,
                is_published=not stress or i % 2 == 0,
                published_at=timezone.now(),
                **_poster_fields(poster),
            )
        )
    films = Film.objects.bulk_create(rows)
    Credit.objects.bulk_create(
        Credit(film=film, order=order, role=role, name_original=n[0], name_latin=n[1])
        for film in films
        for order, (role, n) in enumerate((r, _name(rng)) for r in CREW)
    )
    return films


def _poster_fields(poster: Film | None) -> dict:
    if poster is None:
        return {}
    return {
        "poster": poster.poster.name,
        "poster_alt_en": "Poster",
        "poster_alt_zh": "海报",
        "poster_status": Film.PosterStatus.READY,
        "poster_width": poster.poster_width,
        "poster_height": poster.poster_height,
        "poster_thumbnails": poster.poster_thumbnails,
    }


def _submissions(films, milestones, rng, stress, report) -> None:
    now = timezone.now()
    rows = []
    for film in films:
        reached = rng.randint(3, len(milestones)) if stress else len(milestones)
        for milestone in milestones[:reached]:
            versions = rng.randint(1, 3)
            for version in range(1, versions + 1):
                last = version == versions
                status = MilestoneSubmission.Status.CHANGES_REQUESTED
                if last:
                    status = (
                        MilestoneSubmission.Status.SUBMITTED
                        if stress and rng.random() < 0.3
                        else MilestoneSubmission.Status.APPROVED
                    )
                rows.append(
                    MilestoneSubmission(
                        film=film,
                        milestone=milestone,
                        version=version,
                        status=status,
                        video_url=f"https://pan.example.org/s/{film.pk}-{milestone.order}-{version}",
                        note="Generated.",
                        submitted_at=now,
                        feedback="" if last else "Tighten it.",
                        reviewed_at=None if status == MilestoneSubmission.Status.SUBMITTED else now,
                    )
                )
    MilestoneSubmission.objects.bulk_create(rows, batch_size=2000)
    report.submissions += len(rows)


def _screenings(cohort, films, venue, stress) -> None:
    tz = timezone.get_current_timezone()
    day = cohort.premiere_date
    premiere = Screening.objects.create(
        cohort=cohort,
        slug="premiere",
        kind=Screening.Kind.PREMIERE,
        venue=venue,
        title_en=f"{cohort.edition_en} premiere",
        title_zh=f"{cohort.edition_zh}首映",
        starts_at=datetime.datetime(day.year, day.month, day.day, 19, tzinfo=tz),
        ends_at=datetime.datetime(day.year, day.month, day.day, 22, tzinfo=tz),
    )
    online = Screening.objects.create(
        cohort=cohort,
        slug="online",
        kind=Screening.Kind.ONLINE,
        platform_name_en="iQIYI",
        platform_name_zh="爱奇艺",
        platform_url="https://www.iqiyi.com/",
        title_en=f"{cohort.edition_en} online exhibition",
        title_zh=f"{cohort.edition_zh}线上展映",
        starts_at=datetime.datetime(day.year, day.month, day.day + 1, 10, tzinfo=tz),
        ends_at=datetime.datetime(day.year, day.month, day.day + 1, 10, tzinfo=tz)
        + datetime.timedelta(days=30),
    )
    published = [f for f in films if f.is_published]
    ScreeningFilm.objects.bulk_create(
        ScreeningFilm(screening=s, film=f, order=i)
        for s in (premiere, online)
        for i, f in enumerate(published, 1)
    )
