from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Records: what is written about children"

    def ready(self):
        from casework.transfers.services import paper_files_transferred
        from records.paper_files.services import move_volumes_on_transfer

        paper_files_transferred.connect(move_volumes_on_transfer, dispatch_uid="records.paper_files.transfer")
