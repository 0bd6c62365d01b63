"""Django admin for children and cases: read-only, and only what the per-child rule lets the user see.

Records are written through the service's own pages (with their rules and audit); the admin is for
looking things up. simple-history's history views fall back to history rows when an object is not
in the queryset (simple-history's admin does), which would bypass our rule, so both history views check it first.
"""

from django.contrib import admin
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from casework.models import Allocation, Case, Child, Household, HouseholdMember


class VisibleChildrenOnlyAdmin(SimpleHistoryAdmin):
    child_path = "child"  # lookup from this model to its Child; "" for Child itself

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        visible = Child.objects.visible_to(request.user)
        if not self.child_path:
            return queryset.filter(pk__in=visible.values("pk"))
        return queryset.filter(**{f"{self.child_path}__in": visible.values("pk")})

    def _require_visible(self, request, object_id):
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404("Not found")

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # nothing is ever hard-deleted


@admin.register(Child)
class ChildAdmin(VisibleChildrenOnlyAdmin):
    child_path = ""
    list_display = ("local_id", "last_name", "first_name", "date_of_birth", "is_unborn")
    search_fields = ("local_id", "search_name")
    list_per_page = 50
    show_full_result_count = False


@admin.register(Case)
class CaseAdmin(VisibleChildrenOnlyAdmin):
    list_display = ("child", "referral_date", "referral_source", "closure_date")
    list_select_related = ("child",)
    list_per_page = 50
    show_full_result_count = False


@admin.register(Allocation)
class AllocationAdmin(VisibleChildrenOnlyAdmin):
    child_path = "case__child"
    list_display = ("case", "team", "worker", "started_at", "ended_at")
    list_select_related = ("case__child", "team", "worker")
    list_per_page = 50
    show_full_result_count = False


@admin.register(Household)
class HouseholdAdmin(VisibleChildrenOnlyAdmin):
    child_path = "children"
    list_display = ("address_line_1", "town", "postcode")

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(VisibleChildrenOnlyAdmin):
    child_path = "household__children"
    list_display = ("full_name", "relationship", "has_parental_responsibility")

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()


from casework.returns import admin as returns_admin  # noqa: E402,F401  (the DfE code lists)
