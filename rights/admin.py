from django.contrib import admin

from rights.models import Licence


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("film", "licensee", "territory", "starts_on", "ends_on", "is_exclusive")
    list_filter = ("licensee", "covers_streaming", "covers_festival", "covers_broadcast")
    search_fields = ("film__title_en", "film__title_zh", "licensee", "licensor")
