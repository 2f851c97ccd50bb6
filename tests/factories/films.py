import io

import factory
from django.utils import timezone
from PIL import Image

from films.models import Credit, DeliverableUpload, Film, MilestoneSubmission, Still
from tests.factories.programs import CohortFactory, MilestoneFactory
from tests.factories.talents import EnrollmentFactory, TalentFactory


def poster_bytes(width: int = 800, height: int = 1200, image_format: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 40)).save(out, format=image_format)
    return out.getvalue()


class FilmFactory(factory.django.DjangoModelFactory):
    """A film whose director is enrolled in its cohort, as the model requires."""

    class Meta:
        model = Film
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    director = factory.SubFactory(TalentFactory)
    slug = factory.Sequence(lambda n: f"film-{n}")
    title_zh = factory.Sequence(lambda n: f"影片{n}")
    title_en = factory.Sequence(lambda n: f"Film {n}")
    logline_en = "A story told in twenty minutes."
    logline_zh = "一个二十分钟的故事。"
    runtime_minutes = 20
    is_published = True

    @factory.post_generation
    def enrolled(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EnrollmentFactory(talent=self.director, cohort=self.cohort)


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    film = factory.SubFactory(FilmFactory)
    role = Credit.Role.CINEMATOGRAPHER
    order = factory.Sequence(lambda n: n)
    name_latin = factory.Faker("name")


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneSubmission

    film = factory.SubFactory(FilmFactory)
    milestone = factory.SubFactory(
        MilestoneFactory,
        cohort=factory.SelfAttribute("..film.cohort"),
        deliverable_kind="video_link",
    )
    version = 1
    video_url = "https://pan.example.org/s/abc"
    submitted_at = factory.LazyFunction(timezone.now)


class StillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Still

    film = factory.SubFactory(FilmFactory)
    image = factory.django.ImageField(width=640, height=360, format="JPEG")
    alt_en = "A still from the film"
    alt_zh = "影片剧照"


class DeliverableUploadFactory(factory.django.DjangoModelFactory):
    """An upload row only: a test that sends chunks starts one with the service, which makes
    its file too."""

    class Meta:
        model = DeliverableUpload

    film = factory.SubFactory(FilmFactory)
    milestone = factory.SubFactory(
        MilestoneFactory, cohort=factory.SelfAttribute("..film.cohort"), deliverable_kind="video"
    )
    created_by = factory.SubFactory("tests.factories.accounts.UserFactory")
    filename = "cut.mov"
    size = 1000
