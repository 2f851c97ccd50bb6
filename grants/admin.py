from django.contrib import admin

from grants.models import BudgetLine, Grant, Instalment


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ("film", "amount_cny")
    list_select_related = ("film",)
    raw_id_fields = ("film",)


@admin.register(Instalment)
class InstalmentAdmin(admin.ModelAdmin):
    """For looking up; plans and payments go through the workspace (sums and history)."""

    list_display = ("film", "milestone", "amount_cny", "status", "paid_on", "payment_reference")
    list_filter = ("status", "film__cohort")
    list_select_related = ("film", "milestone")
    readonly_fields = ("status", "due_since", "paid_on", "payment_reference", "paid_by")
    raw_id_fields = ("film", "milestone")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("film", "category", "amount_cny")
    list_select_related = ("film",)
    raw_id_fields = ("film",)
