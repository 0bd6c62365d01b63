from django.urls import path

from casework.returns.urls import urlpatterns as returns_urlpatterns
from casework.looked_after.urls import urlpatterns as looked_after_urlpatterns

from casework.losses import views as loss_views

from casework.basic_record import views as basic_record_views

from casework.care_leavers import views as care_leaver_views
from casework.early_help import views as early_help_views
from casework.children import views
from casework.cin import views as cin_views
from casework.contacts import views as contact_views
from casework.adoption import views as adoption_views
from casework.transfers import views as transfer_views
from casework.children import access_report
from casework.children import tabs
from casework.banner import views as banner_views

app_name = "casework"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),  # the site root is My work (records.my_work)
    path("children/search/", views.search, name="search"),
    path("children/new/", views.child_create, name="child_create"),
    path("children/<str:local_id>/", views.child_record, name="child_record"),
    path("children/<str:local_id>/family/", tabs.child_family, name="child_family"),
    path("children/<str:local_id>/orders-education-health/", tabs.child_orders, name="child_orders"),
    path("children/<str:local_id>/cases/", tabs.child_cases, name="child_cases"),
    path("children/<str:local_id>/alerts/", banner_views.alerts, name="alerts"),
    path("children/<str:local_id>/alerts/new/", banner_views.alert_add, name="alert_add"),
    path("children/<str:local_id>/alerts/<int:alert_id>/end/", banner_views.alert_end, name="alert_end"),
    path("children/<str:local_id>/allocate/", views.allocate, name="allocate"),
    path("children/<str:local_id>/allocations/<int:allocation_id>/reason/", views.allocation_reason,
         name="allocation_reason"),
    path("children/<str:local_id>/communication/", views.communication, name="communication"),
    path("children/<str:local_id>/identity-details/", views.identity_details, name="identity_details"),
    path("children/<str:local_id>/cases/new-referral/", views.new_referral, name="new_referral"),
    path("children/<str:local_id>/cases/<int:case_id>/referral-and-need/", views.case_return_details,
         name="case_return_details"),
    path("children/<str:local_id>/cases/<int:case_id>/close/", views.close_case, name="close_case"),
    # Contacts received about the child, before any referral (issue 17, Annex A list 1).
    path("children/<str:local_id>/contacts/add/", contact_views.contact_add, name="front_door_contact_add"),
    path("children/<str:local_id>/contacts/<int:contact_id>/correct/", contact_views.contact_correct,
         name="front_door_contact_correct"),
    # A case's assessments, section 47 enquiries, child protection plans and child in need plans (issue 17).
    path("children/<str:local_id>/cases/<int:case_id>/<slug:kind>/add/", cin_views.cin_item_add, name="cin_item_add"),
    path("children/<str:local_id>/cases/<int:case_id>/<slug:kind>/<int:item_id>/change/", cin_views.cin_item_change,
         name="cin_item_change"),
    path("children/<str:local_id>/cases/<int:case_id>/protection-plan/<int:plan_id>/reviews/add/",
         cin_views.cp_review_add, name="cp_review_add"),
    # Issue 17: adoption and permanence, as the SSDA903 return asks
    path("children/<str:local_id>/adoption/", adoption_views.adoption, name="adoption"),
    path("children/<str:local_id>/adoption/<slug:kind>/", adoption_views.adoption_record_page, name="adoption_record"),
    path("children/<str:local_id>/adoption/decisions/<int:decision_id>/<slug:kind>/", adoption_views.adoption_update,
         name="adoption_update"),
    # Care leavers at their 17th to 21st birthdays, and the yearly outcomes of children looked after (issue 17).
    path("children/<str:local_id>/cases/care-leaver/<int:birthday>/", care_leaver_views.care_leaver_contact,
         name="care_leaver_contact"),
    path("children/<str:local_id>/cases/outcomes/<int:year>/", care_leaver_views.looked_after_outcomes,
         name="looked_after_outcomes"),
    path("children/<str:local_id>/cases/pathway-plan-review/", care_leaver_views.pathway_plan_review,
         name="pathway_plan_review"),
    path("children/<str:local_id>/cases/early-help/", early_help_views.early_help_add, name="early_help_add"),
    path("children/<str:local_id>/cases/early-help/<int:item_id>/", early_help_views.early_help_change,
         name="early_help_change"),
    path("children/<str:local_id>/access-log/", access_report.access_log, name="access_log"),
    path("children/<str:local_id>/access-log/export.csv", access_report.access_log_csv, name="access_log_csv"),
    path("children/<str:local_id>/restricted/grant/", views.grant_restricted_access, name="grant_restricted_access"),
    # The basic record (§5.1) and sibling links (§5.3)
    path("children/<str:local_id>/household/add/", basic_record_views.item_add, {"section": "household"},
         name="household_member_add"),
    path("children/<str:local_id>/household/<int:item_id>/left/", basic_record_views.item_end,
         {"section": "household"}, name="household_member_left"),
    path("children/<str:local_id>/basic-record/<slug:section>/add/", basic_record_views.item_add,
         name="basic_record_add"),
    path("children/<str:local_id>/basic-record/<slug:section>/<int:item_id>/correct/",
         basic_record_views.item_correct, name="basic_record_correct"),
    path("children/<str:local_id>/basic-record/<slug:section>/<int:item_id>/end/", basic_record_views.item_end,
         name="basic_record_end"),
    path("children/<str:local_id>/basic-record/<slug:section>/<int:item_id>/restrict/",
         basic_record_views.item_restrict, name="basic_record_restrict"),
    path("children/<str:local_id>/siblings/link/", basic_record_views.sibling_add, name="sibling_link_add"),
    path("children/<str:local_id>/siblings/<int:item_id>/end/", basic_record_views.sibling_end,
         name="sibling_link_end"),
    path("emergency-access/", views.emergency_access, name="emergency_access"),
    path("emergency-access/recent/", views.emergency_access_list, name="emergency_access_list"),
    # Case transfers to another team (§15.2).
    path("children/<str:local_id>/transfer/", transfer_views.transfer_page, name="transfer"),
    path("children/<str:local_id>/transfer/audit/", transfer_views.transfer_audit, name="transfer_audit"),
    path("children/<str:local_id>/transfer/new/", transfer_views.transfer_new, name="transfer_new"),
    path("children/<str:local_id>/transfers/<int:transfer_id>/confirm/", transfer_views.transfer_confirm,
         name="transfer_confirm"),
    path("transfers/", transfer_views.transfer_list, name="transfers"),
    # Lost or mislaid files, documents and devices (§15.1, §16): casework.losses.
    path("losses/", loss_views.loss_list, name="losses"),
    path("losses/report/", loss_views.loss_report, name="loss_report"),
    path("losses/<int:loss_id>/", loss_views.loss_detail, name="loss_detail"),
    path("losses/<int:loss_id>/actions/new/", loss_views.loss_action, name="loss_action"),
    path("losses/<int:loss_id>/family-told/", loss_views.loss_family, name="loss_family"),
    path("losses/<int:loss_id>/close/", loss_views.loss_close, name="loss_close"),
    *returns_urlpatterns,  # issue 17: the statutory returns
    *looked_after_urlpatterns,  # issue 17: a looked-after child's reviews, missing episodes and UASC status
]
