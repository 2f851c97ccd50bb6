"""Marks the accounts that hold an active reviewer seat (accounts.User.reviews_calls, which the
signed-in menu reads)."""

from django.db import migrations


def flag_reviewers(apps, schema_editor):
    Reviewer = apps.get_model("calls", "Reviewer")
    User = apps.get_model("accounts", "User")
    seats = Reviewer.objects.filter(is_active=True).values("user_id")
    User.objects.filter(pk__in=seats).update(reviews_calls=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_reviews_calls"),
        ("calls", "0004_languages_and_expertise"),
    ]

    operations = [migrations.RunPython(flag_reviewers, migrations.RunPython.noop)]
