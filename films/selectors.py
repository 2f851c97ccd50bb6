"""Reads of the films app for the public site. A film is public when it is published, its cohort
is public and its director has not withdrawn from that cohort."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from films.models import Credit, Film, MilestoneSubmission, Still
from mentors.models import Mentor
from mentors.selectors import panel_seats_public_all
from programs.models import Cohort
from programs.selectors import PUBLIC_COHORT_STATUSES, cohorts_public
from talents.models import Talent
from talents.selectors import enrollments_public

LINEUP_ORDER = ("-cohort__year", "cohort__slug", "title_en", "title_zh")


@dataclass(frozen=True)
class LineupFilter:
    query: str = ""
    cohort_slug: str = ""
    genre: str = ""


def films_public() -> QuerySet[Film]:
    director_enrolled = enrollments_public().filter(
        cohort_id=OuterRef("cohort_id"), talent_id=OuterRef("director_id")
    )
    return (
        Film.objects.filter(is_published=True, cohort__status__in=PUBLIC_COHORT_STATUSES)
        .filter(Exists(director_enrolled))
        .select_related("cohort", "director")
    )


# A search matching at most this many films is read by their ids (found through the trigram
# indexes); one matching more is a common word, whose first page the lineup's order finds at
# once, so it stays a condition.
SEARCH_IDS_AT_MOST = 1000


def film_search_matches(query: str) -> QuerySet:
    """The ids of films whose titles or loglines (Film.search_text, one generated column) or
    whose director's name in either script contain the query, in either case.

    `icontains` compiles to UPPER(column) LIKE UPPER(…) on PostgreSQL, the expression the
    trigram indexes (films 0012; the directors' names, films 0002) are built on. The two halves
    are a UNION, each through its own index: as one condition with an OR across the director
    join, PostgreSQL walked every film of the archive in the lineup's order (31 ms for a word
    that matched one film of 20,000; issue 20). A query of one or two Chinese characters has no
    trigram and is scanned (Chinese has no spaces for word-based search to split on); SQLite
    scans, which is fine at demo size."""
    by_film = Film.objects.filter(search_text__icontains=query).values("pk")
    by_director = Film.objects.filter(director_id__in=directors_matching(query)).values("pk")
    return by_film.order_by().union(by_director.order_by()).order_by()


def directors_matching(query: str) -> QuerySet:
    """The directors whose name in either script contains the query (through its indexes)."""
    return Talent.objects.filter(
        Q(name_original__icontains=query) | Q(name_latin__icontains=query)
    ).values("pk")


def lineup_films(lineup: LineupFilter) -> QuerySet[Film]:
    films = films_public()
    if lineup.cohort_slug:
        films = films.filter(cohort__slug=lineup.cohort_slug)
    if lineup.genre:
        films = films.filter(genre=lineup.genre)
    if lineup.query:
        matches = film_search_matches(lineup.query)
        ids = [row["pk"] for row in matches[: SEARCH_IDS_AT_MOST + 1]]
        if len(ids) <= SEARCH_IDS_AT_MOST:
            films = films.filter(pk__in=ids)
        else:
            films = films.filter(
                Q(search_text__icontains=lineup.query)
                | Q(director_id__in=directors_matching(lineup.query))
            )
    return films.order_by(*LINEUP_ORDER)


def delivered_video_files(film: Film) -> QuerySet[MilestoneSubmission]:
    """Every video file handed in for the film's milestones, each version, with its SHA-256 and
    technical check: what the data-management partner keeps track of (the files themselves
    stay in private storage)."""
    return (
        MilestoneSubmission.objects.filter(
            film=film, milestone__deliverable_kind="video", file__gt=""
        )
        .select_related("milestone")
        .order_by("milestone__order", "version")
    )


def film_public_get(*, cohort_slug: str, slug: str) -> Film | None:
    return (
        films_public()
        .select_related("producer")
        .filter(cohort__slug=cohort_slug, slug=slug)
        .first()
    )


def credits_for_film(film: Film) -> QuerySet[Credit]:
    return Credit.objects.filter(film=film).order_by("order", "id")


def stills_for_film(film: Film) -> QuerySet[Still]:
    return Still.objects.filter(film=film).order_by("order", "id")


def cohort_with_films_latest() -> Cohort | None:
    """The newest public edition with published films: what the home page leads with."""
    with_films = films_public().filter(cohort_id=OuterRef("pk"))
    return cohorts_public().filter(Exists(with_films)).first()


def films_for_cohort(cohort: Cohort) -> QuerySet[Film]:
    return films_public().filter(cohort=cohort).order_by("title_en", "title_zh")


def films_for_director(talent: Talent) -> QuerySet[Film]:
    return films_public().filter(director=talent).order_by(*LINEUP_ORDER)


def films_for_producer(mentor: Mentor) -> QuerySet[Film]:
    return films_public().filter(producer=mentor).order_by(*LINEUP_ORDER)


def mentors_public() -> QuerySet[Mentor]:
    """Mentors with a public role: a seat on a public cohort's panel or a public film produced.
    It lives here, not in mentors, because producing is recorded on the film."""
    return Mentor.objects.filter(
        Exists(panel_seats_public_all().filter(mentor_id=OuterRef("pk")))
        | Exists(films_public().filter(producer_id=OuterRef("pk")))
    ).order_by("name_latin", "name_original")
