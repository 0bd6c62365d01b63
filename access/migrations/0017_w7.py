"""§8: lifting a restriction names the originator consulted (a member of staff), not a tick box; §3: who was
told about their records; §7: routine sharing with the child or family as a basis in the disclosure log; §13: the audit events of delegating record audits.

Restrictions lifted before this recorded only that the originator was consulted: they name the member of
staff who placed the restriction, the originator of what the record holds.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from access.migration_operations import RenderOnce


def name_originators(apps, schema_editor):
    Restriction = apps.get_model("access", "Restriction")
    for restriction in Restriction.objects.filter(lifted_at__isnull=False, originator__isnull=True):
        restriction.originator_id = restriction.restricted_by_id
        restriction.save(update_fields=["originator"])


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0015_w5'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        RenderOnce(
            migrations.RemoveConstraint(
                model_name='restriction',
                name='restriction_lifted_after_consulting_originator',
            ),
            migrations.AddField(
                model_name='historicalrecordsinformation',
                name='told_whom',
                field=models.CharField(choices=[('child_and_family', 'The child and their family'), ('family_child_too_young', 'The family: the child is not yet old enough to understand'), ('family_only', 'The family: the child still needs to be told'), ('child_only', 'The child: the family still needs to be told')], default='child_and_family', max_length=30),
            ),
            migrations.AddField(
                model_name='historicalrestriction',
                name='originator',
                field=models.ForeignKey(blank=True, db_constraint=False, help_text='The originator consulted before the restriction was lifted', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='recordsinformation',
                name='told_whom',
                field=models.CharField(choices=[('child_and_family', 'The child and their family'), ('family_child_too_young', 'The family: the child is not yet old enough to understand'), ('family_only', 'The family: the child still needs to be told'), ('child_only', 'The child: the family still needs to be told')], default='child_and_family', max_length=30),
            ),
            migrations.AddField(
                model_name='restriction',
                name='originator',
                field=models.ForeignKey(blank=True, help_text='The originator consulted before the restriction was lifted', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
        ),
        migrations.RunPython(name_originators, migrations.RunPython.noop),
        RenderOnce(
            migrations.RemoveField(
                model_name='historicalrestriction',
                name='originator_consulted',
            ),
            migrations.RemoveField(
                model_name='restriction',
                name='originator_consulted',
            ),
            migrations.AlterField(
                model_name='disclosure',
                name='basis',
                field=models.CharField(choices=[('consent', 'With consent'), ('public_interest', 'Without consent, in the public interest'), ('subject_access', 'A subject access request'), ('routine', 'Routine sharing with the child or their family')], max_length=20),
            ),
            migrations.AddConstraint(
                model_name='restriction',
                constraint=models.CheckConstraint(condition=models.Q(('lifted_at__isnull', True), models.Q(('lifted_by__isnull', False), ('originator__isnull', False), models.Q(('originator_views', ''), _negated=True)), _connector='OR'), name='restriction_lifted_after_consulting_originator'),
            ),
            migrations.AlterField(
                model_name='auditevent',
                name='action',
                field=models.CharField(choices=[('signed in', 'Signed in'), ('signed out', 'Signed out'), ('failed sign-in', 'Failed to sign in'), ('locked out', 'Locked out after too many failed sign-ins'), ('set up two-step verification', 'Set up two-step verification'), ('verified two-step', 'Passed two-step verification'), ('failed two-step verification', 'Failed two-step verification'), ('changed password', 'Changed their password'), ('created staff account', 'Created a staff account'), ('changed account', "Changed a staff account's status"), ('added to group', 'Added to a team or role'), ('removed from group', 'Removed from a team or role'), ('granted permission', 'Gave a staff permission'), ('withdrew permission', 'Took away a staff permission'), ('granted view_child', "Gave access to the child's record"), ('withdrew view_child', "Removed access to the child's record"), ('granted view_restricted', 'Gave access to restricted information'), ('withdrew view_restricted', 'Removed access to restricted information'), ('emergency access', 'Used emergency access to the record'), ('exported access log', 'Exported who has viewed the record'), ('recorded referral', 'Recorded a referral'), ('allocated case', 'Allocated the case'), ('closed case', 'Closed the case'), ('pre-transfer audit', 'Completed the pre-transfer audit'), ('transferred case', 'Transferred the case to another team'), ('confirmed case transfer', 'Confirmed the transferred record arrived'), ('added household member', 'Added a household member'), ('household member left', 'Recorded a household member leaving'), ('added to basic record', 'Added to the basic record'), ('corrected basic record', 'Corrected the basic record'), ('ended on basic record', 'Ended an item on the basic record'), ('linked sibling', 'Linked a brother or sister'), ('ended sibling link', 'Ended a brother or sister link'), ('added chronology event', 'Added an event to the chronology'), ('restricted', 'Restricted information from the child'), ('kept restriction', 'Reviewed a restriction and kept it'), ('lifted restriction', 'Lifted a restriction'), ('uploaded document', 'Uploaded a document'), ('downloaded document', 'Downloaded a document'), ('withdrew document', 'Withdrew a document'), ("returned child's material", "Returned the child's own material"), ('recorded court order', 'Recorded a court order'), ('recorded court report', 'Recorded a court report'), ('recorded education record', 'Recorded education details'), ('recorded health record', 'Recorded health details'), ('recorded paper file volume', 'Recorded a paper file volume'), ('moved paper file volume', 'Moved a paper file volume'), ('asked to remove paper file', 'Asked to take a paper file out'), ('approved paper file removal', 'Agreed a paper file could be taken out'), ('refused paper file removal', 'Refused to let a paper file be taken out'), ('recorded paper file return', 'Recorded a paper file coming back'), ('requested PDF', 'Asked for a PDF of the record'), ('downloaded PDF', 'Downloaded a PDF of the record'), ('recorded consent', 'Recorded consent to share'), ('withdrew consent', 'Recorded consent withdrawn'), ('shared information', 'Shared information'), ('recorded records information', 'Recorded telling them about their records and rights'), ('received subject access request', 'Recorded a subject access request'), ('extended subject access request', 'Extended a subject access request'), ('changed subject access request', 'Updated a subject access request'), ('released subject access request', 'Released a subject access request'), ('delegated record audits', 'Delegated record audits to a senior practitioner'), ('ended audit delegation', 'Ended a delegation of record audits'), ('reported a loss', 'Reported a loss of information'), ('recorded loss recovery action', 'Recorded action to recover lost information'), ('recorded family told of loss', 'Recorded the family was told of a loss'), ('closed loss report', 'Closed a loss report')], max_length=60),
            ),
        ),
    ]
