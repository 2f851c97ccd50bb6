from django.contrib import admin

from invitations.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the workspace; here only to look at and revoke (delete)."""

    list_display = (
        "email",
        "language",
        "talent",
        "mentor",
        "created_at",
        "expires_at",
        "accepted_at",
    )
    list_filter = ("language", "accepted_at")
    search_fields = ("email",)
    readonly_fields = ("token_hash", "invited_by", "accepted_by", "accepted_at", "created_at")
    list_select_related = ("talent", "mentor")

    def has_add_permission(self, request) -> bool:
        return False
