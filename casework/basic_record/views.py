"""Pages that add to, correct and end the basic record (§5.1) and link brothers and sisters (§5.3).

Who may write follows the records: a role that writes on children's records, on a child they may
see (`casework.children.authorisation.child_for_request`). A restricted item (§7) is a 404 without `view_restricted`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework.basic_record import services
from casework.basic_record.forms import (
    ITEM_FORMS, EndItemForm, EndSiblingLinkForm, HouseholdMemberForm, MemberLeftForm,
    SiblingLinkForm, initial_for,
)
from casework.basic_record.models import Placement
from casework.children.forms import RestrictForm
from casework.basic_record.selectors import (
    RESTRICTABLE, SECTIONS, item_history, sibling_links, visible_items,
)
from casework.children.authorisation import Need, child_for_request, refuse
from casework.models import Child


def _section(request, local_id, key):
    section = SECTIONS.get(key)
    if section is None:
        refuse(request, local_id)
    return section


def _back(child, key):
    return f"{reverse('casework:child_family', args=[child.local_id])}#{key}"


def _page(request, child, form, *, title, button, key, history=None, caption=None):
    return render(request, "casework/basic_record_form.html", {
        "child": child, "form": form, "title": title, "button": button, "back": _back(child, key),
        "history": history, "caption": caption,
    })


def _done(request, child, key, message):
    messages.success(request, message)
    return redirect(_back(child, key))


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, local_id, section):
    child = child_for_request(request, local_id, Need.WRITE)
    section = _section(request, local_id, section)
    if section.key == "household":
        form = HouseholdMemberForm(request.POST or None)
    else:
        form = ITEM_FORMS[section.key](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if section.key == "household":
                services.add_household_member(child=child, by=request.user, **form.item_fields())
            else:
                services.add_item(model=section.model, child=child, by=request.user, **form.item_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _done(request, child, section.key, f"{section.singular.capitalize()} added.")
    title = "Add someone to the household" if section.key == "household" else f"Add {section.a_singular}"
    return _page(request, child, form, title=title, button="Save", key=section.key)


def _item(request, child, section, item_id):
    """The item of this child in this section, if this user may read it (a restricted one: §7)."""
    return get_object_or_404(visible_items(request.user, child, section), pk=item_id)


@login_required
@require_http_methods(["GET", "POST"])
def item_correct(request, local_id, section, item_id):
    child = child_for_request(request, local_id, Need.WRITE)
    section = _section(request, local_id, section)
    item = _item(request, child, section, item_id)
    if section.key == "household":
        initial = {"full_name": item.full_name, "relationship": item.relationship, "joined_on": item.joined_on,
                   "has_parental_responsibility": item.has_parental_responsibility}
        form = HouseholdMemberForm(request.POST or None, initial=initial, correcting=True)
    else:
        form_class = ITEM_FORMS[section.key]
        form = form_class(request.POST or None, initial=initial_for(item, form_class), correcting=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_item(item=item, by=request.user, child=child,
                                  reason=form.cleaned_data["correction_reason"], **form.item_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _done(request, child, section.key, "Correction saved. The earlier version is kept in the history.")
    return _page(request, child, form, title=f"Correct {section.a_singular}", button="Save the correction",
                 key=section.key, history=item_history(item), caption=str(item))


@login_required
@require_http_methods(["GET", "POST"])
def item_end(request, local_id, section, item_id):
    child = child_for_request(request, local_id, Need.WRITE)
    section = _section(request, local_id, section)
    item = _item(request, child, section, item_id)
    if section.key == "household":
        if item.left_on is not None:
            raise Http404("Already left")
        form = MemberLeftForm(request.POST or None, member=item)
    else:
        if item.end_date is not None:
            raise Http404("Already ended")
        form = EndItemForm(request.POST or None, item=item, reason_required=isinstance(item, Placement))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if section.key == "household":
                services.record_member_left(member=item, by=request.user, child=child, left_on=data["left_on"],
                                            left_reason=data["left_reason"])
            else:
                services.end_item(item=item, by=request.user, end_date=data["end_date"], end_reason=data["end_reason"],
                                  **form.code_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            done = f"{item.full_name} has left the household." if section.key == "household" else "Ended."
            return _done(request, child, section.key, done)
    title = "Record that someone left the household" if section.key == "household" else f"End {section.a_singular}"
    return _page(request, child, form, title=title, button="Save", key=section.key, caption=str(item))


@login_required
@require_http_methods(["GET", "POST"])
def item_restrict(request, local_id, section, item_id):
    child = child_for_request(request, local_id, Need.VIEW_RESTRICTED)
    if section not in RESTRICTABLE:
        refuse(request, local_id)
    section = SECTIONS[section]
    item = _item(request, child, section, item_id)
    form = RestrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.restrict_item(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _done(request, child, section.key, "It is now in the 'Restricted from user' section.")
    return _page(request, child, form, title="Restrict from the child", button="Restrict", key=section.key,
                 caption=str(item))


@login_required
@require_http_methods(["GET", "POST"])
def sibling_add(request, local_id):
    child = child_for_request(request, local_id, Need.WRITE)
    form = SiblingLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Only a record this user may open can be linked; an unknown ID and a record they may not open
        # get the same answer, which says nothing about whether it exists.
        sibling = Child.objects.visible_to(request.user).filter(local_id=form.cleaned_data["sibling_local_id"]).first()
        if sibling is None:
            form.add_error("sibling_local_id",
                           "No record you can open has that local child ID. Check it, or ask their allocated worker")
        else:
            try:
                services.link_siblings(child=child, sibling=sibling, by=request.user,
                                       relationship=form.cleaned_data["relationship"],
                                       event_date=form.cleaned_data["event_date"])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return _done(request, child, "siblings", "The records are linked. The link shows on both records.")
    return _page(request, child, form, title="Link a brother or sister", button="Link the records", key="siblings")


@login_required
@require_http_methods(["GET", "POST"])
def sibling_end(request, local_id, item_id):
    child = child_for_request(request, local_id, Need.WRITE)
    link = get_object_or_404(sibling_links(child), pk=item_id)
    form = EndSiblingLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_sibling_link(link=link, by=request.user, reason=form.cleaned_data["end_reason"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _done(request, child, "siblings", "The link has ended on both records.")
    return _page(request, child, form, title="End the link to a brother or sister", button="End the link",
                 key="siblings")

