from django.contrib import admin

from screenings.models import Screening, ScreeningFilm, Venue


class ScreeningFilmInline(admin.TabularInline):
    model = ScreeningFilm
    extra = 0
    autocomplete_fields = ("film",)


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_zh", "capacity")
    search_fields = ("name_en", "name_zh", "address_en", "address_zh")


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    list_display = ("title_en", "title_zh", "cohort", "kind", "starts_at", "venue", "is_published")
    list_filter = ("kind", "cohort", "is_published")
    search_fields = ("title_en", "title_zh")
    list_select_related = ("cohort", "venue")
    date_hierarchy = "starts_at"
    inlines = [ScreeningFilmInline]


@admin.register(ScreeningFilm)
class ScreeningFilmAdmin(admin.ModelAdmin):
    list_display = ("screening", "order", "film", "watch_url", "available_from", "available_until")
    list_filter = ("screening__kind", "screening__cohort")
    search_fields = ("film__title_en", "film__title_zh", "screening__title_en")
    list_select_related = ("screening", "film")
