"""Wiring for third-party apps only.

- Celery tasks act as the system user (simple-history #780).
- Django's auth, its admin and django-axes announce sign-ins, sign-outs, failures, lockouts and
  changes to groups, permissions and account flags only through signals: each is written to the
  audit trail (access/security_audit.py), and a new session learns what it owes (access/sign_in.py).
"""

from axes.signals import user_locked_out
from celery.signals import task_postrun, task_prerun
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from access.audit import security as security_audit

from access.sign_in import services as sign_in
from access.audit.history import _acting_user, system_user

_task_tokens = {}
User = get_user_model()


@task_prerun.connect
def _task_acts_as_system(task_id=None, **kwargs):
    _task_tokens[task_id] = _acting_user.set(system_user())


@task_postrun.connect
def _task_done(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        _acting_user.reset(token)


# --- signing in and out (§14) ---

@receiver(user_logged_in, dispatch_uid="casework_signed_in")
def _signed_in(sender, request, user, **kwargs):
    security_audit.signed_in(request, user)
    sign_in.start(request, user)


@receiver(user_logged_out, dispatch_uid="casework_signed_out")
def _signed_out(sender, request, user, **kwargs):
    security_audit.signed_out(request, user)


@receiver(user_login_failed, dispatch_uid="casework_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    security_audit.sign_in_failed(request, credentials)


@receiver(user_locked_out, dispatch_uid="casework_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    security_audit.locked_out(request, username, ip_address)


# --- what staff may do: roles and teams (groups), permissions, account flags ---

def _m2m_rows(action, instance, reverse, model, pk_set):
    """(owner, related objects) for one change, whichever side of the relation it was made from."""
    if reverse:
        return [(owner, [instance]) for owner in model.objects.filter(pk__in=pk_set or ())]
    return [(instance, list(model.objects.filter(pk__in=pk_set or ())))]


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="casework_groups_changed")
def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        instance._casework_cleared = list(instance.groups.all() if not reverse else instance.user_set.all())
    elif action in ("post_add", "post_remove"):
        for user, groups in _m2m_rows(action, instance, reverse, model, pk_set):
            security_audit.groups_changed(user=user, groups=groups, added=action == "post_add")
    elif action == "post_clear":
        cleared = getattr(instance, "_casework_cleared", [])
        if reverse:
            for user in cleared:
                security_audit.groups_changed(user=user, groups=[instance], added=False)
        else:
            security_audit.groups_changed(user=instance, groups=cleared, added=False)


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="casework_user_permissions_changed")
def _user_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action in ("post_add", "post_remove"):
        for user, permissions in _m2m_rows(action, instance, reverse, model, pk_set):
            security_audit.user_permissions_changed(user=user, permissions=permissions, added=action == "post_add")
    elif action == "pre_clear" and not reverse:
        security_audit.user_permissions_changed(user=instance, permissions=list(instance.user_permissions.all()),
                                                added=False)


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="casework_group_permissions_changed")
def _group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action in ("post_add", "post_remove"):
        for group, permissions in _m2m_rows(action, instance, reverse, model, pk_set):
            security_audit.group_permissions_changed(group=group, permissions=permissions,
                                                     added=action == "post_add")
    elif action == "pre_clear" and not reverse:
        security_audit.group_permissions_changed(group=instance, permissions=list(instance.permissions.all()),
                                                 added=False)


@receiver(pre_save, sender=User, dispatch_uid="casework_account_flags_before")
def _account_flags_before(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if instance.pk is None:
        instance._casework_flags_before = {"is_staff": False, "is_superuser": False}
        return
    flags = [f for f in security_audit.FLAGS if update_fields is None or f in update_fields]
    if flags:
        instance._casework_flags_before = User.objects.filter(pk=instance.pk).values(*flags).first() or {}


@receiver(post_save, sender=User, dispatch_uid="casework_account_flags_after")
def _account_flags_after(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_casework_flags_before", None)
    if before and not raw:
        security_audit.account_flags_changed(user=instance, before=before)
