"""The one door to a child's pages: visible children only, every view and refusal logged."""

from django.http import Http404

from access.audit.access_log import record_refusal, record_view
from casework.models import Child
from casework.children.selectors import children_visible_to


def child_for_request(request, local_id: str, *, shape=None) -> Child:
    """The child at `local_id` if this user may see it, else a 404 that says nothing about existence.

    `shape` may add select_related/prefetch to the visible queryset (the record page needs more).
    """
    visible = children_visible_to(request.user)
    if shape is not None:
        visible = shape(visible)
    child = visible.filter(local_id=local_id).first()
    if child is None:
        record_refusal(request, child=Child.objects.filter(local_id=local_id).first(), requested_ref=local_id)
        raise Http404("No child found")
    record_view(request, child)
    return child


def refuse(request, local_id: str = ""):
    """For pages a role may not use: the same 404, logged when it names a child."""
    if local_id:
        record_refusal(request, child=Child.objects.filter(local_id=local_id).first(), requested_ref=local_id)
    raise Http404("Not found")
