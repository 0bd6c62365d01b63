"""§5.2: a visit's write-up asks whether anyone joined or left the household (null for other entries)."""

from django.db import migrations, models
from access.migration_operations import RenderOnce


class Migration(migrations.Migration):
    dependencies = [("records", "0016_paper_files"), ("casework", "0002_basic_record")]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name="entry",
                name="household_changed",
                field=models.BooleanField(null=True),
            ),
            migrations.AddField(
                model_name="historicalentry",
                name="household_changed",
                field=models.BooleanField(null=True),
            ),
        ),
    ]
