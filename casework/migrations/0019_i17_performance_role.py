"""Issue 17: the Performance and information role, who builds the statutory returns with senior leadership
(access.staff.roles.can_build_returns)."""

from django.db import migrations

ROLE = "Performance and information"  # access.staff.roles.PERFORMANCE_AND_INFORMATION


def add_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0018_i17_return_builds"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_role, migrations.RunPython.noop)]
