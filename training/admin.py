from django.contrib import admin

from training.models import Attendee, Session, SessionNote


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    raw_id_fields = ("user", "film")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title_en", "title_zh", "cohort", "kind", "starts_at")
    list_filter = ("cohort", "kind")
    search_fields = ("title_en", "title_zh")
    filter_horizontal = ("films", "mentors")
    inlines = [AttendeeInline]


@admin.register(SessionNote)
class SessionNoteAdmin(admin.ModelAdmin):
    list_display = ("session", "film", "author", "created_at")
    raw_id_fields = ("session", "film", "author")
