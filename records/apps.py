from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Records: what is written about children"

    def ready(self):
        from casework.recording.lateness import use_working_calendar
        from casework.transfers.services import paper_files_transferred
        from records.entries.services import working_calendar
        from records.paper_files.services import move_volumes_on_transfer

        paper_files_transferred.connect(move_volumes_on_transfer, dispatch_uid="records.paper_files.transfer")
        # §4, §10: the basic record (casework) marks late items by the same working days as entries.
        use_working_calendar(working_calendar)
