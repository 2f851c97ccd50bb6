from django.contrib import admin

from alumni.models import AlumniEntry


@admin.register(AlumniEntry)
class AlumniEntryAdmin(admin.ModelAdmin):
    list_display = ("talent", "kind", "year", "festival_en", "status", "publish", "cohort")
    list_filter = ("status", "kind", "publish", "cohort")
    search_fields = ("talent__name_latin", "talent__name_original", "festival_en", "festival_zh")
    raw_id_fields = ("talent", "film", "proposed_by", "decided_by")
