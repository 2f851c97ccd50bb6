"""The resumable upload endpoints (portal.deliverable_views) take headers and raw bodies, not
forms, so they are fuzzed here: any header values, any body, any method the view takes; never
a 500, and a refused request changes no upload (neither its row nor its bytes on disk)."""

from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from core.chunked_uploads import incoming_create, incoming_path
from films.models import DeliverableUpload
from tests.factories import portal_world

HEADER_TEXT = st.one_of(
    st.integers(min_value=-5, max_value=2**70).map(str),
    st.text(max_size=40),
    st.sampled_from(["", "0", "100", "1.0.0", "filename aGVsbG8=", "filename ???"]),
)
CONTENT_TYPES = st.sampled_from(
    ["application/offset+octet-stream", "text/plain", "application/x-www-form-urlencoded", ""]
)


def latin1(value: str) -> str:
    """What can travel in an HTTP header."""
    return value.encode("latin-1", "replace").decode("latin-1").replace("\n", " ")


class UploadProtocolFuzzTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = portal_world()

    def setUp(self):
        upload = self.world.upload
        incoming_create(str(upload.token)).write_bytes(b"\0" * upload.offset)
        self.client = Client()
        self.client.force_login(self.world.director)

    def state(self):
        upload = DeliverableUpload.objects.filter(pk=self.world.upload.pk).values().first()
        path = incoming_path(str(self.world.upload.token))
        return upload, path.stat().st_size if path.exists() else None

    @given(length=HEADER_TEXT, metadata=HEADER_TEXT)
    def test_fuzz_create(self, length, metadata):
        url = reverse(
            "portal:upload_create",
            kwargs={
                "film_id": self.world.film.pk,
                "milestone_id": self.world.document_milestone.pk,
            },
        )
        before = DeliverableUpload.objects.count()

        response = self.client.post(
            url, headers={"Upload-Length": latin1(length), "Upload-Metadata": latin1(metadata)}
        )

        assert response.status_code == 400  # a document milestone takes no video file
        assert DeliverableUpload.objects.count() == before

    @given(
        method=st.sampled_from(["PATCH", "HEAD"]),
        offset=HEADER_TEXT,
        content_type=CONTENT_TYPES,
        body=st.binary(max_size=2000),
    )
    def test_fuzz_chunk(self, method, offset, content_type, body):
        url = reverse("portal:upload", kwargs={"token": self.world.upload.token})
        before = self.state()

        response = self.client.generic(
            method, url, body, content_type=content_type, headers={"Upload-Offset": latin1(offset)}
        )

        assert response.status_code < 500
        if response.status_code != 204:
            assert self.state() == before
