# The Invitation model moved from accounts to this app. Its table keeps its name
# (accounts_invitation, Meta.db_table) and its rows: this migration only tells Django's state
# that the model is here now; accounts.0004 removes it from the accounts state. Nothing runs
# against the database.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0003_security_events"),
        ("mentors", "0001_initial"),
        ("talents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Invitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("email", models.EmailField(max_length=254, verbose_name="email address")),
                        (
                            "language",
                            models.CharField(
                                choices=[("zh-hans", "Simplified Chinese"), ("en", "English")],
                                default="zh-hans",
                                max_length=8,
                                verbose_name="language",
                            ),
                        ),
                        ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="created at"
                            ),
                        ),
                        ("expires_at", models.DateTimeField(verbose_name="expires at")),
                        (
                            "accepted_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="accepted at"),
                        ),
                        (
                            "accepted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "invited_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "mentor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="mentors.mentor",
                            ),
                        ),
                        (
                            "talent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="talents.talent",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "invitation",
                        "verbose_name_plural": "invitations",
                        "db_table": "accounts_invitation",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("talent__isnull", True),
                                    ("mentor__isnull", True),
                                    _connector="XOR",
                                ),
                                name="invitation_for_one_profile",
                                violation_error_message="Invite either a talent or a mentor.",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
