from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("films", "0007_readable_names_and_constraint_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="film",
            name="stage",
            field=models.CharField(
                choices=[
                    ("development", "Development"),
                    ("pre_production", "Pre-production"),
                    ("shooting", "Shooting"),
                    ("post_production", "Post-production"),
                    ("completed", "Completed"),
                ],
                default="development",
                editable=False,
                max_length=24,
                verbose_name="production stage",
            ),
        ),
    ]
