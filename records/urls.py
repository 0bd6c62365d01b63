from django.urls import path

from records.chronology import views as chronology_views

from records.documents import views as document_views

from records.pdfs import views as pdf_views

from records.sharing import views as sharing_views

from records.entries import signing_views, summary_views

from records.entries import views
from records.paper_files import views as paper_views
from records.history import views as history_views
from records.dashboard import views as dashboard_views
from records.designs import views as design_views
from records.oversight import views as oversight_views
from records.plans import views as plan_views
from records.my_work import views as my_work_views
from records.retention import views as retention_views

app_name = "records"

urlpatterns = [
    # My work (issue 16): the home page after sign-in, what waits on each user by role.
    path("", my_work_views.my_work, name="my_work"),
    # The child's plan (§5.4).
    path("children/<str:local_id>/plan/", plan_views.plan, name="plan"),
    path("children/<str:local_id>/plan/start/", plan_views.plan_start, name="plan_start"),
    path("children/<str:local_id>/plan/type/", plan_views.plan_type_change, name="plan_type_change"),
    path("children/<str:local_id>/plan/outcomes/new/", plan_views.outcome_add, name="outcome_add"),
    path("children/<str:local_id>/plan/outcomes/<int:outcome_id>/change/", plan_views.outcome_change,
         name="outcome_change"),
    path("children/<str:local_id>/plan/outcomes/<int:outcome_id>/tasks/new/", plan_views.task_add, name="task_add"),
    path("children/<str:local_id>/plan/tasks/<int:task_id>/done/", plan_views.task_done, name="task_done"),
    path("children/<str:local_id>/plan/reviews/<int:pk>/", plan_views.plan_review, name="plan_review"),
    path("children/<str:local_id>/summaries/new/", summary_views.summary_new, name="summary_new"),
    path("children/<str:local_id>/chronology/", chronology_views.chronology_page, name="chronology"),
    path("children/<str:local_id>/chronology/add/", chronology_views.chronology_add, name="chronology_add"),
    path("children/<str:local_id>/records/", views.entry_list, name="entry_list"),
    path("children/<str:local_id>/visits/new/", views.visit_new, name="visit_new"),
    path("children/<str:local_id>/contacts/new/", views.contact_new, name="contact_new"),
    path("children/<str:local_id>/decisions/new/", views.decision_new, name="decision_new"),
    path("children/<str:local_id>/entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("children/<str:local_id>/entries/<int:pk>/basic-details/", views.basic_details, name="basic_details"),
    path("children/<str:local_id>/entries/<int:pk>/failed/", views.failed_visit, name="failed_visit"),
    path("children/<str:local_id>/entries/<int:pk>/same-day/", views.same_day, name="same_day"),  # §4
    path("children/<str:local_id>/entries/<int:pk>/write-up/", views.write_up, name="write_up"),
    path("children/<str:local_id>/entries/<int:pk>/autosave/", views.autosave, name="autosave"),
    path("children/<str:local_id>/entries/<int:pk>/check/", signing_views.check_and_sign, name="check_and_sign"),
    path("children/<str:local_id>/entries/<int:pk>/plain-english/", signing_views.plain_english, name="plain_english"),
    path("children/<str:local_id>/entries/<int:pk>/amend/", views.amend, name="amend"),
    path("children/<str:local_id>/entries/<int:pk>/endorse/", views.endorse, name="endorse"),
    path("children/<str:local_id>/entries/<int:pk>/restrict/", views.restrict, name="restrict"),
    path("children/<str:local_id>/restricted/", views.restricted_section, name="restricted_section"),
    path("children/<str:local_id>/restrictions/<int:restriction_id>/review/", views.review_restriction,
         name="review_restriction"),
    path("restrictions/review/", views.restrictions_for_review, name="restrictions_for_review"),
    path("children/<str:local_id>/cases/<int:case_id>/allow-recording/", views.allow_closed_case_recording,
         name="allow_closed_case_recording"),
    # Sharing (§3, §6, §7) and subject access requests.
    path("children/<str:local_id>/sharing/", sharing_views.sharing_tab, name="sharing"),
    path("children/<str:local_id>/sharing/told-about-records/", sharing_views.records_information_new,
         name="records_information_new"),
    path("children/<str:local_id>/sharing/consents/new/", sharing_views.consent_new, name="consent_new"),
    path("children/<str:local_id>/sharing/consents/<int:consent_id>/withdraw/", sharing_views.consent_withdraw,
         name="consent_withdraw"),
    path("children/<str:local_id>/sharing/shared/new/", sharing_views.disclosure_new, name="disclosure_new"),
    path("children/<str:local_id>/subject-access/new/", sharing_views.sar_new, name="sar_new"),
    path("children/<str:local_id>/subject-access/<int:sar_id>/", sharing_views.sar_detail, name="sar_detail"),
    path("children/<str:local_id>/subject-access/<int:sar_id>/extend/", sharing_views.sar_extend, name="sar_extend"),
    path("children/<str:local_id>/subject-access/<int:sar_id>/status/", sharing_views.sar_status, name="sar_status"),
    path("subject-access/", sharing_views.subject_access_requests, name="subject_access_requests"),
    # PDFs of the record and subject access bundles, built by a Celery worker.
    path("children/<str:local_id>/pdfs/", pdf_views.pdf_request, name="pdf_request"),
    path("children/<str:local_id>/pdfs/<int:job_id>/", pdf_views.pdf_status, name="pdf_status"),
    path("children/<str:local_id>/pdfs/<int:job_id>/progress/", pdf_views.pdf_progress, name="pdf_progress"),
    path("children/<str:local_id>/pdfs/<int:job_id>/download/", pdf_views.pdf_download, name="pdf_download"),
    path("children/<str:local_id>/subject-access/<int:sar_id>/bundle/", pdf_views.sar_bundle, name="sar_bundle"),
    path("children/<str:local_id>/subject-access/<int:sar_id>/release/", sharing_views.sar_release, name="sar_release"),
    # Documents on the record (§1, §5.1, §5.4), served only through permission-checked views (§14).
    path("children/<str:local_id>/documents/", document_views.document_list, name="documents"),
    path("children/<str:local_id>/documents/upload/", document_views.document_upload, name="document_upload"),
    path("children/<str:local_id>/documents/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("children/<str:local_id>/documents/<int:pk>/download/", document_views.document_download,
         name="document_download"),
    path("children/<str:local_id>/documents/<int:pk>/withdraw/", document_views.document_withdraw,
         name="document_withdraw"),
    path("children/<str:local_id>/documents/<int:pk>/returned/", document_views.document_return,
         name="document_return"),
    path("children/<str:local_id>/documents/<int:pk>/restrict/", document_views.document_restrict,
         name="document_restrict"),
    # The basic record's sections that point at documents (§5.1).
    path("children/<str:local_id>/orders/new/", document_views.court_order_add, name="court_order_add"),
    path("children/<str:local_id>/court-reports/new/", document_views.court_report_add, name="court_report_add"),
    path("children/<str:local_id>/education/new/", document_views.education_add, name="education_add"),
    path("children/<str:local_id>/health/new/", document_views.health_add, name="health_add"),
    path("children/<str:local_id>/orders-education-health/<str:section>/<int:item_id>/correct/",
         document_views.section_correct,
         name="section_correct"),
    # Paper files (§1, §15): volumes, moves, removals from the usual place and their return.
    path("children/<str:local_id>/paper-files/", paper_views.paper_files_tab, name="paper_files"),
    path("children/<str:local_id>/paper-files/volumes/new/", paper_views.volume_new, name="paper_volume_new"),
    path("children/<str:local_id>/paper-files/volumes/<int:volume_id>/move/", paper_views.volume_move,
         name="paper_volume_move"),
    path("children/<str:local_id>/paper-files/moves/<int:move_id>/confirm/", paper_views.move_confirm,
         name="paper_move_confirm"),
    path("children/<str:local_id>/paper-files/removals/new/", paper_views.removal_new, name="paper_removal_new"),
    path("children/<str:local_id>/paper-files/removals/<int:removal_id>/decide/", paper_views.removal_decide,
         name="paper_removal_decide"),
    path("children/<str:local_id>/paper-files/removals/<int:removal_id>/return/", paper_views.removal_return,
         name="paper_removal_return"),
    # Managers' oversight (§4, §8, §13): dashboards, record audits, audit actions, the audit trail.
    path("team/", dashboard_views.team_dashboard, name="team_dashboard"),
    path("team/figures/", dashboard_views.team_drilldown, name="team_drilldown"),
    path("service/", dashboard_views.service_dashboard, name="service_dashboard"),
    path("audits/", oversight_views.audit_list, name="audits"),
    path("audits/new/", oversight_views.sample_new, name="audit_sample_new"),
    path("audits/delegations/", oversight_views.delegations, name="audit_delegations"),
    path("audits/delegations/new/", oversight_views.delegation_new, name="audit_delegation_new"),
    path("audits/delegations/<int:delegation_id>/end/", oversight_views.delegation_end, name="audit_delegation_end"),
    path("audits/<int:sample_id>/", oversight_views.sample_detail, name="audit_sample"),
    path("children/<str:local_id>/audits/<int:audit_id>/", oversight_views.record_audit, name="record_audit"),
    path("children/<str:local_id>/audits/<int:audit_id>/deficiencies/new/", oversight_views.deficiency_new,
         name="deficiency_new"),
    path("audit-actions/", oversight_views.audit_actions, name="audit_actions"),
    path("children/<str:local_id>/audit-actions/<int:deficiency_id>/", oversight_views.deficiency_detail,
         name="deficiency"),
    # Senior leadership approves form designs (§2); administrators draft them in the admin.
    path("designs/approval/", design_views.design_approvals, name="design_approvals"),
    path("designs/approval/<int:design_id>/", design_views.design_approval, name="design_approval"),
    # Issue 18: the data protection officer's review of records past their retention date; senior leadership's
    # approval of an erasure.
    path("retention/", retention_views.retention_reviews, name="retention_reviews"),
    path("retention/<str:local_id>/keep-longer/", retention_views.keep_longer, name="retention_keep_longer"),
    path("retention/<str:local_id>/hold/", retention_views.place_hold, name="retention_place_hold"),
    path("retention/<str:local_id>/lift-hold/", retention_views.lift_hold, name="retention_lift_hold"),
    path("retention/<str:local_id>/erase/", retention_views.propose_erasure, name="retention_propose_erasure"),
    path("retention/erasures/", retention_views.erasure_approvals, name="erasure_approvals"),
    path("retention/erasures/<int:proposal_id>/", retention_views.erasure_decision, name="erasure_decision"),
    path("children/<str:local_id>/history/", history_views.child_history, name="child_history"),
    path("children/<str:local_id>/entries/<int:pk>/history/", history_views.entry_history, name="entry_history"),
]
