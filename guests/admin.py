from django.contrib import admin

from guests.models import CategoryQuota, Registration, RegistrationPolicy


class CategoryQuotaInline(admin.TabularInline):
    model = CategoryQuota
    extra = 0


@admin.register(RegistrationPolicy)
class RegistrationPolicyAdmin(admin.ModelAdmin):
    list_display = ("screening", "is_open", "capacity", "offer_hours")
    inlines = [CategoryQuotaInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("display_name", "email", "screening", "category", "status", "checked_in_at")
    list_filter = ("status", "category", "screening")
    search_fields = ("name_zh", "name_en", "email", "organisation")
    # The link secret and ticket code stay out of the admin: they are the guest's keys.
    exclude = ("link_secret", "ticket_code")
    readonly_fields = (
        "status",
        "confirmed_at",
        "waiting_since",
        "offer_expires_at",
        "checked_in_at",
    )
