"""Celery tasks of the casework app: each loads what it needs and calls a service; each is safe to run twice."""

from casework.returns.tasks import build_return  # noqa: F401  named casework.tasks.build_return
