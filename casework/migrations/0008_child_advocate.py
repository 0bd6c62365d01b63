"""§6: whether the child needs an advocate or a signer to take part in their recording, and who it is."""

from django.db import migrations, models
from access.migration_operations import RenderOnce


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0006_protected_tables'),
    ]

    operations = [
        RenderOnce(
            migrations.AddField(
                model_name='child',
                name='advocate_name',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='child',
                name='advocate_needed',
                field=models.BooleanField(default=False),
            ),
            migrations.AddField(
                model_name='child',
                name='signer_name',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='child',
                name='signer_needed',
                field=models.BooleanField(default=False),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='advocate_name',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='advocate_needed',
                field=models.BooleanField(default=False),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='signer_name',
                field=models.CharField(blank=True, max_length=200),
            ),
            migrations.AddField(
                model_name='historicalchild',
                name='signer_needed',
                field=models.BooleanField(default=False),
            ),
            migrations.AddConstraint(
                model_name='child',
                constraint=models.CheckConstraint(condition=models.Q(('advocate_needed', True), ('advocate_name', ''), _connector='OR'), name='child_advocate_only_if_needed'),
            ),
            migrations.AddConstraint(
                model_name='child',
                constraint=models.CheckConstraint(condition=models.Q(('signer_needed', True), ('signer_name', ''), _connector='OR'), name='child_signer_only_if_needed'),
            ),
        ),
    ]
