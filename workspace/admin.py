from django.contrib import admin

from workspace.models import Announcement, AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the history is evidence, not data to repair."""

    list_display = ["recorded_at", "actor_name", "door", "action", "model_label", "object_repr"]
    list_filter = ["door", "action", "model_label"]
    search_fields = ["object_repr", "actor_name"]
    date_hierarchy = "recorded_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["created_at", "cohort", "audience", "subject_en", "recipient_count"]
    list_filter = ["audience", "cohort"]
    search_fields = ["subject_zh", "subject_en"]
    readonly_fields = ["sent_by", "recipient_count"]
