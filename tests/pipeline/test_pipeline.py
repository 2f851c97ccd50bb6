"""A milestone that requires earlier ones stays locked until they are approved, and the film's
production stage follows its approvals."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from films.models import Film, MilestoneSubmission
from films.services import milestone_submit, submission_reopen, submission_review
from programs.models import ProductionStage
from programs.services import milestone_update
from tests.factories import MilestoneFactory, image_bytes, pdf_bytes


def approve(world, milestone) -> MilestoneSubmission:
    """Submit through the service (a PDF, an image or a link as the milestone takes) and
    approve."""
    kind = milestone.deliverable_kind
    upload = {
        "document": SimpleUploadedFile("a.pdf", pdf_bytes()),
        "image": SimpleUploadedFile("a.png", image_bytes()),
    }.get(kind)
    submission = milestone_submit(
        film=world.film,
        milestone=milestone,
        submitted_by=world.director,
        upload=upload,
        video_url="" if upload else "https://pan.example.org/s/x",
    )
    return submission_review(submission=submission, reviewer=world.producer, decision="approved")


def test_submit_refuses_a_milestone_whose_requirement_is_not_approved(world):
    world.image_milestone.requires.set([world.document_milestone])

    with pytest.raises(ValidationError) as error, translation.override("en"):
        milestone_submit(
            film=world.film,
            milestone=world.image_milestone,
            submitted_by=world.director,
            upload=SimpleUploadedFile("a.pdf", pdf_bytes()),
        )

    assert world.document_milestone.name_en in error.value.messages[0]
    assert not MilestoneSubmission.objects.filter(milestone=world.image_milestone).exists()


def test_portal_shows_the_milestone_locked_with_the_reason(client, world):
    world.image_milestone.requires.set([world.document_milestone])
    client.force_login(world.director)
    url = reverse(
        "portal:milestone",
        kwargs={"film_id": world.film.pk, "milestone_id": world.image_milestone.pk},
    )

    page = client.get(url).content.decode()
    film_page = client.get(reverse("portal:film", kwargs={"film_id": world.film.pk})).content

    assert f"Opens when these are approved: {world.document_milestone.name_en}." in page
    assert 'enctype="multipart/form-data"' not in page
    assert world.document_milestone.name_en.encode() in film_page
    assert b"Locked." in film_page


def test_posting_to_a_locked_milestone_answers_400_and_saves_nothing(client, world, settings):
    world.image_milestone.requires.set([world.document_milestone])
    client.force_login(world.director)
    url = reverse(
        "portal:milestone_submit",
        kwargs={"film_id": world.film.pk, "milestone_id": world.image_milestone.pk},
    )

    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", pdf_bytes()), "note": ""})

    assert response.status_code == 400
    assert b"Opens when these are approved" in response.content
    assert not MilestoneSubmission.objects.filter(milestone=world.image_milestone).exists()
    assert not list(settings.PRIVATE_MEDIA_ROOT.rglob("*.pdf"))


def test_a_milestone_opens_once_its_requirement_is_approved(world):
    world.video_milestone.requires.set([world.document_milestone])
    world.submission.delete()
    approve(world, world.document_milestone)

    submission = milestone_submit(
        film=world.film,
        milestone=world.video_milestone,
        submitted_by=world.director,
        video_url="https://pan.example.org/s/cut",
    )

    assert submission.version == 1


def test_stage_follows_the_furthest_approved_milestone_and_falls_back_when_reopened(world):
    world.document_milestone.opens_stage = ProductionStage.PRE_PRODUCTION
    world.document_milestone.save()
    world.image_milestone.opens_stage = ProductionStage.POST_PRODUCTION
    world.image_milestone.save()

    approve(world, world.document_milestone)
    after_first = Film.objects.get(pk=world.film.pk).stage
    picture = approve(world, world.image_milestone)
    after_second = Film.objects.get(pk=world.film.pk).stage
    submission_reopen(submission=picture, reviewer=world.producer, reason="Recut.")
    after_reopen = Film.objects.get(pk=world.film.pk).stage

    assert (after_first, after_second, after_reopen) == (
        ProductionStage.PRE_PRODUCTION,
        ProductionStage.POST_PRODUCTION,
        ProductionStage.PRE_PRODUCTION,
    )


def test_stage_is_shown_on_the_public_page_and_the_dashboard(client, world):
    Film.objects.filter(pk=world.film.pk).update(stage=ProductionStage.SHOOTING, is_published=True)
    world.cohort.status = "premiered"
    world.cohort.save()
    client.force_login(world.staff)

    public = client.get(world.film.get_absolute_url().replace("/zh-hans/", "/en/"))
    dashboard = client.get(reverse("workspace:cohort", kwargs={"slug": world.cohort.slug}))

    assert b"Shooting" in public.content
    assert b"Shooting" in dashboard.content


def test_only_earlier_milestones_of_the_cohort_can_be_required(world):
    foreign = MilestoneFactory(cohort=world.other_cohort, order=1)

    for wrong in (world.video_milestone, foreign):
        with pytest.raises(ValidationError) as error:
            milestone_update(milestone=world.image_milestone, requires=[wrong])
        assert "requires" in error.value.message_dict

    assert list(world.image_milestone.requires.all()) == []


def test_workspace_milestone_form_saves_requirements_and_stage(client, world):
    client.force_login(world.staff)
    url = reverse("workspace:milestone_edit", kwargs={"milestone_id": world.image_milestone.pk})
    data = {
        "order": world.image_milestone.order,
        "name_en": "Shooting script",
        "due_date": "2030-01-01",
        "deliverable_kind": "image",
        "is_required": "on",
        "requires": [world.document_milestone.pk],
        "opens_stage": ProductionStage.SHOOTING,
    }

    response = client.post(url, data)

    assert response.status_code == 302
    world.image_milestone.refresh_from_db()
    assert list(world.image_milestone.requires.all()) == [world.document_milestone]
    assert world.image_milestone.opens_stage == ProductionStage.SHOOTING


def test_copying_a_schedule_keeps_its_requirements(world):
    from programs.services import milestone_schedule_copy

    world.image_milestone.requires.set([world.document_milestone])
    target = type(world.cohort).objects.create(
        program=world.cohort.program,
        slug="copy-target",
        year=2099,
        training_start=world.cohort.training_start,
        training_end=world.cohort.training_end,
    )

    copied = milestone_schedule_copy(source=world.cohort, target=target, shift_days=1)

    second = next(m for m in copied if m.order == world.image_milestone.order)
    assert [m.order for m in second.requires.all()] == [world.document_milestone.order]
