from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
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
]
