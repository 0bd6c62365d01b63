"""Wiring for third-party apps only: Celery tasks act as the system user (simple-history #780)."""

from celery.signals import task_postrun, task_prerun

from access.history import _acting_user, system_user

_task_tokens = {}


@task_prerun.connect
def _task_acts_as_system(task_id=None, **kwargs):
    _task_tokens[task_id] = _acting_user.set(system_user())


@task_postrun.connect
def _task_done(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _acting_user.reset(token)
