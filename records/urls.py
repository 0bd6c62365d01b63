from django.urls import path

from records import chronology_views, pdf_views, sharing_views, summary_views, views

app_name = "records"

urlpatterns = [
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
    path("children/<str:local_id>/entries/<int:pk>/write-up/", views.write_up, name="write_up"),
    path("children/<str:local_id>/entries/<int:pk>/autosave/", views.autosave, name="autosave"),
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
    path("children/<str:local_id>/subject-access/<int:sar_id>/release/", pdf_views.sar_release, name="sar_release"),
]
