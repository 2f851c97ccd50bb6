"""A whole public festival at a chosen size, for page tests that must run the same number of
queries with one film or many."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from films.models import Credit, Film
from mentors.models import Mentor, PanelMembership
from programs.models import Cohort
from screenings.models import Screening
from talents.models import Talent
from tests.factories.films import CreditFactory, FilmFactory
from tests.factories.mentors import MentorFactory, PanelMembershipFactory
from tests.factories.programs import CohortFactory, CohortPartnerFactory
from tests.factories.rights import LicenceFactory
from tests.factories.screenings import ScreeningFactory, ScreeningFilmFactory

FAKE_THUMBNAILS = [
    {
        "width": w,
        "height": w * 3 // 2,
        "format": f,
        "name": f"posters/thumbs/p-{w}w.{f}",
        "bytes": 1,
    }
    for w in (320, 640)
    for f in ("webp", "jpeg")
]


@dataclass
class Festival:
    cohort: Cohort
    films: list[Film] = field(default_factory=list)
    directors: list[Talent] = field(default_factory=list)
    producers: list[Mentor] = field(default_factory=list)
    panel: list[PanelMembership] = field(default_factory=list)
    screenings: list[Screening] = field(default_factory=list)

    @property
    def film(self) -> Film:
        return self.films[0]

    @property
    def screening(self) -> Screening:
        return self.screenings[0]


def festival_build(*, size: int = 1, year: int = 2031) -> Festival:
    """A premiered cohort with `size` films (each with a director, producer, credits and a
    poster), `size` panel members and partners, and `size` upcoming and past screenings
    that show every film; one screening is online with an open window."""
    cohort = CohortFactory(year=year, status=Cohort.Status.PREMIERED)
    festival = Festival(cohort=cohort)
    for index in range(size):
        producer = MentorFactory()
        film = FilmFactory(
            cohort=cohort,
            producer=producer,
            poster_status=Film.PosterStatus.READY,
            poster_thumbnails=FAKE_THUMBNAILS,
            poster_alt_en="A poster",
            synopsis_en="A long story.",
            language_en="Mandarin",
        )
        CreditFactory(film=film, role=Credit.Role.EDITOR, order=1)
        CreditFactory(film=film, role=Credit.Role.CAST, order=2, talent=film.director)
        festival.films.append(film)
        festival.directors.append(film.director)
        festival.producers.append(producer)
        festival.panel.append(PanelMembershipFactory(cohort=cohort, order=index))
        CohortPartnerFactory(cohort=cohort, order=index)
    now = timezone.now()
    for index in range(size):
        festival.screenings.append(
            _screening_with(festival, starts_at=now + datetime.timedelta(days=index + 1))
        )
        _screening_with(festival, starts_at=now - datetime.timedelta(days=index + 30))
    online = ScreeningFactory(
        cohort=cohort,
        kind=Screening.Kind.ONLINE,
        venue=None,
        platform_name_en="Tencent Video",
        platform_name_zh="腾讯视频",
        platform_url="https://v.example.org/talents",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=30),
    )
    for film in festival.films:
        LicenceFactory(film=film, licensee="Tencent Video")
        ScreeningFilmFactory(screening=online, film=film)
    festival.screenings.append(online)
    return festival


def _screening_with(festival: Festival, *, starts_at: datetime.datetime) -> Screening:
    screening = ScreeningFactory(cohort=festival.cohort, starts_at=starts_at)
    for film in festival.films:
        ScreeningFilmFactory(screening=screening, film=film)
    return screening
