"""The record's less used sections, each on its own tab (a separate address, so they work without JavaScript):
the family, placements and legal status (§5.1, §5.3), the orders, court reports, education and health (§5.1),
and the cases with their allocation history and the contacts received about the child. Each is read through the one door (`child_for_request`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from access.staff import roles
from casework.basic_record.selectors import basic_record
from casework.children import selectors
from casework.children.authorisation import child_for_request
from casework.care_leavers.selectors import for_cases_tab
from casework.cin.selectors import with_cin_details
from casework.contacts.selectors import contacts_of
from casework.early_help.selectors import for_cases_tab as early_help_for_cases_tab
from casework.looked_after.selectors import looked_after_details
from casework.returns.codes import describe_cases


@login_required
def child_family(request, local_id):
    child = child_for_request(request, local_id, shape=selectors.child_record)
    sees_restricted = selectors.may_see_restricted(request.user, child)
    return render(request, "casework/child_family.html", {
        "child": child, "subnav": "family", "can_write": roles.can_write_records(request.user),
        # §5.1, §5.3: restricted items honoured (§7).
        "sees_restricted": sees_restricted, **basic_record(request.user, child, sees_restricted=sees_restricted),
        **looked_after_details(child),  # issue 17: reviews, missing episodes, UASC status of a looked-after child
    })


@login_required
def child_orders(request, local_id):
    child = child_for_request(request, local_id)
    return render(request, "casework/child_orders.html", {"child": child, "subnav": "orders"})


@login_required
def child_cases(request, local_id):
    child = child_for_request(request, local_id, shape=selectors.child_record)
    cases = describe_cases(with_cin_details(child.cases.all()))
    return render(request, "casework/child_cases.html", {
        "child": child, "cases": cases, "subnav": "cases",
        "child_has_open_case": any(case.is_open for case in cases),
        "can_manage": roles.is_team_manager(request.user), "can_write": roles.can_write_records(request.user),
        **for_cases_tab(child),  # issue 17: care leavers and the yearly outcomes of children looked after
        "contacts": contacts_of(child),  # issue 17: contacts received about the child (Annex A list 1)
        **early_help_for_cases_tab(child),  # issue 17: early help assessments (Annex A, list 2)
    })
