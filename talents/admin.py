from django.contrib import admin

from core.admin_forms import CheckedImagesModelForm
from talents.models import Enrollment, Talent


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    autocomplete_fields = ("cohort",)


@admin.register(Talent)
class TalentAdmin(admin.ModelAdmin):
    form = CheckedImagesModelForm
    list_display = ("name_original", "name_latin", "email", "user", "publish_headshot")
    search_fields = ("name_original", "name_latin", "email", "slug")
    autocomplete_fields = ("user",)
    inlines = [EnrollmentInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("talent", "cohort", "role", "status")
    list_filter = ("status", "role", "cohort")
    search_fields = ("talent__name_original", "talent__name_latin")
    list_select_related = ("talent", "cohort")
