from django.contrib import admin

from calls.models import (
    Application,
    Assignment,
    Call,
    Conflict,
    Criterion,
    InterviewSlot,
    Question,
    Review,
    Reviewer,
    Round,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title_en", "title_zh", "cohort", "opens_at", "closes_at", "results_published")
    search_fields = ("title_en", "title_zh", "slug")
    inlines = [RoundInline, QuestionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "round", "weight", "scale_max")
    list_select_related = ("round__call",)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    # Files and answers are confidential: read in the workspace, not listed here.
    list_display = ("pk", "name_latin", "name_original", "call", "state", "eligibility", "decision")
    list_filter = ("state", "eligibility", "decision", "call")
    search_fields = ("name_latin", "name_original", "title_zh", "title_en", "applicant__email")
    list_select_related = ("call", "applicant")
    raw_id_fields = ("applicant", "talent", "film", "round")


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ("user", "call", "kind", "is_active")
    list_filter = ("kind", "is_active", "call")
    raw_id_fields = ("user",)


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ("reviewer", "application", "person", "declared_by_staff")
    raw_id_fields = ("reviewer", "application", "person")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("reviewer", "application", "round", "is_pinned")
    raw_id_fields = ("reviewer", "application", "round")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("assignment", "state", "total", "submitted_at")
    raw_id_fields = ("assignment",)


@admin.register(InterviewSlot)
class InterviewSlotAdmin(admin.ModelAdmin):
    list_display = ("call", "starts_at", "minutes", "application")
    raw_id_fields = ("application",)
