"""A looked-after child's reviews, missing or away from placement episodes and UASC status (issue 17), in the
casework namespace (casework/urls.py takes these)."""

from django.urls import path

from casework.looked_after import views

urlpatterns = [
    path("children/<str:local_id>/looked-after/reviews/add/", views.lac_review_add, name="lac_review_add"),
    path("children/<str:local_id>/looked-after/reviews/<int:item_id>/change/", views.lac_review_change,
         name="lac_review_change"),
    path("children/<str:local_id>/looked-after/missing/add/", views.missing_add, name="lac_missing_add"),
    path("children/<str:local_id>/looked-after/missing/<int:item_id>/change/", views.missing_change,
         name="lac_missing_change"),
    path("children/<str:local_id>/looked-after/uasc/", views.uasc_status, name="lac_uasc"),
]
