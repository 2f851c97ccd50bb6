# Invitation now lives in the invitations app (invitations.0001), with the same table: this
# removes it from the accounts state only. Nothing runs against the database.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_security_events"),
        ("invitations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Invitation")],
            database_operations=[],
        ),
    ]
