"""Pages that record a looked-after child's reviews, missing or away from placement episodes and UASC status
(issue 17), reached from the child's Family, placements and legal status tab, beside the placements and legal
statuses. Whoever may write on the child's record may use them (`child_for_request`, Need.WRITE); anyone else gets
the same logged 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.basic_record.selectors import item_history
from casework.children.authorisation import Need, child_for_request
from casework.children.form_pages import form_page
from casework.looked_after import services
from casework.looked_after.forms import MissingForm, ReviewForm, UascForm, initial_for
from casework.looked_after.models import UascStatus

CHANGED = "Changes saved. The earlier version is kept in the history."


def _back(child) -> str:
    return f"{reverse('casework:child_family', args=[child.local_id])}#looked-after"


def _add(request, child, form_class, *, title, success, save):
    back = _back(child)
    return form_page(request, child, form_class(request.POST or None), title=title, button="Save", success=success,
                     done=back, back=back, subnav="family",
                     save=lambda data: save(child=child, by=request.user, **data))


def _change(request, child, item, form_class, *, title, save):
    back = _back(child)
    return form_page(
        request, child, form_class(request.POST or None, initial=initial_for(item, form_class)), title=title,
        button="Save", success=CHANGED, done=back, back=back, subnav="family", template="casework/basic_record_form.html",
        context={"caption": str(item), "history": item_history(item), "back_label": "Back to family, placements and legal status"},
        save=lambda data: save(by=request.user, **data))


@login_required
@require_http_methods(["GET", "POST"])
def lac_review_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    return _add(request, child, ReviewForm, title="Record a looked-after review", success="Review recorded.",
                save=services.record_review)


@login_required
@require_http_methods(["GET", "POST"])
def lac_review_change(request, local_id, item_id):
    child = child_for_request(request, local_id, Need.WRITE)
    review = get_object_or_404(child.looked_after_reviews.all(), pk=item_id)
    return _change(request, child, review, ReviewForm, title="Change a looked-after review",
                   save=lambda **data: services.change_review(review=review, **data))


@login_required
@require_http_methods(["GET", "POST"])
def missing_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    return _add(request, child, MissingForm, title="Record a missing or away from placement episode",
                success="Episode recorded.", save=services.record_missing)


@login_required
@require_http_methods(["GET", "POST"])
def missing_change(request, local_id, item_id):
    child = child_for_request(request, local_id, Need.WRITE)
    episode = get_object_or_404(child.missing_episodes.all(), pk=item_id)
    return _change(request, child, episode, MissingForm, title="Change a missing or away from placement episode",
                   save=lambda **data: services.change_missing(episode=episode, **data))


@login_required
@require_http_methods(["GET", "POST"])
def uasc_status(request, local_id):
    """Record, or change, whether the child is or was an unaccompanied asylum-seeking child."""
    child = child_for_request(request, local_id, Need.WRITE)
    status = UascStatus.objects.filter(child=child).first()
    title = "Unaccompanied asylum-seeking child"
    if status is None:
        return _add(request, child, UascForm, title=title, success="Saved.", save=services.record_uasc)
    return _change(request, child, status, UascForm, title=title,
                   save=lambda **data: services.record_uasc(child=child, **data))
