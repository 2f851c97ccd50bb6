"""What a token with read:applications sees of the open call (calls): submitted and withdrawn
applications with their answers and the names of their files, and submitted reviews with their
scores. Deliberately left out: drafts (the applicant's own until they submit), the password of
the previous film, the files themselves (confidential, private storage: never a URL here), the
applicant's account and email, the reviewers' names and their comment for the committee (the
committee's deliberation; the comment that may be shared with the applicant is shown)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import BilingualField, BilingualText
from calls.models import Answer, Application, ApplicationFile, Review, Reviewer, Round


class RoundRef(serializers.ModelSerializer):
    name = BilingualField("name")

    class Meta:
        model = Round
        fields = ["id", "order", "kind", "name"]


class ApplicationFileRef(serializers.ModelSerializer):
    """That the file is there, never where: application files are confidential."""

    question = serializers.IntegerField(source="question_id", allow_null=True)

    class Meta:
        model = ApplicationFile
        fields = ["material", "question", "original_filename", "size"]


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="question_id")
    label = serializers.SerializerMethodField()
    chosen = serializers.ListField(child=serializers.IntegerField())

    class Meta:
        model = Answer
        fields = ["question", "label", "text", "chosen"]

    @extend_schema_field(BilingualText)
    def get_label(self, answer: Answer) -> dict:
        return {"zh": answer.question.label_zh, "en": answer.question.label_en}


class ApplicationSerializer(serializers.ModelSerializer):
    call = serializers.SlugField(source="call.slug")
    edition = serializers.SlugField(source="call.cohort.slug")
    round = RoundRef(allow_null=True)
    title = BilingualField("title")
    logline = BilingualField("logline")
    # Declared: a read-only model field loses allow_blank, and the schema would say "a URI".
    previous_film_url = serializers.URLField(allow_blank=True, read_only=True)
    talent = serializers.SlugField(source="talent.slug", allow_null=True, default=None)
    film = serializers.IntegerField(source="film_id", allow_null=True)
    files = ApplicationFileRef(many=True)
    answers = AnswerSerializer(many=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "edition",
            "state",
            "round",
            "submitted_at",
            "name_original",
            "name_latin",
            "birth_year",
            "residence",
            "earlier_works",
            "title",
            "logline",
            "is_chinese_language",
            "previous_film_url",
            "eligibility",
            "eligibility_reason",
            "decision",
            "waitlist_position",
            "decision_notified_at",
            "talent",
            "film",
            "files",
            "answers",
        ]
        read_only_fields = fields


class ReviewerRef(serializers.Serializer):
    id = serializers.IntegerField(source="reviewer_id")
    kind = serializers.ChoiceField(source="reviewer.kind", choices=Reviewer.Kind.choices)


class Score(serializers.Serializer):
    criterion = serializers.IntegerField()
    name = BilingualText()
    weight = serializers.IntegerField()
    scale_max = serializers.IntegerField()
    score = serializers.IntegerField()


class ReviewSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="assignment.application_id")
    call = serializers.SlugField(source="assignment.round.call.slug")
    round = RoundRef(source="assignment.round")
    reviewer = ReviewerRef(source="assignment")
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "application",
            "call",
            "round",
            "reviewer",
            "scores",
            "total",
            "applicant_comment",
            "submitted_at",
        ]
        read_only_fields = fields

    @extend_schema_field(Score(many=True))
    def get_scores(self, review: Review) -> list[dict]:
        """Each score beside its criterion, in the rubric's order (criteria prefetched)."""
        scores = review.scores or {}
        return [
            {
                "criterion": criterion.pk,
                "name": {"zh": criterion.name_zh, "en": criterion.name_en},
                "weight": criterion.weight,
                "scale_max": criterion.scale_max,
                "score": scores[str(criterion.pk)],
            }
            for criterion in review.assignment.round.criteria.all()
            if str(criterion.pk) in scores
        ]
