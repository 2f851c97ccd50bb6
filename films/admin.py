from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin_forms import CheckedImagesModelForm
from core.uploads import check_image
from films import services
from films.models import (
    Credit,
    DeliverableUpload,
    Film,
    FilmRevision,
    MilestoneSubmission,
    ReminderSent,
    Still,
    SubmissionComment,
)


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ("talent", "mentor")


class StillInline(admin.TabularInline):
    model = Still
    form = CheckedImagesModelForm
    extra = 0


class SubmissionInline(admin.TabularInline):
    model = MilestoneSubmission
    extra = 0
    fields = ("milestone", "version", "status", "submitted_at", "reviewed_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class FilmAdminForm(forms.ModelForm):
    class Meta:
        model = Film
        fields = "__all__"  # noqa: DJ007 - the admin decides which fields it shows

    def clean_poster(self):
        poster = self.cleaned_data.get("poster")
        if poster and "poster" in self.changed_data:
            check_image(poster)
        return poster


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    form = FilmAdminForm
    list_display = (
        "title_en",
        "title_zh",
        "cohort",
        "director",
        "producer",
        "stage",
        "poster_status",
        "is_published",
    )
    list_filter = ("cohort", "is_published", "stage", "genre", "poster_status")
    search_fields = ("title_en", "title_zh", "director__name_original", "director__name_latin")
    list_select_related = ("cohort", "director", "producer")
    autocomplete_fields = ("director", "producer")
    readonly_fields = ("poster_status", "poster_error", "poster_attempts", "poster_thumbnails")
    inlines = [CreditInline, StillInline, SubmissionInline]
    actions = ["remake_thumbnails"]

    def save_model(self, request, obj, form, change):
        # A new poster through the admin goes the same way as anywhere: checked, re-encoded,
        # thumbnailed in the background.
        # Cleared ("clear" box: False), the services delete the file and its thumbnails too.
        poster = form.cleaned_data.get("poster") if "poster" in form.changed_data else None
        if poster is not None:
            obj.poster = form.initial.get("poster") or ""
        super().save_model(request, obj, form, change)
        if poster:
            services.film_set_poster(film=obj, upload=poster)
        elif poster is False and obj.poster:
            services.film_clear_poster(film=obj)

    @admin.action(description=_("Make the poster thumbnails again"))
    def remake_thumbnails(self, request, queryset):
        for film in queryset.exclude(poster=""):
            services.poster_retry_thumbnails(film=film)
        messages.success(request, _("Thumbnails will be remade in the background."))


@admin.register(MilestoneSubmission)
class MilestoneSubmissionAdmin(admin.ModelAdmin):
    list_display = ("film", "milestone", "version", "status", "submitted_at", "reviewed_at")
    list_filter = ("status", "film__cohort")
    search_fields = ("film__title_en", "film__title_zh")
    list_select_related = ("film", "milestone")
    # The file by its stored name only: confidential files have no URL (core.storage), and
    # staff download them from the portal's milestone page after its permission check.
    exclude = ("file",)
    readonly_fields = ("stored_file", "original_filename", "submitted_by", "submitted_at")

    @admin.display(description=_("file"))
    def stored_file(self, submission: MilestoneSubmission) -> str:
        return submission.file.name or "—"


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ("film", "order", "role", "name_original", "name_latin")
    list_filter = ("role", "film__cohort")
    search_fields = ("name_original", "name_latin", "film__title_en", "film__title_zh")
    list_select_related = ("film",)


@admin.register(Still)
class StillAdmin(admin.ModelAdmin):
    form = CheckedImagesModelForm
    list_display = ("film", "order", "alt_en", "alt_zh")
    search_fields = ("alt_en", "alt_zh", "film__title_en")
    list_select_related = ("film",)


@admin.register(SubmissionComment)
class SubmissionCommentAdmin(admin.ModelAdmin):
    list_display = ("submission", "author", "created_at")
    search_fields = ("body", "submission__film__title_en", "submission__film__title_zh")
    list_select_related = ("submission__film", "author")
    readonly_fields = ("submission", "author")


@admin.register(FilmRevision)
class FilmRevisionAdmin(admin.ModelAdmin):
    """Staff decide revisions in the workspace, where the difference is shown."""

    list_display = ("film", "kind", "status", "proposed_by", "created_at", "decided_at")
    list_filter = ("status", "kind", "film__cohort")
    search_fields = ("film__title_en", "film__title_zh")
    list_select_related = ("film", "proposed_by")
    readonly_fields = ("proposed", "proposed_by", "decided_by", "decided_at")


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """A record of what went out (films.reminders); deleting a row lets that reminder go again."""

    list_display = ("sent_at", "kind", "film", "milestone", "recipient")
    list_filter = ("kind",)
    list_select_related = ("film", "milestone", "recipient")
    readonly_fields = ("film", "milestone", "recipient", "kind", "version", "sent_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(DeliverableUpload)
class DeliverableUploadAdmin(admin.ModelAdmin):
    """Read-only: large uploads under way (films.deliverables). The token addresses the upload
    and is left out; the hourly sweep removes abandoned ones."""

    list_display = ("created_at", "film", "milestone", "filename", "size", "offset")
    search_fields = ("filename", "film__title_en", "film__title_zh")
    exclude = ("token",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in DeliverableUpload._meta.fields if f.name != "token"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
