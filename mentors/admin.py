from django.contrib import admin

from core.admin_forms import CheckedImagesModelForm
from mentors.models import Mentor, PanelMembership


class PanelMembershipInline(admin.TabularInline):
    model = PanelMembership
    extra = 0
    autocomplete_fields = ("cohort",)


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    form = CheckedImagesModelForm
    list_display = ("name_original", "name_latin", "title_en", "company_en", "email", "user")
    search_fields = ("name_original", "name_latin", "company_en", "company_zh", "email", "slug")
    autocomplete_fields = ("user",)
    inlines = [PanelMembershipInline]


@admin.register(PanelMembership)
class PanelMembershipAdmin(admin.ModelAdmin):
    list_display = ("mentor", "cohort", "role", "order")
    list_filter = ("role", "cohort")
    list_select_related = ("mentor", "cohort")
