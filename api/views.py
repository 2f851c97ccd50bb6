"""The API's endpoints. Public ones (no token, the same for everybody) read through the public
selectors and are served from the public page cache with ETags; token ones name the scope each
method needs and write through the domain services, so the rules of the workspace hold here
too (a published film's change waits for staff approval; a film enters a lineup only when its
gating milestones are approved)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.models import ApiToken
from api.caching import CachedTokenList
from api.call_serializers import ApplicationSerializer, ReviewSerializer
from api.filters import (
    ApplicationParams,
    EditionParams,
    EnrollmentParams,
    FilmParams,
    PeopleParams,
    ReviewParams,
    ScreeningParams,
    SubmissionParams,
    validated_params,
)
from api.pagination import ApiPagination
from api.permissions import TokenScopes
from api.serializers import (
    DirectorSerializer,
    EditionSerializer,
    EnrollmentSerializer,
    EnrollmentStatusSerializer,
    FilmDetailSerializer,
    FilmSerializer,
    LineupEntrySerializer,
    MentorSerializer,
    ScreeningSerializer,
)
from api.staff_serializers import (
    FilmInfoSerializer,
    LineupEntryCreateSerializer,
    LineupEntryUpdateSerializer,
    SubmissionSerializer,
)
from calls.models import Answer, Application, Review
from films.models import Film, MilestoneSubmission
from films.selectors import (
    LineupFilter,
    credits_for_film,
    film_public_get,
    lineup_films,
    mentors_public,
)
from films.services import film_change_public_info
from programs.selectors import cohorts_public
from screenings.models import Screening, ScreeningFilm
from screenings.selectors import entries_for_film, screening_public_get, screenings_with_films
from screenings.services import screening_add_film, screening_entry_remove, screening_entry_update
from talents.models import Enrollment
from talents.selectors import enrollments_public, talents_public
from talents.services import enrollment_create, enrollment_set_status

Scope = ApiToken.Scope
ERROR = OpenApiResponse(description="The error shape of api.errors")


class PublicEndpoint(generics.GenericAPIView):
    """No token, no session, no throttle: the answer is the same for everybody and cached."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    pagination_class = ApiPagination
    params_class = EditionParams

    @property
    def params(self) -> dict:
        if not hasattr(self, "_params"):
            self._params = validated_params(self.request, self.params_class)
        return self._params


class TokenEndpoint(generics.GenericAPIView):
    permission_classes = [TokenScopes]
    pagination_class = ApiPagination
    required_scopes: dict[str, str] = {}
    params_class = EditionParams

    @property
    def params(self) -> dict:
        if not hasattr(self, "_params"):
            self._params = validated_params(self.request, self.params_class)
        return self._params


# --- Public ----------------------------------------------------------------------------------


@extend_schema(tags=["public"], parameters=[EditionParams])
class EditionList(PublicEndpoint, generics.ListAPIView):
    """The program's editions (cohorts) that are public, newest first."""

    serializer_class = EditionSerializer

    def get_queryset(self):
        self.params  # noqa: B018 (validates the query string)
        return cohorts_public()


@extend_schema(tags=["public"])
class EditionDetail(PublicEndpoint, generics.RetrieveAPIView):
    serializer_class = EditionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return cohorts_public()


@extend_schema(tags=["public"], parameters=[FilmParams])
class FilmList(PublicEndpoint, generics.ListAPIView):
    """The public lineup: published films of public editions, filtered by edition, genre,
    language (either language's text) and search (titles, loglines, the director's name)."""

    serializer_class = FilmSerializer
    params_class = FilmParams

    def get_queryset(self):
        params = self.params
        films = lineup_films(
            LineupFilter(
                query=params.get("search", "").strip(),
                cohort_slug=params.get("edition", ""),
                genre=params.get("genre", ""),
            )
        )
        if params.get("language"):
            language = params["language"].strip()
            films = films.filter(
                Q(language_zh__icontains=language) | Q(language_en__icontains=language)
            )
        return films


@extend_schema(tags=["public"])
class FilmDetail(PublicEndpoint, generics.RetrieveAPIView):
    """One film in both languages: poster thumbnails with their sizes, credits, the screenings
    it is part of and where it can be watched online now."""

    serializer_class = FilmDetailSerializer

    def get_object(self) -> Film:
        film = film_public_get(cohort_slug=self.kwargs["edition"], slug=self.kwargs["slug"])
        if film is None:
            raise Http404
        return film

    def retrieve(self, request, *args, **kwargs):
        film = self.get_object()
        context = {
            **self.get_serializer_context(),
            "credits": list(credits_for_film(film)),
            "entries": list(entries_for_film(film)),
        }
        return Response(FilmDetailSerializer(film, context=context).data)


# Directors and mentors are listed and shown alike: by edition and by name in either script.
# A mixin (Directors, Mentors) says who the public people are and who belongs to an edition.
# Comments, not docstrings: drf-spectacular takes a view's description from its classes.
class PeopleList(PublicEndpoint, generics.ListAPIView):
    params_class = PeopleParams

    def people(self) -> QuerySet:
        raise NotImplementedError

    def in_edition(self, people: QuerySet, edition: str) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self):
        people = self.people()
        if self.params.get("edition"):
            people = self.in_edition(people, self.params["edition"])
        if self.params.get("search"):
            query = self.params["search"].strip()
            people = people.filter(
                Q(name_original__icontains=query) | Q(name_latin__icontains=query)
            )
        return people


class PeopleDetail(PublicEndpoint, generics.RetrieveAPIView):  # the people the list shows
    lookup_field = "slug"

    def people(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self):
        return self.people()


class Directors:  # the public directors; in an edition: enrolled in it
    def people(self) -> QuerySet:
        return talents_public()

    def in_edition(self, people: QuerySet, edition: str) -> QuerySet:
        enrolled = enrollments_public().filter(talent_id=OuterRef("pk"), cohort__slug=edition)
        return people.filter(Exists(enrolled))


class Mentors:  # the public mentors; in an edition: on its panel or producing one of its films
    def people(self) -> QuerySet:
        return mentors_public()

    def in_edition(self, people: QuerySet, edition: str) -> QuerySet:
        return people.filter(
            Q(panel_seats__cohort__slug=edition)
            | Q(produced_films__in=lineup_films(LineupFilter(cohort_slug=edition)))
        ).distinct()


@extend_schema(tags=["public"], parameters=[PeopleParams])
class DirectorList(Directors, PeopleList):
    """Directors of public editions, with only the personal fields they agreed to publish."""

    serializer_class = DirectorSerializer


@extend_schema(tags=["public"])
class DirectorDetail(Directors, PeopleDetail):
    serializer_class = DirectorSerializer


@extend_schema(tags=["public"], parameters=[PeopleParams])
class MentorList(Mentors, PeopleList):
    """Producers and coaching-panel members with a public role."""

    serializer_class = MentorSerializer


@extend_schema(tags=["public"])
class MentorDetail(Mentors, PeopleDetail):
    serializer_class = MentorSerializer


@extend_schema(tags=["public"], parameters=[ScreeningParams])
class ScreeningList(PublicEndpoint, generics.ListAPIView):
    """Published screenings of public editions in time order, each with its public films."""

    serializer_class = ScreeningSerializer
    params_class = ScreeningParams

    def get_queryset(self):
        screenings = screenings_with_films()
        if self.params.get("edition"):
            screenings = screenings.filter(cohort__slug=self.params["edition"])
        return screenings


@extend_schema(tags=["public"])
class ScreeningDetail(PublicEndpoint, generics.RetrieveAPIView):
    serializer_class = ScreeningSerializer

    def get_object(self) -> Screening:
        screening = screening_public_get(
            cohort_slug=self.kwargs["edition"], slug=self.kwargs["slug"]
        )
        if screening is None:
            raise Http404
        return screening


# --- With a token ----------------------------------------------------------------------------


@extend_schema(tags=["enrolments"], parameters=[EnrollmentParams])
class EnrollmentList(CachedTokenList, TokenEndpoint, generics.ListCreateAPIView):
    """Every enrolment (withdrawn ones too), for keeping a partner's roster in sync."""

    serializer_class = EnrollmentSerializer
    params_class = EnrollmentParams
    required_scopes = {"GET": Scope.READ_ENROLLMENTS, "POST": Scope.WRITE_ENROLLMENTS}

    def get_queryset(self):
        enrollments = Enrollment.objects.select_related("talent", "cohort").order_by("id")
        if self.request.method != "GET":
            return enrollments
        if self.params.get("edition"):
            enrollments = enrollments.filter(cohort__slug=self.params["edition"])
        if self.params.get("status"):
            enrollments = enrollments.filter(status=self.params["status"])
        return enrollments

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        serializer.instance = enrollment_create(
            talent=data["talent"],
            cohort=data["cohort"],
            role=data.get("role", Enrollment.Role.DIRECTOR),
            status=data.get("status", Enrollment.Status.SELECTED),
        )


@extend_schema(tags=["enrolments"])
class EnrollmentDetail(TokenEndpoint, generics.RetrieveAPIView):
    serializer_class = EnrollmentSerializer
    required_scopes = {"GET": Scope.READ_ENROLLMENTS, "PATCH": Scope.WRITE_ENROLLMENTS}
    queryset = Enrollment.objects.select_related("talent", "cohort")
    lookup_url_kwarg = "enrollment_id"

    @extend_schema(request=EnrollmentStatusSerializer, responses={200: EnrollmentSerializer})
    def patch(self, request, *args, **kwargs):
        """Change the enrolment's status (selected, active, graduated, withdrawn)."""
        enrollment = self.get_object()
        change = EnrollmentStatusSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        enrollment = enrollment_set_status(
            enrollment=enrollment, status=change.validated_data["status"]
        )
        return Response(EnrollmentSerializer(enrollment).data)


FilmInfoAnswer = inline_serializer(
    "FilmInfoAnswer",
    {
        "film": FilmInfoSerializer(),
        "pending_revision": serializers.IntegerField(allow_null=True),
    },
)


@extend_schema(tags=["films"])
class FilmInformation(TokenEndpoint):
    """A film's public information as stored (published or not). A change to an unpublished
    film applies at once (200); to a published one it becomes a revision that waits for staff
    approval in the workspace (202), as a director's change from the portal does."""

    serializer_class = FilmInfoSerializer
    required_scopes = {"GET": Scope.WRITE_FILMS, "PATCH": Scope.WRITE_FILMS}

    def get_film(self) -> Film:
        film = Film.objects.select_related("cohort").filter(pk=self.kwargs["film_id"]).first()
        if film is None:
            raise Http404
        return film

    @extend_schema(responses={200: FilmInfoAnswer})
    def get(self, request, *args, **kwargs):
        film = self.get_film()
        return Response({"film": FilmInfoSerializer(film).data, "pending_revision": None})

    @extend_schema(request=FilmInfoSerializer, responses={200: FilmInfoAnswer, 202: FilmInfoAnswer})
    def patch(self, request, *args, **kwargs):
        film = self.get_film()
        change = FilmInfoSerializer(film, data=request.data, partial=True)
        change.is_valid(raise_exception=True)
        revision = film_change_public_info(
            film=film, proposed_by=request.user, **change.validated_data
        )
        film.refresh_from_db()
        body = {"film": FilmInfoSerializer(film).data, "pending_revision": revision and revision.pk}
        return Response(body, status=status.HTTP_202_ACCEPTED if revision else status.HTTP_200_OK)


def _screening(screening_id: int) -> Screening:
    screening = Screening.objects.select_related("cohort").filter(pk=screening_id).first()
    if screening is None:
        raise Http404
    return screening


@extend_schema(tags=["lineups"])
class Lineup(TokenEndpoint):
    """A screening's lineup (published or not): the films in running order."""

    serializer_class = LineupEntrySerializer
    required_scopes = {"GET": Scope.WRITE_LINEUPS, "POST": Scope.WRITE_LINEUPS}
    pagination_class = None  # a lineup is short and read whole

    def _entries(self, screening: Screening):
        return screening.entries.select_related("film__cohort").order_by("order", "id")

    @extend_schema(responses={200: LineupEntrySerializer(many=True)})
    def get(self, request, screening_id: int):
        screening = _screening(screening_id)
        return Response(LineupEntrySerializer(self._entries(screening), many=True).data)

    @extend_schema(
        request=LineupEntryCreateSerializer, responses={201: LineupEntrySerializer(many=True)}
    )
    def post(self, request, screening_id: int):
        """Add a film; refused (400, with the reason) while its gating milestones are not
        approved or when it belongs to another edition."""
        screening = _screening(screening_id)
        entry = LineupEntryCreateSerializer(data=request.data)
        entry.is_valid(raise_exception=True)
        data = dict(entry.validated_data)
        film = Film.objects.filter(pk=data.pop("film")).first()
        if film is None:
            raise ValidationError({"film": [_("There is no film with this id.")]})
        screening_add_film(screening=screening, film=film, **data)
        return Response(
            LineupEntrySerializer(self._entries(screening), many=True).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["lineups"])
class LineupEntry(TokenEndpoint):
    serializer_class = LineupEntrySerializer
    required_scopes = {"PATCH": Scope.WRITE_LINEUPS, "DELETE": Scope.WRITE_LINEUPS}

    def get_entry(self) -> ScreeningFilm:
        entry = (
            ScreeningFilm.objects.select_related("film__cohort", "screening")
            .filter(pk=self.kwargs["entry_id"], screening_id=self.kwargs["screening_id"])
            .first()
        )
        if entry is None:
            raise Http404
        return entry

    @extend_schema(request=LineupEntryUpdateSerializer, responses={200: LineupEntrySerializer})
    def patch(self, request, screening_id: int, entry_id: int):
        """Move the film in the running order or change its online window."""
        entry = self.get_entry()
        change = LineupEntryUpdateSerializer(data=request.data, partial=True)
        change.is_valid(raise_exception=True)
        entry = screening_entry_update(entry=entry, **change.validated_data)
        return Response(LineupEntrySerializer(entry).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, screening_id: int, entry_id: int):
        screening_entry_remove(entry=self.get_entry())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["submissions"], parameters=[SubmissionParams])
class SubmissionList(CachedTokenList, TokenEndpoint, generics.ListAPIView):
    """Milestone submissions and their reviews: status, dates and feedback, never the
    confidential file, video link or access code."""

    serializer_class = SubmissionSerializer
    params_class = SubmissionParams
    required_scopes = {"GET": Scope.READ_SUBMISSIONS}

    def get_queryset(self):
        submissions = MilestoneSubmission.objects.select_related(
            "film__cohort", "milestone"
        ).order_by("-submitted_at", "-id")
        if self.params.get("edition"):
            submissions = submissions.filter(film__cohort__slug=self.params["edition"])
        if self.params.get("film"):
            submissions = submissions.filter(film_id=self.params["film"])
        return submissions


def _applications():
    """Every application past its draft, with what the serializer reads in four queries."""
    answers = Answer.objects.select_related("question").order_by("question__order", "question_id")
    return (
        Application.objects.exclude(state=Application.State.DRAFT)
        .select_related("call__cohort", "round", "talent")
        .prefetch_related("files", Prefetch("answers", queryset=answers))
        .order_by("id")
    )


@extend_schema(tags=["applications"], parameters=[ApplicationParams])
class ApplicationList(CachedTokenList, TokenEndpoint, generics.ListAPIView):
    """Applications to the open calls, submitted or withdrawn (never a draft), with their answers
    and the names of their files (never the files: they are confidential), the eligibility
    check and the decision; filtered by call, edition, state, round, eligibility, decision."""

    serializer_class = ApplicationSerializer
    params_class = ApplicationParams
    required_scopes = {"GET": Scope.READ_APPLICATIONS}

    def get_queryset(self):
        applications = _applications()
        filters = {
            "call": "call__slug",
            "edition": "call__cohort__slug",
            "state": "state",
            "round": "round_id",
            "eligibility": "eligibility",
            "decision": "decision",
        }
        chosen = {
            lookup: self.params[name] for name, lookup in filters.items() if name in self.params
        }
        return applications.filter(**chosen)


@extend_schema(tags=["applications"])
class ApplicationDetail(TokenEndpoint, generics.RetrieveAPIView):
    serializer_class = ApplicationSerializer
    required_scopes = {"GET": Scope.READ_APPLICATIONS}
    lookup_url_kwarg = "application_id"

    def get_queryset(self):
        return _applications()


@extend_schema(tags=["applications"], parameters=[ReviewParams])
class ReviewList(CachedTokenList, TokenEndpoint, generics.ListAPIView):
    """Submitted reviews (a draft is the reviewer's own): each score beside its criterion, the
    weighted total on 0–100 and the comment that may be shared with the applicant; the
    reviewer by id and kind only, and never the comment for the committee."""

    serializer_class = ReviewSerializer
    params_class = ReviewParams
    required_scopes = {"GET": Scope.READ_APPLICATIONS}

    def get_queryset(self):
        reviews = (
            Review.objects.filter(state=Review.State.SUBMITTED)
            .select_related("assignment__round__call", "assignment__reviewer")
            .prefetch_related("assignment__round__criteria")
            .order_by("id")
        )
        filters = {
            "call": "assignment__round__call__slug",
            "round": "assignment__round_id",
            "application": "assignment__application_id",
        }
        chosen = {
            lookup: self.params[name] for name, lookup in filters.items() if name in self.params
        }
        return reviews.filter(**chosen)
