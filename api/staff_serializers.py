"""Serializers of the token endpoints' request bodies and of what only tokens may read."""

from rest_framework import serializers

from films.models import FILM_PUBLIC_FIELDS, Film, MilestoneSubmission
from screenings.models import ScreeningFilm


class FilmInfoSerializer(serializers.ModelSerializer):
    """The fields a director may change from the portal, and nothing else."""

    edition = serializers.SlugField(source="cohort.slug", read_only=True)

    class Meta:
        model = Film
        fields = ["id", "edition", "slug", "is_published", *FILM_PUBLIC_FIELDS]
        read_only_fields = ["id", "edition", "slug", "is_published"]


class LineupEntryCreateSerializer(serializers.ModelSerializer):
    film = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)

    class Meta:
        model = ScreeningFilm
        fields = ["film", "order", "watch_url", "available_from", "available_until"]


class LineupEntryUpdateSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)

    class Meta:
        model = ScreeningFilm
        fields = ["order", "watch_url", "available_from", "available_until"]


class SubmissionSerializer(serializers.ModelSerializer):
    film = serializers.IntegerField(source="film_id")
    edition = serializers.SlugField(source="film.cohort.slug")
    milestone = serializers.SerializerMethodField()

    class Meta:
        model = MilestoneSubmission
        fields = [
            "id",
            "film",
            "edition",
            "milestone",
            "version",
            "status",
            "submitted_at",
            "reviewed_at",
            "feedback",
        ]

    def get_milestone(self, submission) -> dict:
        milestone = submission.milestone
        return {"id": milestone.pk, "zh": milestone.name_zh, "en": milestone.name_en}
