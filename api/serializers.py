"""What the API shows. Public serializers take rows from the public selectors only (a film that
is not public never reaches them) and show people's personal fields only with their consent
(talents/mentors `*_consented_fields`, as the public pages do). Bilingual texts are objects
{"zh": …, "en": …}; an empty language is "" (the public site falls back to the other)."""

from django.core.files.storage import default_storage
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from films.models import Credit, Film
from mentors.selectors import mentor_consented_fields
from programs.models import Cohort
from screenings.models import Screening
from screenings.selectors import watch_windows
from talents.models import Enrollment, Talent
from talents.selectors import talent_consented_fields


class BilingualText(serializers.Serializer):
    zh = serializers.CharField()
    en = serializers.CharField()


@extend_schema_field(BilingualText)
class BilingualField(serializers.Field):
    def __init__(self, name: str, **kwargs) -> None:
        self.base_name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance) -> dict:
        return {
            "zh": getattr(instance, f"{self.base_name}_zh"),
            "en": getattr(instance, f"{self.base_name}_en"),
        }


class Link(serializers.Serializer):
    url = serializers.URLField()
    label = serializers.CharField(required=False)


class Image(serializers.Serializer):
    url = serializers.CharField()
    alt = BilingualText()


def _image(field_file, alt: dict) -> dict | None:
    return {"url": field_file.url, "alt": alt} if field_file else None


class EditionSerializer(serializers.ModelSerializer):
    edition = BilingualField("edition")

    class Meta:
        model = Cohort
        fields = [
            "slug",
            "year",
            "edition",
            "status",
            "training_start",
            "training_end",
            "premiere_date",
        ]


class PersonRef(serializers.Serializer):
    slug = serializers.SlugField()
    name_original = serializers.CharField()
    name_latin = serializers.CharField()


class Thumbnail(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.ChoiceField(choices=["webp", "jpeg"])
    bytes = serializers.IntegerField()
    url = serializers.CharField()


class Poster(serializers.Serializer):
    alt = BilingualText()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    thumbnails = Thumbnail(many=True)


class FilmSerializer(serializers.ModelSerializer):
    edition = serializers.SlugField(source="cohort.slug", read_only=True)
    title = BilingualField("title")
    logline = BilingualField("logline")
    language = BilingualField("language")
    director = PersonRef(read_only=True)
    poster = serializers.SerializerMethodField()

    class Meta:
        model = Film
        fields = [
            "id",
            "edition",
            "slug",
            "title",
            "logline",
            "genre",
            "runtime_minutes",
            "language",
            "stage",
            "director",
            "poster",
            "published_at",
        ]

    @extend_schema_field(Poster(allow_null=True))
    def get_poster(self, film: Film) -> dict | None:
        if film.poster_status != Film.PosterStatus.READY:
            return None
        thumbnails = [
            {
                "width": t["width"],
                "height": t["height"],
                "format": t["format"],
                "bytes": t.get("bytes", 0),
                "url": default_storage.url(t["name"]),
            }
            for t in sorted(film.poster_thumbnails, key=lambda t: (t["format"], t["width"]))
        ]
        return {
            "alt": {"zh": film.poster_alt_zh, "en": film.poster_alt_en},
            "width": film.poster_width,
            "height": film.poster_height,
            "thumbnails": thumbnails,
        }


class CreditSerializer(serializers.ModelSerializer):
    class Meta:
        model = Credit
        fields = ["role", "name_original", "name_latin", "order"]


class FilmScreeningSerializer(serializers.Serializer):
    edition = serializers.SlugField(source="screening.cohort.slug")
    slug = serializers.SlugField(source="screening.slug")
    kind = serializers.CharField(source="screening.kind")
    title = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField(source="screening.starts_at")
    ends_at = serializers.DateTimeField(source="screening.ends_at")
    order = serializers.IntegerField()

    @extend_schema_field(BilingualText)
    def get_title(self, entry) -> dict:
        return {"zh": entry.screening.title_zh, "en": entry.screening.title_en}


class WatchWindowSerializer(serializers.Serializer):
    platform = serializers.CharField(source="platform_name")
    url = serializers.URLField()
    until = serializers.DateTimeField()


class FilmDetailSerializer(FilmSerializer):
    synopsis = BilingualField("synopsis")
    producer = PersonRef(read_only=True, allow_null=True)
    credits = serializers.SerializerMethodField()
    screenings = serializers.SerializerMethodField()
    watch_windows = serializers.SerializerMethodField()

    class Meta(FilmSerializer.Meta):
        fields = [
            *FilmSerializer.Meta.fields,
            "synopsis",
            "trailer_url",
            "producer",
            "credits",
            "screenings",
            "watch_windows",
        ]

    @extend_schema_field(CreditSerializer(many=True))
    def get_credits(self, film: Film) -> list:
        return CreditSerializer(self.context["credits"], many=True).data

    @extend_schema_field(FilmScreeningSerializer(many=True))
    def get_screenings(self, film: Film) -> list:
        return FilmScreeningSerializer(self.context["entries"], many=True).data

    @extend_schema_field(WatchWindowSerializer(many=True))
    def get_watch_windows(self, film: Film) -> list:
        windows = watch_windows(self.context["entries"], now=timezone.now())
        return WatchWindowSerializer(windows, many=True).data


class DirectorSerializer(serializers.ModelSerializer):
    """Name and bio always; the personal fields only with the director's consent (else null)."""

    bio = BilingualField("bio")
    background = serializers.SerializerMethodField()
    hometown = serializers.SerializerMethodField()
    birth_year = serializers.SerializerMethodField()
    headshot = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Talent
        fields = [
            "slug",
            "name_original",
            "name_latin",
            "bio",
            "background",
            "hometown",
            "birth_year",
            "headshot",
            "links",
        ]

    def _consented(self, talent: Talent, name: str) -> bool:
        return name in talent_consented_fields(talent)

    @extend_schema_field(BilingualText(allow_null=True))
    def get_background(self, talent: Talent) -> dict | None:
        if not self._consented(talent, "background"):
            return None
        return {"zh": talent.background_zh, "en": talent.background_en}

    @extend_schema_field(BilingualText(allow_null=True))
    def get_hometown(self, talent: Talent) -> dict | None:
        if not self._consented(talent, "hometown"):
            return None
        return {"zh": talent.hometown_zh, "en": talent.hometown_en}

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_birth_year(self, talent: Talent) -> int | None:
        return talent.birth_year if self._consented(talent, "birth_year") else None

    @extend_schema_field(Image(allow_null=True))
    def get_headshot(self, talent: Talent) -> dict | None:
        if not self._consented(talent, "headshot"):
            return None
        alt = {"zh": talent.headshot_alt_zh, "en": talent.headshot_alt_en}
        return _image(talent.headshot, alt)

    @extend_schema_field(Link(many=True, allow_null=True))
    def get_links(self, talent: Talent) -> list | None:
        return list(talent.links) if self._consented(talent, "links") else None


class MentorSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name_original = serializers.CharField()
    name_latin = serializers.CharField()
    title = BilingualField("title")
    company = BilingualField("company")
    bio = BilingualField("bio")
    photo = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    @extend_schema_field(Image(allow_null=True))
    def get_photo(self, mentor) -> dict | None:
        if "photo" not in mentor_consented_fields(mentor):
            return None
        return _image(mentor.photo, {"zh": mentor.photo_alt_zh, "en": mentor.photo_alt_en})

    @extend_schema_field(Link(many=True, allow_null=True))
    def get_links(self, mentor) -> list | None:
        return list(mentor.links) if "links" in mentor_consented_fields(mentor) else None


class VenueSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = BilingualField("name")
    address = BilingualField("address")


class LineupEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    film = serializers.IntegerField(source="film_id")
    edition = serializers.SlugField(source="film.cohort.slug")
    slug = serializers.SlugField(source="film.slug")
    title = serializers.SerializerMethodField()
    watch_url = serializers.URLField(allow_blank=True)
    available_from = serializers.DateTimeField(allow_null=True)
    available_until = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(BilingualText)
    def get_title(self, entry) -> dict:
        return {"zh": entry.film.title_zh, "en": entry.film.title_en}


class ScreeningSerializer(serializers.ModelSerializer):
    edition = serializers.SlugField(source="cohort.slug", read_only=True)
    title = BilingualField("title")
    description = BilingualField("description")
    platform_name = BilingualField("platform_name")
    venue = VenueSerializer(read_only=True, allow_null=True)
    films = serializers.SerializerMethodField()

    class Meta:
        model = Screening
        fields = [
            "id",
            "edition",
            "slug",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "platform_name",
            "platform_url",
            "films",
        ]

    @extend_schema_field(LineupEntrySerializer(many=True))
    def get_films(self, screening: Screening) -> list:
        entries = getattr(screening, "public_entries", None)
        if entries is None:
            entries = screening.entries.select_related("film__cohort").order_by("order", "id")
        return LineupEntrySerializer(entries, many=True).data


class EnrollmentSerializer(serializers.ModelSerializer):
    """An enrolment, for partners with a token. Writes go through talents.services."""

    talent = serializers.SlugRelatedField(slug_field="slug", queryset=Talent.objects.all())
    edition = serializers.SlugRelatedField(
        source="cohort", slug_field="slug", queryset=Cohort.objects.all()
    )

    class Meta:
        model = Enrollment
        fields = ["id", "talent", "edition", "role", "status", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        # The unique pair is the service's and the database's to refuse (as a 400).
        validators = []


class EnrollmentStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Enrollment.Status.choices)
