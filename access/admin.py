"""Admin for staff, teams and the logs. Logs are read-only; nothing is ever deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from access.models import AccessLog, AuditEvent, StaffProfile, Team


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "manager")
    list_select_related = ("manager",)
    # §15.2: a team's group holds its permissions on its children's records, and its manager oversees them;
    # changing either here would move cases or oversight between teams with no pre-transfer audit or
    # transfer date. Set when the team is made, then read-only: cases move through the transfer process.
    TRANSFER_ONLY_FIELDS = ("group", "manager")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields + self.TRANSFER_ONLY_FIELDS if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ("user", "post_title", "team")
    list_select_related = ("user", "team")
    search_fields = ("user__username", "user__first_name", "user__last_name", "post_title")

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """Append-only logs: superusers may read them here; managers get their own views."""

    list_per_page = 100
    show_full_result_count = False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyLogAdmin):
    list_display = ("at", "user", "child", "page", "outcome")
    list_filter = ("outcome",)
    list_select_related = ("user", "child")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyLogAdmin):
    list_display = ("at", "actor", "action", "child", "subject_user", "subject_group")
    list_select_related = ("actor", "child", "subject_user", "subject_group")
