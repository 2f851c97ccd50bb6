from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, SecurityEvent, ThrottleEntry, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = (
        "email",
        "full_name",
        "preferred_language",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "preferred_language")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security trail is evidence: read here (and filtered in the workspace), never written
    or removed by hand."""

    list_display = ("recorded_at", "kind", "email", "actor_email", "ip_address")
    list_filter = ("kind",)
    search_fields = ("email", "actor_email", "ip_address")
    date_hierarchy = "recorded_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ThrottleEntry)
class ThrottleEntryAdmin(admin.ModelAdmin):
    """Read-only: the sign-in throttle's counts while the cache was down."""

    list_display = ("key", "failed_at", "locked_until")
    readonly_fields = ("key", "failed_at", "locked_until")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are made (and shown once) and revoked on the workspace's API tokens page,
    where each is a security event. The stored hash is not shown here either."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    fields = ("name", "user", "prefix", "scopes", "requests_per_minute", "created_at")
    fields += ("created_by", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
