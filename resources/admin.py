from django.contrib import admin

from resources.models import Availability, Booking, Resource


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 0


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "partner", "kind", "quantity", "value_cny", "charge")
    list_filter = ("partner", "kind", "is_active")
    search_fields = ("name_en", "name_zh")
    list_select_related = ("partner",)
    inlines = [AvailabilityInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """For looking up a booking; decisions go through the workspace (its services email)."""

    list_display = ("resource", "unit", "film", "start_date", "end_date", "status")
    list_filter = ("status", "resource__partner", "film__cohort")
    list_select_related = ("resource__partner", "film")
    readonly_fields = ("status", "decided_by", "decided_at", "confirmed_at", "cancelled_at")
    raw_id_fields = ("film", "requested_by", "decided_by")
