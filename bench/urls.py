"""The bench's own URLs: the product's, plus the bare view the pages are compared with. Used only by
bench/pages.py (override_settings(ROOT_URLCONF="bench.urls")), never by the product."""

from django.http import HttpResponse
from django.urls import path

from casework.models import Child
from config.urls import urlpatterns as product_urlpatterns


def bare_child(request, pk):
    """A bare Django view: fetch one child by primary key, render one line. What our permission checks,
    access log and templates add to a page is measured against it (issue #10)."""
    child = Child.objects.get(pk=pk)
    return HttpResponse(f"{child.local_id} {child.first_name} {child.last_name}\n", content_type="text/plain")


urlpatterns = [path("bench/bare/<int:pk>/", bare_child, name="bench_bare_child"), *product_urlpatterns]
