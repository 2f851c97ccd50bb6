"""The query parameters of the list endpoints, validated before anything reaches the database:
a malformed value, an unknown genre or a parameter the endpoint does not know answers 400 with
the field named (a misspelt filter silently ignored would return the whole list)."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from calls.models import Application
from films.models import Film
from talents.models import Enrollment

MAX_PAGE = 1000
MAX_PAGE_SIZE = 100


class PageParams(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


class EditionParams(PageParams):
    pass


class FilmParams(PageParams):
    edition = serializers.SlugField(required=False, max_length=50)
    genre = serializers.ChoiceField(required=False, choices=Film.Genre.choices)
    language = serializers.CharField(required=False, max_length=80)
    search = serializers.CharField(required=False, max_length=100)


class PeopleParams(PageParams):
    edition = serializers.SlugField(required=False, max_length=50)
    search = serializers.CharField(required=False, max_length=100)


class ScreeningParams(PageParams):
    edition = serializers.SlugField(required=False, max_length=50)


class EnrollmentParams(PageParams):
    edition = serializers.SlugField(required=False, max_length=50)
    status = serializers.ChoiceField(required=False, choices=Enrollment.Status.choices)


class SubmissionParams(PageParams):
    edition = serializers.SlugField(required=False, max_length=50)
    film = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


ID = {"required": False, "min_value": 1, "max_value": 2**31 - 1}


class ApplicationParams(PageParams):
    call = serializers.SlugField(required=False, max_length=50)
    edition = serializers.SlugField(required=False, max_length=50)
    state = serializers.ChoiceField(
        required=False,
        choices=[c for c in Application.State.choices if c[0] != Application.State.DRAFT],
    )
    round = serializers.IntegerField(**ID)
    eligibility = serializers.ChoiceField(required=False, choices=Application.Eligibility.choices)
    decision = serializers.ChoiceField(
        required=False, choices=[c for c in Application.Decision.choices if c[0]]
    )


class ReviewParams(PageParams):
    call = serializers.SlugField(required=False, max_length=50)
    round = serializers.IntegerField(**ID)
    application = serializers.IntegerField(**ID)


def validated_params(request, params_class) -> dict:
    params = params_class(data=request.query_params.dict())
    unknown = set(request.query_params) - set(params.fields)
    if unknown:
        raise ValidationError(
            {name: [_("This endpoint has no such parameter.")] for name in sorted(unknown)}
        )
    repeated = [
        name for name in request.query_params if len(request.query_params.getlist(name)) > 1
    ]
    if repeated:
        raise ValidationError({name: [_("Give this parameter once.")] for name in repeated})
    params.is_valid(raise_exception=True)
    return params.validated_data
