from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_forms import CheckedImagesModelForm
from programs.models import Cohort, CohortPartner, MilestoneDefinition, Partner, Program


class MilestoneInline(admin.TabularInline):
    model = MilestoneDefinition
    extra = 0
    fields = (
        "order",
        "name_zh",
        "name_en",
        "due_date",
        "deliverable_kind",
        "is_required",
        "gates_publishing",
        "gates_screening",
        "opens_stage",
    )


class CohortPartnerInline(admin.TabularInline):
    model = CohortPartner
    extra = 0
    autocomplete_fields = ("partner",)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "organiser_en", "slug")
    search_fields = ("name_en", "name_zh", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = (
        "edition_en",
        "edition_zh",
        "year",
        "program",
        "status",
        "training_start",
        "training_end",
        "premiere_date",
    )
    list_filter = ("status", "program", "year")
    search_fields = ("edition_en", "edition_zh", "slug")
    list_select_related = ("program",)
    inlines = [MilestoneInline, CohortPartnerInline]


@admin.register(MilestoneDefinition)
class MilestoneDefinitionAdmin(admin.ModelAdmin):
    list_display = (
        "order",
        "name_en",
        "name_zh",
        "cohort",
        "due_date",
        "deliverable_kind",
        "is_required",
        "gates_publishing",
        "gates_screening",
    )
    list_filter = ("cohort", "deliverable_kind", "is_required", "gates_publishing")
    search_fields = ("name_en", "name_zh")
    list_select_related = ("cohort",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "cohort",
                    "order",
                    ("name_zh", "name_en"),
                    ("description_zh", "description_en"),
                    "due_date",
                    "deliverable_kind",
                    ("is_required", "gates_publishing", "gates_screening"),
                    "requires",
                    "opens_stage",
                )
            },
        ),
        (
            _("Video file: limit and delivery spec"),
            {
                "fields": (
                    "max_upload_bytes",
                    "spec_video_codecs",
                    ("spec_min_width", "spec_min_height"),
                    "spec_frame_rates",
                    "spec_audio_channels",
                    "spec_max_seconds",
                    ("spec_loudness_lufs", "spec_loudness_tolerance"),
                )
            },
        ),
    )


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = CheckedImagesModelForm
    list_display = ("name_en", "name_zh", "service_category", "website")
    list_filter = ("service_category",)
    search_fields = ("name_en", "name_zh", "slug")


@admin.register(CohortPartner)
class CohortPartnerAdmin(admin.ModelAdmin):
    list_display = ("partner", "cohort", "service_en", "service_zh", "order")
    list_filter = ("cohort",)
    search_fields = ("partner__name_en", "partner__name_zh", "service_en", "service_zh")
    list_select_related = ("partner", "cohort")
