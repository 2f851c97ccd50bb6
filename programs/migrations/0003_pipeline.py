from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_readable_names_and_constraint_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="milestonedefinition",
            name="opens_stage",
            field=models.CharField(
                blank=True,
                choices=[
                    ("development", "Development"),
                    ("pre_production", "Pre-production"),
                    ("shooting", "Shooting"),
                    ("post_production", "Post-production"),
                    ("completed", "Completed"),
                ],
                help_text="The production stage a film reaches when this milestone is approved.",
                max_length=24,
                verbose_name="opens stage",
            ),
        ),
        migrations.AddField(
            model_name="milestonedefinition",
            name="requires",
            field=models.ManyToManyField(
                blank=True,
                help_text="Earlier milestones that must be approved before this one can be submitted.",
                related_name="required_by",
                to="programs.milestonedefinition",
                verbose_name="requires",
            ),
        ),
    ]
