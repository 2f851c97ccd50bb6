from django.contrib import admin

from outbox.models import DigestEntry, OutboxAttachment, OutboxMessage
from outbox.signals import message_viewed


class OutboxAttachmentInline(admin.TabularInline):
    """What was attached, by name and type (the content stays in the row)."""

    model = OutboxAttachment
    fields = ("filename", "mimetype")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only; the bodies are shown with any secret link withheld (outbox.links), and opening
    a message is recorded (outbox.signals.message_viewed)."""

    list_display = ("created_at", "recipient", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "language")
    search_fields = ("recipient", "subject", "cause", "message_id")
    readonly_fields = [
        *(f.name for f in OutboxMessage._meta.fields if f.name not in ("body_text", "body_html")),
        "body_text_redacted",
        "body_html_redacted",
    ]
    exclude = ("body_text", "body_html")
    inlines = [OutboxAttachmentInline]

    def has_add_permission(self, request) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        message = OutboxMessage.objects.filter(pk=object_id).first()
        if message is not None and self.has_view_permission(request, message):
            message_viewed.send(sender=OutboxMessage, message=message, request=request)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(DigestEntry)
class DigestEntryAdmin(admin.ModelAdmin):
    """Read-only: what waits for a daily digest, and the digest it went out in. (A message with
    a secret link is never held for a digest, so nothing here is a key.)"""

    list_display = ("created_at", "recipient", "summary", "message")
    list_filter = ("language",)
    search_fields = ("recipient", "summary", "cause")
    readonly_fields = [f.name for f in DigestEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutboxAttachment)
class OutboxAttachmentAdmin(admin.ModelAdmin):
    """Read-only: which message carried which file (the content stays in the row)."""

    list_display = ("filename", "mimetype", "message")
    search_fields = ("filename", "message__recipient")
    fields = ("message", "filename", "mimetype")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
