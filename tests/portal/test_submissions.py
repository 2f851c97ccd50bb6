from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from films.models import MilestoneSubmission
from outbox.models import OutboxMessage
from tests.factories import image_bytes, pdf_bytes


def submit_url(world, milestone) -> str:
    return reverse(
        "portal:milestone_submit", kwargs={"film_id": world.film.pk, "milestone_id": milestone.pk}
    )


def post_file(client, world, milestone, content: bytes, name: str = "script.pdf", **extra):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(submit_url(world, milestone), {"file": upload, "note": "v1", **extra})


def test_submit_document_stores_it_privately_under_a_server_name(
    client, world, private_files, django_capture_on_commit_callbacks
):
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, world, world.document_milestone, pdf_bytes(), "../Ünsafe.pdf")

    assert response.status_code == 302
    submission = MilestoneSubmission.objects.get(milestone=world.document_milestone)
    assert submission.version == 1
    assert submission.original_filename == "Ünsafe.pdf"
    assert submission.file.name.startswith("deliverables/")
    assert submission.file.name.endswith(".pdf")
    assert "nsafe" not in submission.file.name
    assert private_files() == [submission.file.name]


def test_submit_emails_producer_and_panel_in_their_language(
    client, world, django_capture_on_commit_callbacks
):
    world.panel_member.preferred_language = "zh-hans"
    world.panel_member.save()
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, world, world.document_milestone, pdf_bytes())

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == sorted([world.producer.email, world.panel_member.email])
    # Each message is rendered in its recipient's language, the film's title included.
    assert world.film.title_en in by_recipient[world.producer.email].subject
    assert world.film.title_zh in by_recipient[world.panel_member.email].subject
    html, mimetype = by_recipient[world.producer.email].alternatives[0]
    assert mimetype == "text/html"
    assert "Open the submission" in html


def test_resubmission_is_a_new_version_and_keeps_the_old_one(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.director)

    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, world, world.document_milestone, pdf_bytes())
        post_file(client, world, world.document_milestone, pdf_bytes(200))

    versions = list(
        MilestoneSubmission.objects.filter(milestone=world.document_milestone)
        .order_by("version")
        .values_list("version", flat=True)
    )
    assert versions == [1, 2]


def test_submit_approved_milestone_is_refused_and_stores_nothing(client, world, private_files):
    world.submission.status = MilestoneSubmission.Status.APPROVED
    world.submission.save()
    client.force_login(world.director)

    response = client.post(
        submit_url(world, world.video_milestone), {"video_url": "https://pan.example.org/s/2"}
    )

    assert response.status_code == 400
    assert "approved and locked" in response.text
    assert world.film.submissions.filter(milestone=world.video_milestone).count() == 1


def test_submit_video_link_keeps_access_code(client, world):
    client.force_login(world.director)

    response = client.post(
        submit_url(world, world.video_milestone),
        {"video_url": "https://pan.example.org/s/new", "access_code": "x7k2", "note": "cut 2"},
    )

    assert response.status_code == 302
    latest = world.film.submissions.filter(milestone=world.video_milestone).latest()
    assert (latest.version, latest.video_url, latest.access_code) == (
        2,
        "https://pan.example.org/s/new",
        "x7k2",
    )


def test_submit_image_milestone_accepts_a_png(client, world, private_files):
    client.force_login(world.director)
    upload = SimpleUploadedFile("board.png", image_bytes(), content_type="image/png")

    response = client.post(submit_url(world, world.image_milestone), {"file": upload})

    assert response.status_code == 302
    submission = world.film.submissions.get(milestone=world.image_milestone)
    assert submission.file.name.endswith(".png")
    assert private_files() == [submission.file.name]


# Bad input: a clear message on the form, a 400, nothing stored, no email.


def test_submit_wrong_type_is_refused_with_a_message(client, world, private_files):
    client.force_login(world.director)

    response = post_file(client, world, world.document_milestone, b"MZ\x90\x00 not a pdf", "a.pdf")

    assert response.status_code == 400
    assert "Upload a PDF or an office document" in response.text
    assert private_files() == []
    assert OutboxMessage.objects.count() == 0


def test_submit_pdf_to_image_milestone_is_refused(client, world, private_files):
    client.force_login(world.director)

    response = post_file(client, world, world.image_milestone, pdf_bytes(), "board.png")

    assert response.status_code == 400
    assert "This is not a JPEG, PNG or WebP image." in response.text
    assert private_files() == []


def test_submit_oversized_file_is_stopped_while_streaming(client, world, private_files, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(world.director)

    response = post_file(client, world, world.document_milestone, pdf_bytes(5000))

    assert response.status_code == 400
    assert "The file is too large: the limit is 1 MB." in response.text
    assert "This field is required" not in response.text
    assert private_files() == []
    assert not world.film.submissions.filter(milestone=world.document_milestone).exists()


def test_submit_corrupt_image_is_refused(client, world, private_files):
    client.force_login(world.director)
    corrupt = image_bytes(200, 200, "JPEG")[:300]

    response = post_file(client, world, world.image_milestone, corrupt, "still.jpg")

    assert response.status_code == 400
    assert "The image file is damaged or incomplete." in response.text
    assert private_files() == []


def test_submit_huge_dimension_image_is_refused(client, world, private_files, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    client.force_login(world.director)

    response = post_file(client, world, world.image_milestone, image_bytes(200, 200), "big.png")

    assert response.status_code == 400
    assert "200 × 200 pixels exceeds the limit" in response.text
    assert private_files() == []


def test_submit_without_file_says_which_field(client, world, private_files):
    client.force_login(world.director)

    response = client.post(submit_url(world, world.document_milestone), {"note": "forgot"})

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert private_files() == []


def test_submit_video_milestone_without_link_is_refused(client, world):
    client.force_login(world.director)

    response = client.post(submit_url(world, world.video_milestone), {"video_url": "not a url"})

    assert response.status_code == 400
    assert "Enter a valid URL." in response.text
    assert world.film.submissions.count() == 1


def test_download_is_an_attachment_with_the_original_name(client, world):
    client.force_login(world.director)
    post_file(client, world, world.document_milestone, pdf_bytes(), "My Script.pdf")
    submission = world.film.submissions.get(milestone=world.document_milestone)
    client.force_login(world.producer)

    response = client.get(reverse("portal:submission_file", args=[submission.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="My Script.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_download_of_a_video_link_submission_is_404(client, world):
    client.force_login(world.director)

    response = client.get(reverse("portal:submission_file", args=[world.submission.pk]))

    assert response.status_code == 404
