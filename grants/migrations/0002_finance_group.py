"""The Finance group: the role that sees money (budgets, grants, payments) and nothing
confidential. Membership is given in the admin; the permission is what the pages check."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Finance"


def finance_group(apps, schema_editor):
    app_config = apps.get_app_config("grants")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="grants", codename="view_money")
    )


def no_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(finance_group, no_group)]
