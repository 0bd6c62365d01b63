from django.urls import path

from casework import views

app_name = "casework"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("children/search/", views.search, name="search"),
    path("children/new/", views.child_create, name="child_create"),
    path("children/<str:local_id>/", views.child_record, name="child_record"),
    path("children/<str:local_id>/allocate/", views.allocate, name="allocate"),
    path("children/<str:local_id>/cases/<int:case_id>/close/", views.close_case, name="close_case"),
    path("children/<str:local_id>/access-log/", views.access_log, name="access_log"),
    path("children/<str:local_id>/restricted/grant/", views.grant_restricted_access, name="grant_restricted_access"),
    path("emergency-access/", views.emergency_access, name="emergency_access"),
    path("emergency-access/recent/", views.emergency_access_list, name="emergency_access_list"),
]
