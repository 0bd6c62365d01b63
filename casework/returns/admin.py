"""The DfE code lists in the Django admin (issue 17): administrators add codes and give a withdrawn code its
last collection year; senior leadership reads the lists and corrects meanings. Nothing is deleted, and
simple-history keeps every earlier version (the history button)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.returns.models import Code, CodeList


class CodeInline(admin.TabularInline):
    model = Code
    extra = 0
    fields = ("code", "meaning", "valid_from_year", "valid_to_year", "position")
    ordering = ("position", "code")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CodeList)
class CodeListAdmin(SimpleHistoryAdmin):
    list_display = ("name", "used_in", "key")
    search_fields = ("name", "key")
    inlines = [CodeInline]

    def get_readonly_fields(self, request, obj=None):
        return ("key",) if obj is not None else ()  # the system finds a list by its key

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Code)
class CodeAdmin(SimpleHistoryAdmin):
    list_display = ("code", "meaning", "code_list", "valid_from_year", "valid_to_year")
    list_filter = ("code_list",)
    search_fields = ("code", "meaning")
    list_select_related = ("code_list",)

    def get_readonly_fields(self, request, obj=None):
        return ("code_list", "code") if obj is not None else ()  # a code recorded on a child never changes its letters

    def has_delete_permission(self, request, obj=None):
        return False
