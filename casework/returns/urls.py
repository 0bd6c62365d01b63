"""The statutory returns' pages, included in casework.urls under returns/ (names in the casework namespace)."""

from django.urls import path

from casework.returns import views

urlpatterns = [
    path("returns/", views.returns_home, name="returns"),
    path("returns/check/", views.validation_page, name="return_validation"),
    path("returns/build/", views.build_return, name="return_build_new"),
    path("returns/builds/<int:build_id>/", views.build_status, name="return_build"),
    path("returns/builds/<int:build_id>/download/", views.download, name="return_download"),
]
