"""Admin for staff, teams and the logs. Logs are read-only; nothing is ever deleted."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from access.models import AccessLog, AuditEvent, EnrolmentCode, StaffProfile, Team
from access.sign_in import device_reset, enrolment


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


class EnrolmentCodeForm(forms.ModelForm):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name"),
                                  label="Who is it for?", help_text="The code is shown once, on the next page. "
                                  "Give it to the person yourself, not by e-mail. It lasts 72 hours.")

    class Meta:
        model = EnrolmentCode
        fields = ["user"]


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(admin.ModelAdmin):
    """Issue 18: an administrator issues a one-time code that lets a person set up two-step verification. The
    code is shown once, on the page after "Save", and kept only as a hash; rows are never changed or deleted."""

    form = EnrolmentCodeForm
    list_display = ("user", "issued_by", "issued_at", "expires_at", "used_at", "state")
    list_select_related = ("user", "issued_by")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    readonly_fields = ("user", "issued_by", "issued_at", "expires_at", "used_at", "ended_at", "state")

    def has_add_permission(self, request):
        return enrolment.may_issue(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "POST" and self.has_add_permission(request):
            form = self.form(request.POST)
            if form.is_valid():
                person = form.cleaned_data["user"]
                code = enrolment.issue_enrolment_code(by=request.user, user=person)
                return TemplateResponse(request, "admin/access/enrolment_code_issued.html", {
                    **self.admin_site.each_context(request), "title": "Enrolment code issued", "person": person,
                    "code": code, "opts": self.model._meta, "lifetime_hours": int(enrolment.LIFETIME.total_seconds() // 3600),
                })
        return super().add_view(request, form_url, extra_context)


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with the reset of a person's two-step verification (issue 18) for administrators."""

    actions = ["reset_two_step"]

    def has_reset_two_step_permission(self, request):
        return enrolment.may_issue(request.user)

    @admin.action(description="Reset two-step verification (they will need a new enrolment code)",
                  permissions=["reset_two_step"])
    def reset_two_step(self, request, queryset):
        for person in queryset.order_by("last_name", "first_name", "username"):
            name = person.get_full_name() or person.get_username()
            if device_reset.reset_two_step(by=request.user, user=person):
                self.message_user(request, f"Two-step verification reset for {name}. They have been e-mailed.")
            else:
                self.message_user(request, f"Two-step verification reset for {name}, who has no e-mail address: "
                                           "tell them yourself.", messages.WARNING)
