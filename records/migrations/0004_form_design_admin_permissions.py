"""Who reaches the form designs in the Django admin (§2). Their accounts also need is_staff.

Administrators draft and submit designs: add, change and view designs and their questions, and
delete questions (of drafts only: the model layer and the database refuse the rest; designs
themselves are never deleted).
Senior leadership approves or rejects them: view and change designs (the approve and reject
buttons), and view questions, to read what they approve. The model layer and the database decide
who may actually approve; these permissions only open the admin pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Administrator": ["add_formdesign", "change_formdesign", "view_formdesign",
                      "add_formquestion", "change_formquestion", "view_formquestion", "delete_formquestion"],
    "Senior leadership": ["view_formdesign", "change_formdesign", "view_formquestion"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); create them now.
    app_config = apps.get_app_config("records")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="records", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="records", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0003_design_rules_in_the_database"),
        ("access", "0003_roles_and_append_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
