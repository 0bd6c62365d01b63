"""Form designs in the Django admin (§2): administrators draft and submit, senior leaders decide.

The admin only calls the services in records.designs.services; the model layer and the database enforce the
rules whatever the admin shows. Entries are not registered: the admin would bypass the rule that a
child's record is read only through `Child.objects.visible_to`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange, ModelDelta

from records.designs import services as designs
from records.form_register import selectors as register, services as form_register
from records.models import RetentionRule
from records.retention.services import recompute as recompute_retention
from records.models import AuditSchedule, ClosureDay, VisitRule, FixedForm, FixedFormVersion, FormDesign, FormQuestion, GlossaryTerm, PhraseToAvoid
from records.designs.rendering import build_answer_form
from records.statutory_visits.services import refresh_all

DECISION_FIELDS = ("approval", "version", "created_by", "created_at", "submitted_by", "submitted_at",
                   "decided_by", "decided_at", "decision_comment")

HISTORY_FIELDS = ["title", "purpose", "status", "submitted_by", "submitted_at", "decided_by", "decided_at",
                  "decision_comment"]


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You do not have permission to do that."


class FormQuestionForm(forms.ModelForm):
    options = forms.CharField(
        label="Options", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a choice question only: one option per line",
    )

    class Meta:
        model = FormQuestion
        fields = ["position", "key", "label", "help_text", "required", "answer_type", "options", "answer_kind"]
        widgets = {"label": forms.TextInput(attrs={"size": 80}), "help_text": forms.Textarea(attrs={"rows": 2, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and isinstance(self.instance.options, list):
            self.initial["options"] = "\n".join(self.instance.options)

    def clean_options(self):
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class FormQuestionInline(admin.StackedInline):
    model = FormQuestion
    form = FormQuestionForm
    extra = 0
    ordering = ["position"]

    def _editable(self, request, obj) -> bool:
        return designs.can_draft_designs(request.user) and (obj is None or obj.is_editable)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


@admin.register(FormDesign)
class FormDesignAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "version", "title", "approval", "created_by", "submitted_at", "decided_by", "decided_at"]
    list_filter = ["kind", "status"]
    list_display_links = ["kind", "version", "title"]
    inlines = [FormQuestionInline]
    actions = ["submit_for_approval", "approve_selected", "create_new_version"]
    change_form_template = "admin/records/formdesign/change_form.html"
    object_history_template = "admin/records/formdesign/object_history.html"
    # Each history row also shows who made the change and when: who drafted, submitted, decided.
    history_list_display = ["status"]

    # --- who may do what (the services check again; the model layer and database decide) ---
    def has_draft_permission(self, request):
        return designs.can_draft_designs(request.user) and self.has_add_permission(request)

    def has_decide_permission(self, request):
        return designs.can_decide_designs(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and obj.is_editable and designs.can_draft_designs(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # form designs are never deleted

    def revert_disabled(self, request, obj=None):
        return True  # a design changes only through its own workflow, never by reverting history

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description="Status", ordering="status")
    def approval(self, design):
        """§2: a design in use on the system's approval at install says that it awaits a senior leader."""
        return design.approval_in_words

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by", "created_by")

    def status(self, record):
        """The history list's status column, in words (simple-history calls it for each row)."""
        return record.get_status_display()

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple-history diffs only fields editable in forms; the workflow fields are not, but they
        # are the design's story (who submitted, who decided, when), so list their changes here.
        newer = None
        for older in historical_records:  # newest first
            if newer is not None:
                changes = [ModelChange(name, getattr(older, name), getattr(newer, name))
                           for name in HISTORY_FIELDS if getattr(older, name) != getattr(newer, name)]
                delta = ModelDelta(changes, [c.field for c in changes], older, newer)
                helper = self.get_historical_record_context_helper(request, newer)
                newer.history_delta_changes = helper.context_for_delta_changes(delta)
            newer = older

    def history_view(self, request, object_id, extra_context=None):
        questions = FormQuestion.history.filter(design_id=object_id).select_related("history_user").order_by("history_date")
        return super().history_view(request, object_id, {**(extra_context or {}), "question_history": questions})

    # --- the form ---
    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kind", "title", "purpose"]
        return ["kind", "title", "purpose", *DECISION_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if self.has_change_permission(request, obj):
            return ["kind", *DECISION_FIELDS]
        return ["kind", "title", "purpose", *DECISION_FIELDS]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            designs.save_new_draft(design=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        # Questions may swap positions in one save; move the ones that change out of the way first,
        # so that the unique (design, position) constraint holds after every row. Their final
        # positions are then saved, and recorded in the history, one by one.
        moved = [f.instance.pk for f in formset.initial_forms if f.instance.pk and "position" in f.changed_data]
        if moved:
            FormQuestion.objects.filter(pk__in=moved).update(position=F("position") + 100000)
        super().save_formset(request, form, formset, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        design = self.get_object(request, object_id)
        extra = {}
        if design is not None:
            drafter = designs.can_draft_designs(request.user) and self.has_add_permission(request)
            extra = {
                "can_submit": drafter and design.is_editable,
                "can_decide": designs.can_decide_designs(request.user) and design.status == FormDesign.Status.SUBMITTED,
                "can_new_version": drafter,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    # --- actions on the list ---
    def _each(self, request, queryset, service, done: str, **kwargs):
        count = 0
        for design in queryset:
            try:
                service(design=design, by=request.user, **kwargs)
                count += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{design}: {_message(error)}", messages.ERROR)
        if count:
            self.message_user(request, f"{count} design{'s' if count != 1 else ''} {done}.", messages.SUCCESS)

    @admin.action(description="Submit for approval", permissions=["draft"])
    def submit_for_approval(self, request, queryset):
        self._each(request, queryset, designs.submit, "submitted for approval")

    @admin.action(description="Approve (senior leadership)", permissions=["decide"])
    def approve_selected(self, request, queryset):
        self._each(request, queryset, designs.approve, "approved")

    @admin.action(description="Create a new draft version", permissions=["draft"])
    def create_new_version(self, request, queryset):
        self._each(request, queryset, designs.new_version_from, "copied into new draft versions")

    # --- pages of one design ---
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:object_id>/preview/", view(self.preview_view), name="records_formdesign_preview"),
            path("<int:object_id>/submit/", view(self.submit_view), name="records_formdesign_submit"),
            path("<int:object_id>/decide/", view(self.decide_view), name="records_formdesign_decide"),
            path("<int:object_id>/new-version/", view(self.new_version_view), name="records_formdesign_new_version"),
            *super().get_urls(),
        ]

    def _design(self, request, object_id) -> FormDesign:
        design = get_object_or_404(FormDesign, pk=object_id)
        if not self.has_view_or_change_permission(request, design):
            raise PermissionDenied
        return design

    def _change_url(self, design):
        return reverse("admin:records_formdesign_change", args=[design.pk])

    def _context(self, request, design, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "original": design,
                "design": design, "questions": list(design.questions.order_by("position")), **extra}

    def preview_view(self, request, object_id):
        """The design as the practitioner will see it, in the service's own GOV.UK pages. Nothing is saved."""
        design = self._design(request, object_id)
        form = build_answer_form(design, data=request.POST if request.method == "POST" else None)
        if request.method == "POST":
            form.is_valid()
        return render(request, "records/design_preview.html", {
            "design": design, "form": form, "change_url": self._change_url(design),
            "checked": request.method == "POST" and form.is_valid(),
        })

    def _confirm(self, request, design, *, title, text, button, service, done):
        if request.method == "POST":
            try:
                result = service(design=design, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, _message(error), messages.ERROR)
                return redirect(self._change_url(design))
            self.message_user(request, done(result), messages.SUCCESS)
            return redirect(self._change_url(result))
        return TemplateResponse(request, "admin/records/formdesign/confirm.html",
                                self._context(request, design, title=title, text=text, button=button))

    def submit_view(self, request, object_id):
        design = self._design(request, object_id)
        if not self.has_draft_permission(request):
            raise PermissionDenied
        return self._confirm(
            request, design, title=f"Submit {design} for approval",
            text="Senior leadership will be asked to approve it. It cannot be edited while it waits for their decision.",
            button="Submit for approval", service=designs.submit,
            done=lambda d: f"{d.get_kind_display()} version {d.version} was submitted for approval.",
        )

    def new_version_view(self, request, object_id):
        design = self._design(request, object_id)
        if not self.has_draft_permission(request):
            raise PermissionDenied
        return self._confirm(
            request, design, title=f"Create a new draft version from {design}",
            text="The new draft starts with a copy of this version's questions. This version does not change.",
            button="Create the draft", service=designs.new_version_from,
            done=lambda d: f"Draft version {d.version} of the {d.get_kind_display().lower()} design was created.",
        )

    def decide_view(self, request, object_id):
        """§2: a senior leader approves or rejects a submitted design, with a comment."""
        design = self._design(request, object_id)
        if not self.has_decide_permission(request):
            raise PermissionDenied
        error, comment = "", request.POST.get("comment", "")
        if request.method == "POST":
            decision = request.POST.get("decision")
            try:
                if decision == "approve":
                    designs.approve(design=design, by=request.user, comment=comment)
                    done = f"{design.get_kind_display()} version {design.version} is approved and now in use."
                elif decision == "reject":
                    designs.reject(design=design, by=request.user, comment=comment)
                    done = f"{design.get_kind_display()} version {design.version} was rejected."
                else:
                    raise ValidationError("Choose whether to approve or reject the design.")
            except (ValidationError, PermissionDenied) as exc:
                error = _message(exc)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return redirect(self._change_url(design))
        return TemplateResponse(request, "admin/records/formdesign/decide.html", self._context(
            request, design, title=f"Approve or reject {design}", error=error, comment=comment,
            preview_url=reverse("admin:records_formdesign_preview", args=[design.pk]),
        ))


@admin.register(ClosureDay)
class ClosureDayAdmin(SimpleHistoryAdmin):
    """Council closure days are not working days (§4, §10): administrators keep this list."""

    list_display = ("day", "description")
    date_hierarchy = "day"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_all()  # a closure day moves the visits counted in working days

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SimpleHistoryAdmin):
    list_display = ("acronym", "meaning")
    search_fields = ("acronym", "meaning")


@admin.register(PhraseToAvoid)
class PhraseToAvoidAdmin(SimpleHistoryAdmin):
    list_display = ("phrase", "suggestion")
    search_fields = ("phrase",)


@admin.register(FixedForm)
class FixedFormAdmin(admin.ModelAdmin):
    """The form register (§2): every fixed form, its fields in use, and which version senior leadership
    approved and when. Read only; a senior leader approves the version in use on its page."""

    list_display = ["name", "version_in_use", "approval", "approved_version"]
    search_fields = ["name"]
    change_form_template = "admin/records/fixedform/register_entry.html"

    def get_queryset(self, request):
        return register.register()

    def has_add_permission(self, request):
        return False  # the register is recorded from the forms themselves, at each release

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Version in use", ordering="current_version")
    def version_in_use(self, form):
        return form.current_version

    @admin.display(description="Approval")
    def approval(self, form):
        if form.current_version is None:
            return "Not recorded yet"
        if form.current_version == form.approved_version:
            return "Approved"
        return "Awaiting approval by senior leadership"

    @admin.display(description="Last version approved", ordering="approved_version")
    def approved_version(self, form):
        return form.approved_version or "None yet"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("<int:object_id>/approve/", view(self.approve_view), name="records_fixedform_approve"),
                *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        form = get_object_or_404(FixedForm, pk=object_id)
        if not self.has_view_permission(request, form):
            raise PermissionDenied
        versions = list(FixedFormVersion.objects.filter(form=form).select_related("approved_by").order_by("-version"))
        in_use = versions[0] if versions else None
        return TemplateResponse(request, self.change_form_template, {
            **self.admin_site.each_context(request), "opts": self.model._meta, "original": form, "title": form.name,
            "form_entry": form, "in_use": in_use, "versions": versions,
            "approved": next((v for v in versions if v.is_approved), None),
            "can_approve": in_use is not None and not in_use.is_approved and form_register.can_approve_forms(request.user),
        })

    def approve_view(self, request, object_id):
        """§2: a senior leader approves the version of the form in use."""
        form = get_object_or_404(FixedForm, pk=object_id)
        if not self.has_view_permission(request, form):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        version = FixedFormVersion.objects.filter(form=form, pk=request.POST.get("version") or 0).first()
        if version is None:
            self.message_user(request, "Choose the version to approve.", messages.ERROR)
        else:
            try:
                form_register.approve_version(version=version, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, _message(error), messages.ERROR)
            else:
                self.message_user(request, f"{form.name}, version {version.version} is approved.", messages.SUCCESS)
        return redirect(reverse("admin:records_fixedform_change", args=[form.pk]))
@admin.register(AuditSchedule)
class AuditScheduleAdmin(SimpleHistoryAdmin):
    """§13: how many records of each team are audited a month; a month that falls short is flagged for the
    team's manager. Schedules are changed, never deleted (a database trigger refuses it too)."""

    list_display = ("team", "records_per_month", "starts_on")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VisitRule)
class VisitRuleAdmin(SimpleHistoryAdmin):
    """Issue 16: how often each kind of case is visited, and whether the child must be seen alone. Senior
    leaders and administrators change the interval; the rules themselves are fixed (seeded with their sources)."""

    list_display = ("code", "interval", "unit", "child_seen_alone")
    fields = ("code", "interval", "unit", "child_seen_alone", "source")
    readonly_fields = ("code",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_all()  # every open case under the rule gets its new next visit

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    """Issue 18: how long each kind of record is kept, citing its regulation. Administrators change the periods;
    the rules themselves are fixed (seeded with their sources) and never deleted."""

    list_display = ("name", "years_from_birth", "years_after_closure", "years_from_adoption_order",
                    "years_after_death_under_18")
    fields = ("code", "name", "regulation", "years_from_birth", "years_after_closure", "years_from_adoption_order",
              "years_after_death_under_18")
    readonly_fields = ("code",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        recompute_retention()  # every closed record's date under the new period

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
