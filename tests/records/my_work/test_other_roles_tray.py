"""My work for emergency duty staff, senior leadership and administrators (issue 16)."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from records.designs import services as designs
from records.models import FormDesign, RecordKind
from records.my_work.service import design_approval_url
from tests.conftest import client_for
from tests.factories import ClosureDayFactory, EmergencyAccessFactory
from tests.govuk_html import parse
from tests.records.my_work.tray_builders import items, links

URL = "/"


def test_emergency_duty_search_goes_to_the_emergency_search(edt):
    page = parse(client_for(edt).get(URL).content.decode())
    [form] = [e for e in page.iter() if e.tag == "form" and e.attrs.get("role") == "search"]
    assert form.attrs["action"] == reverse("casework:emergency_access") and form.attrs["method"] == "get"
    assert [e.attrs["name"] for e in form.iter() if e.tag == "input"] == ["q"]


def test_emergency_duty_sees_records_opened_in_the_last_24_hours_and_when_access_ends(edt, child, other_child):
    now = timezone.now()
    access = EmergencyAccessFactory(user=edt, child=child)
    EmergencyAccessFactory(user=edt, child=other_child, started_at=now - timedelta(hours=30),
                           expires_at=now - timedelta(hours=6))  # ended: no longer visible, not listed
    response = client_for(edt).get(URL)
    [text] = items(response, "opened")
    ends = timezone.localtime(access.expires_at)
    assert f"Access ends at {ends:%H:%M} on {ends.day} {ends:%B %Y}" in text and child.local_id in text
    assert links(response, "opened") == [reverse("casework:child_record", args=[child.local_id])]
    assert other_child.local_id not in response.content.decode()


def test_a_practitioner_has_no_emergency_section(practitioner):
    assert b'id="opened"' not in client_for(practitioner).get(URL).content


def test_senior_leaders_see_designs_submitted_with_one_approval_link(slt, admin_user):
    draft = designs.new_version_from(design=FormDesign.objects.get(kind=RecordKind.VISIT, version=1), by=admin_user)
    submitted = designs.submit(design=draft, by=admin_user)
    response = client_for(slt).get(URL)
    assert any(text.startswith(f"Visit version {submitted.version}: approve or send back")
               for text in items(response, "designs"))
    assert design_approval_url(submitted) in links(response, "designs")
    assert design_approval_url(submitted) == reverse("records:design_approval", args=[submitted.pk])
    page = response.content.decode()
    assert reverse("admin:records_fixedform_changelist") in page and reverse("records:service_dashboard") in page


def test_administrators_see_designs_in_draft_missing_closure_days_and_locked_out_accounts(admin_user):
    draft = designs.new_version_from(design=FormDesign.objects.get(kind=RecordKind.VISIT, version=1), by=admin_user)
    AccessAttempt.objects.create(username="jsmith", ip_address="10.0.0.1", user_agent="x", http_accept="x",
                                 path_info="/sign-in/", get_data="", post_data="",
                                 failures_since_start=settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.create(username="once", ip_address="10.0.0.2", user_agent="x", http_accept="x",
                                 path_info="/sign-in/", get_data="", post_data="", failures_since_start=1)
    response = client_for(admin_user).get(URL)
    assert reverse("admin:records_formdesign_change", args=[draft.pk]) in links(response, "draft_designs")
    next_year = timezone.localdate().year + 1
    assert items(response, "closure_days")[0].startswith(f"Enter the council's closure days for {next_year}")
    [locked] = items(response, "locked_out")
    assert locked.startswith("jsmith: locked out after") and "once" not in response.content.decode().split(
        'id="locked_out"')[1]
    ClosureDayFactory(day=timezone.localdate().replace(year=next_year, month=1, day=2))
    assert items(client_for(admin_user).get(URL), "closure_days") == []


def test_queries_stay_flat_for_the_other_roles(edt, slt, admin_user, child, other_child, django_assert_max_num_queries):
    EmergencyAccessFactory(user=edt, child=child)
    clients = {user.username: client_for(user) for user in (edt, slt, admin_user)}
    for client in clients.values():
        with django_assert_max_num_queries(16):
            client.get(URL)
    with django_assert_max_num_queries(16) as one:
        clients["edt"].get(URL)
    EmergencyAccessFactory(user=edt, child=other_child)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(items(clients["edt"].get(URL), "opened")) == 2
