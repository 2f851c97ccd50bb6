"""The people and things of the portal: comments, revisions, and `portal_world`,
one film with every role around it (the permission matrix and the flow tests share it)."""

import io
from dataclasses import dataclass

import factory
from PIL import Image

from accounts.models import User
from films.models import (
    DeliverableUpload,
    Film,
    FilmRevision,
    MilestoneSubmission,
    SubmissionComment,
)
from programs.models import Cohort, MilestoneDefinition
from tests.factories.accounts import UserFactory
from tests.factories.films import DeliverableUploadFactory, FilmFactory, SubmissionFactory
from tests.factories.mentors import MentorFactory, PanelMembershipFactory
from tests.factories.programs import CohortFactory, MilestoneFactory

PASSWORD = "correct-horse-battery"


def pdf_bytes(size: int = 0, *, catalog_extra: str = "", objects: tuple[str, ...] = ()) -> bytes:
    """A small well-formed PDF (one blank page, its cross-reference table); `size` pads it to at
    least that many bytes with a comment line; `catalog_extra` and `objects` (numbered from 4)
    add to it, for the active-content tests."""
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
        *objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    out.write(b"%" * max(0, size - out.tell()) + b"\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def image_bytes(width: int = 64, height: int = 48, image_format: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, format=image_format)
    return out.getvalue()


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubmissionComment

    submission = factory.SubFactory(SubmissionFactory)
    author = factory.SubFactory(UserFactory)
    body = "Looks good so far."


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FilmRevision

    film = factory.SubFactory(FilmFactory)
    kind = FilmRevision.Kind.FILM
    proposed = factory.LazyFunction(lambda: {"logline_en": "A new logline."})


def director_user(film: Film, **fields) -> User:
    user = UserFactory(**fields)
    film.director.user = user
    film.director.save(update_fields=["user"])
    return user


def mentor_user(**fields):
    user = UserFactory(**fields)
    return MentorFactory(user=user), user


@dataclass
class PortalWorld:
    cohort: Cohort
    other_cohort: Cohort
    film: Film
    document_milestone: MilestoneDefinition
    image_milestone: MilestoneDefinition
    video_milestone: MilestoneDefinition
    video_file_milestone: MilestoneDefinition
    submission: MilestoneSubmission
    upload: DeliverableUpload
    director: User
    same_cohort_director: User
    other_cohort_director: User
    producer: User
    panel_member: User
    unrelated_mentor: User
    staff: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def portal_world(*, film_published: bool = False) -> PortalWorld:
    """A film with its director, producer and panel, a neighbour film in the same cohort, a film
    in another cohort, a mentor with no ties to any of them, and a staff member."""
    cohort, other_cohort = CohortFactory(), CohortFactory()
    producer_profile, producer = mentor_user(full_name="Pat Producer")
    film = FilmFactory(cohort=cohort, producer=producer_profile, is_published=film_published)
    director = director_user(film, full_name="Dana Director")
    same_cohort_director = director_user(FilmFactory(cohort=cohort))
    other_cohort_director = director_user(FilmFactory(cohort=other_cohort))
    panel_profile, panel_member = mentor_user(full_name="Pan Panel")
    PanelMembershipFactory(cohort=cohort, mentor=panel_profile)
    _unrelated_profile, unrelated_mentor = mentor_user()
    PanelMembershipFactory(cohort=other_cohort, mentor=_unrelated_profile)
    milestones = [
        MilestoneFactory(cohort=cohort, order=order, deliverable_kind=kind)
        for order, kind in enumerate(MilestoneDefinition.DeliverableKind.values, start=1)
    ]
    submission = SubmissionFactory(film=film, milestone=milestones[2], submitted_by=director)
    return PortalWorld(
        cohort=cohort,
        other_cohort=other_cohort,
        film=film,
        document_milestone=milestones[0],
        image_milestone=milestones[1],
        video_milestone=milestones[2],
        video_file_milestone=milestones[3],
        submission=submission,
        # The director's video file half sent (a row only: no chunk is on disk).
        upload=DeliverableUploadFactory(
            film=film, milestone=milestones[3], created_by=director, offset=400
        ),
        director=director,
        same_cohort_director=same_cohort_director,
        other_cohort_director=other_cohort_director,
        producer=producer,
        panel_member=panel_member,
        unrelated_mentor=unrelated_mentor,
        staff=UserFactory(is_staff=True),
    )
