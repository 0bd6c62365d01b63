"""The basic record (§5.1, §5.3): household memberships with dates, people close to the child, contact
arrangements, placements, legal status, private providers and sibling links; all restrictable (§7)."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("access", "0004_restrictions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.CreateModel(
                name='ClosePerson',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('full_name', models.CharField(max_length=200)),
                    ('relationship', models.CharField(max_length=100)),
                    ('contact_frequency', models.CharField(max_length=200, verbose_name='How often they see the child')),
                    ('how_to_reach', models.TextField(blank=True, verbose_name='How to reach them')),
                ],
                options={
                    'verbose_name': 'person close to the child',
                    'verbose_name_plural': 'people close to the child',
                    'ordering': ['end_date', '-start_date', '-id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ContactArrangement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('with_whom', models.CharField(max_length=200)),
                    ('frequency', models.CharField(max_length=200, verbose_name='How often')),
                    ('supervised', models.BooleanField()),
                    ('supervised_by', models.CharField(blank=True, max_length=200)),
                    ('venue', models.CharField(max_length=300, verbose_name='Where')),
                    ('basis', models.CharField(choices=[('family_agreement', 'Agreed with the family'), ('care_plan', 'Agreed in the care plan or at a review'), ('court_order', 'Ordered by a court'), ('other', 'Other')], max_length=30, verbose_name='What agreed or ordered it')),
                    ('basis_detail', models.TextField(blank=True, verbose_name='Details of the agreement or order')),
                ],
                options={
                    'ordering': ['end_date', '-start_date', '-id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='HistoricalClosePerson',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('full_name', models.CharField(max_length=200)),
                    ('relationship', models.CharField(max_length=100)),
                    ('contact_frequency', models.CharField(max_length=200, verbose_name='How often they see the child')),
                    ('how_to_reach', models.TextField(blank=True, verbose_name='How to reach them')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical person close to the child',
                    'verbose_name_plural': 'historical people close to the child',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalContactArrangement',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('with_whom', models.CharField(max_length=200)),
                    ('frequency', models.CharField(max_length=200, verbose_name='How often')),
                    ('supervised', models.BooleanField()),
                    ('supervised_by', models.CharField(blank=True, max_length=200)),
                    ('venue', models.CharField(max_length=300, verbose_name='Where')),
                    ('basis', models.CharField(choices=[('family_agreement', 'Agreed with the family'), ('care_plan', 'Agreed in the care plan or at a review'), ('court_order', 'Ordered by a court'), ('other', 'Other')], max_length=30, verbose_name='What agreed or ordered it')),
                    ('basis_detail', models.TextField(blank=True, verbose_name='Details of the agreement or order')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical contact arrangement',
                    'verbose_name_plural': 'historical contact arrangements',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalLegalStatus',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('status', models.CharField(choices=[('s20', 'Accommodated under section 20 (Children Act 1989)'), ('police_protection', 'Police protection (section 46)'), ('epo', 'Emergency protection order'), ('interim_care_order', 'Interim care order'), ('care_order', 'Care order'), ('placement_order', 'Placement order'), ('supervision_order', 'Supervision order'), ('child_arrangements_order', 'Child arrangements order'), ('sgo', 'Special guardianship order'), ('remand', 'Remanded to local authority accommodation'), ('other', 'Other')], max_length=30, verbose_name='Legal status')),
                    ('details', models.TextField(blank=True, verbose_name='Details, for example the court and case number')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical legal status',
                    'verbose_name_plural': 'historical legal statuses',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalPlacement',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('placement_type', models.CharField(choices=[('foster_la', "Foster care with the council's own carers"), ('foster_ifa', 'Foster care through an independent fostering agency'), ('family_friends', 'Foster care with family or friends (kinship)'), ('childrens_home', "Children's home"), ('secure', "Secure children's home or unit"), ('supported', 'Supported accommodation'), ('with_parents', 'Placed with parents'), ('adoption', 'Placed for adoption'), ('residential_school', 'Residential school'), ('other', 'Other')], max_length=30, verbose_name='Type of placement')),
                    ('carer_or_provider', models.CharField(max_length=200, verbose_name='Carer or provider')),
                    ('address', models.TextField()),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical placement',
                    'verbose_name_plural': 'historical placements',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalProviderArrangement',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('provider_name', models.CharField(max_length=200, verbose_name='Provider')),
                    ('provider_kind', models.CharField(choices=[('ifa', 'Independent fostering agency'), ('childrens_home', "Private or voluntary children's home"), ('social_work', 'Provider of social work services'), ('supported', 'Supported accommodation provider'), ('other', 'Other')], max_length=30, verbose_name='Kind of provider')),
                    ('arrangement', models.TextField(verbose_name='What is arranged')),
                    ('contract_reference', models.CharField(blank=True, max_length=100, verbose_name='Contract or reference')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical provider arrangement',
                    'verbose_name_plural': 'historical provider arrangements',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalSiblingLink',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('relationship', models.CharField(choices=[('full', 'Brother or sister'), ('half', 'Half-brother or half-sister'), ('step', 'Stepbrother or stepsister'), ('adoptive', 'Adoptive brother or sister'), ('foster', 'Foster brother or sister')], max_length=20)),
                    ('linked_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('ended_at', models.DateTimeField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ],
                options={
                    'verbose_name': 'historical sibling link',
                    'verbose_name_plural': 'historical sibling links',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='LegalStatus',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('status', models.CharField(choices=[('s20', 'Accommodated under section 20 (Children Act 1989)'), ('police_protection', 'Police protection (section 46)'), ('epo', 'Emergency protection order'), ('interim_care_order', 'Interim care order'), ('care_order', 'Care order'), ('placement_order', 'Placement order'), ('supervision_order', 'Supervision order'), ('child_arrangements_order', 'Child arrangements order'), ('sgo', 'Special guardianship order'), ('remand', 'Remanded to local authority accommodation'), ('other', 'Other')], max_length=30, verbose_name='Legal status')),
                    ('details', models.TextField(blank=True, verbose_name='Details, for example the court and case number')),
                ],
                options={
                    'verbose_name_plural': 'legal statuses',
                    'ordering': ['end_date', '-start_date', '-id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Placement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('placement_type', models.CharField(choices=[('foster_la', "Foster care with the council's own carers"), ('foster_ifa', 'Foster care through an independent fostering agency'), ('family_friends', 'Foster care with family or friends (kinship)'), ('childrens_home', "Children's home"), ('secure', "Secure children's home or unit"), ('supported', 'Supported accommodation'), ('with_parents', 'Placed with parents'), ('adoption', 'Placed for adoption'), ('residential_school', 'Residential school'), ('other', 'Other')], max_length=30, verbose_name='Type of placement')),
                    ('carer_or_provider', models.CharField(max_length=200, verbose_name='Carer or provider')),
                    ('address', models.TextField()),
                ],
                options={
                    'ordering': ['end_date', '-start_date', '-id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ProviderArrangement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('end_date', models.DateField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('provider_name', models.CharField(max_length=200, verbose_name='Provider')),
                    ('provider_kind', models.CharField(choices=[('ifa', 'Independent fostering agency'), ('childrens_home', "Private or voluntary children's home"), ('social_work', 'Provider of social work services'), ('supported', 'Supported accommodation provider'), ('other', 'Other')], max_length=30, verbose_name='Kind of provider')),
                    ('arrangement', models.TextField(verbose_name='What is arranged')),
                    ('contract_reference', models.CharField(blank=True, max_length=100, verbose_name='Contract or reference')),
                ],
                options={
                    'ordering': ['end_date', '-start_date', '-id'],
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='SiblingLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('relationship', models.CharField(choices=[('full', 'Brother or sister'), ('half', 'Half-brother or half-sister'), ('step', 'Stepbrother or stepsister'), ('adoptive', 'Adoptive brother or sister'), ('foster', 'Foster brother or sister')], max_length=20)),
                    ('linked_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('ended_at', models.DateTimeField(blank=True, null=True)),
                    ('end_reason', models.TextField(blank=True)),
                ],
                options={
                    'ordering': ['linked_at', 'id'],
                },
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='joined_on',
                field=models.DateField(blank=True, null=True, verbose_name='Date they joined the household'),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='left_on',
                field=models.DateField(blank=True, null=True, verbose_name='Date they left the household'),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='left_reason',
                field=models.TextField(blank=True),
            ),
            migrations.AddField(
                model_name='historicalhouseholdmember',
                name='recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='joined_on',
                field=models.DateField(blank=True, null=True, verbose_name='Date they joined the household'),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='left_on',
                field=models.DateField(blank=True, null=True, verbose_name='Date they left the household'),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='left_reason',
                field=models.TextField(blank=True),
            ),
            migrations.AddField(
                model_name='householdmember',
                name='recorded_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AlterField(
                model_name='historicalhouseholdmember',
                name='relationship',
                field=models.CharField(help_text='Relationship to the child, for example Mother', max_length=100),
            ),
            migrations.AlterField(
                model_name='householdmember',
                name='relationship',
                field=models.CharField(help_text='Relationship to the child, for example Mother', max_length=100),
            ),
            migrations.AddConstraint(
                model_name='householdmember',
                constraint=models.CheckConstraint(condition=models.Q(('left_on__isnull', True), ('joined_on__isnull', True), ('left_on__gte', models.F('joined_on')), _connector='OR'), name='household_member_left_after_joining'),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='recorded_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='closeperson',
                name='restriction',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='recorded_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='contactarrangement',
                name='restriction',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalcloseperson',
                name='restriction',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalcontactarrangement',
                name='restriction',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicallegalstatus',
                name='restriction',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalplacement',
                name='restriction',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='child',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='recorded_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalproviderarrangement',
                name='restriction',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='child_a',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='child_b',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='ended_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='history_user',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='historicalsiblinglink',
                name='linked_by',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='recorded_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='legalstatus',
                name='restriction',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='placement',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='placement',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='placement',
                name='recorded_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='placement',
                name='restriction',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='child',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='recorded_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='providerarrangement',
                name='restriction',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='access.restriction'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='child_a',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='child_b',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.child'),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='ended_by',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='siblinglink',
                name='linked_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddConstraint(
                model_name='closeperson',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='close_person_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='contactarrangement',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='contact_arrangement_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='contactarrangement',
                constraint=models.CheckConstraint(condition=models.Q(('supervised', False), models.Q(('supervised_by', ''), _negated=True), _connector='OR'), name='contact_supervised_says_by_whom'),
            ),
            migrations.AddConstraint(
                model_name='legalstatus',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='legal_status_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='legalstatus',
                constraint=models.CheckConstraint(condition=models.Q(('start_date__isnull', False)), name='legal_status_has_start'),
            ),
            migrations.AddConstraint(
                model_name='placement',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='placement_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='placement',
                constraint=models.CheckConstraint(condition=models.Q(('start_date__isnull', False)), name='placement_has_start'),
            ),
            migrations.AddConstraint(
                model_name='placement',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), models.Q(('end_reason', ''), _negated=True), _connector='OR'), name='placement_ended_with_reason'),
            ),
            migrations.AddConstraint(
                model_name='providerarrangement',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='provider_arrangement_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='providerarrangement',
                constraint=models.CheckConstraint(condition=models.Q(('start_date__isnull', False)), name='provider_arrangement_has_start'),
            ),
            migrations.AddConstraint(
                model_name='siblinglink',
                constraint=models.CheckConstraint(condition=models.Q(('child_a__lt', models.F('child_b'))), name='sibling_link_ordered_pair'),
            ),
            migrations.AddConstraint(
                model_name='siblinglink',
                constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('child_a', 'child_b'), name='one_current_sibling_link_per_pair'),
            ),
        ),
    ]

