from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Records: what is written about children"

    def ready(self):
        from casework.banner.selectors import use_visit_clock
        from casework.children.changes import on_case_facts_changed
        from casework.recording.lateness import use_working_calendar
        from casework.returns.annex_a_contacts import use_contacts
        from casework.returns.annex_a_health import use_health
        from casework.returns.annex_a_visits import use_visits
        from casework.transfers.services import paper_files_transferred
        from records.documents.annex_a import health_for_annex_a
        from records.entries.annex_a import contacts_for_annex_a
        from records.entries.services import working_calendar
        from records.paper_files.services import move_volumes_on_transfer
        from records.statutory_visits.annex_a import visits_for_annex_a
        from records.statutory_visits.selectors import banner_clock_columns
        from records.statutory_visits.services import refresh_children

        paper_files_transferred.connect(move_volumes_on_transfer, dispatch_uid="records.paper_files.transfer")
        # §4, §10: the basic record (casework) marks late items by the same working days as entries.
        use_working_calendar(working_calendar)
        # The child's banner (casework) shows the type of plan and the next statutory visit, kept here.
        use_visit_clock(banner_clock_columns)
        # ... and keeps each open case's next visit up to date when casework changes a case, placement or legal status.
        on_case_facts_changed(refresh_children)
        # Ofsted's Annex A (casework.returns) reads the visits in which the child was seen, kept here.
        use_visits(visits_for_annex_a)
        # ... and the latest health assessment and dental check of each child, from the health section kept here.
        use_health(health_for_annex_a)
        # ... and the latest contact with each care leaver, from the visits and contacts kept here.
        use_contacts(contacts_for_annex_a)
        # Issue 18: a child's retention date is worked out when the last case closes, cleared by a new one.
        from records.retention.services import on_case_facts_changed as recompute_retention

        on_case_facts_changed(recompute_retention)
        post_migrate.connect(record_form_register, sender=self, dispatch_uid="records.form_register.record")
        post_migrate.connect(work_out_visit_clocks, sender=self, dispatch_uid="records.statutory_visits.refresh")


def record_form_register(sender, using, plan=None, **kwargs):
    """After each `migrate` (a release), record any fixed form whose fields changed as a new version
    awaiting senior leadership's approval (§2). Not after a flush (plan is None): tests empty the tables."""
    from django.db import connections

    if plan is None or "records_fixedformversion" not in connections[using].introspection.table_names():
        return
    from records.form_register.services import record_versions

    record_versions()


def work_out_visit_clocks(sender, using, plan=None, **kwargs):
    """After each `migrate` (a release, which may change how the clocks are worked out), every open case's next
    statutory visit is worked out again (what has not changed is not written). Not after a flush."""
    from django.db import connections

    if plan is None or "records_nextvisit" not in connections[using].introspection.table_names():
        return
    from records.statutory_visits.services import refresh_all

    refresh_all()
