from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Casework administration"
admin.site.site_title = "Casework administration"

urlpatterns = [
    path("", include("access.urls")),
    path("", include("casework.urls")),
    path("", include("records.urls")),
    path("admin/", admin.site.urls),
]
