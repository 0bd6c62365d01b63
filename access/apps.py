from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "Access: staff, roles and permissions"

    def ready(self):
        from access import signals  # noqa: F401  wires Celery tasks to the system user
