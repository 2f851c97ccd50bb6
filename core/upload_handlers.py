"""The upload size limit, enforced while the request body streams in: a file is dropped as soon
as its running byte count passes settings.UPLOAD_MAX_BYTES, so an oversized upload never lands
whole in memory or on disk. The form then says "too large" (core.uploads.UploadLimitFormMixin)."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from core.uploads import mark_oversized_upload


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts each file's bytes and passes them on unchanged."""

    def new_file(self, field_name, *args, **kwargs) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            mark_oversized_upload(self.request, self.field_name)
            # SkipFile, not StopUpload: the rest of the form (CSRF token included) still parses,
            # so the page can answer with the form and a message instead of an error.
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
