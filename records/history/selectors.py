"""The audit trail (§13, §14): a readable history of every change to a child's record, from
django-simple-history, with restricted content (§7) hidden from those who may not see it.

History rows copy every field, restricted text included, and simple-history checks no permission
of its own: so every row passes through here. For a user without `view_restricted` on the child,
any object that is restricted *now* (or belongs to something restricted now: an amendment of a
restricted entry, a restriction still in force) shows only that restricted information changed,
in every one of its rows, including the rows from before it was restricted.

Which models belong to a child's record is found from the models themselves: the child, every
tracked model with a `child` foreign key, and those reached through the child's cases or entries,
so that models added later join the trail by themselves. A page costs at most two queries per kind
of object (the rows, and the versions before them), plus one to name the people, one per kind of
object a change points at and one for the questions answered, whatever the history. Values read as people read them: choices by their
label, people by name, dates written out, and what a foreign key points at by the name people know
it by (a case by its referral date, a team by its name), never a developer's "Case 5".
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model

PAGE_SIZE = 30
RESTRICTED = "Restricted information"
# Internal keys and stored-file details: nothing a reader of the record needs (a file's checksum and
# stored name prove its integrity to the system, not to a person).
HIDDEN_FIELDS = {"id", "search_name", "password", "last_login", "sha256", "stored_name", "file_name"}
LEFT_OUT = {("records", "pdfjob")}  # PDF build progress is not part of the record's story


@dataclass(frozen=True)
class Source:
    model: type
    lookup: str  # on the historical model
    value: object  # the child's pk, or a subquery of ids


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryRow:
    when: datetime
    who: str
    action: str
    what: str
    changes: list[Change] = field(default_factory=list)
    restricted: bool = False
    reason: str = ""
    sort_key: tuple = ()


def _history_model(model):
    try:
        return get_history_model_for_model(model)
    except NotHistoricalModelError:
        return None


def _fk_to(model, field_name, target) -> bool:
    try:
        f = model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - no such field
        return False
    return isinstance(f, models.ForeignKey) and f.related_model is target


def child_sources(child) -> list[Source]:
    Child = apps.get_model("casework", "Child")
    Case = apps.get_model("casework", "Case")
    Entry = apps.get_model("records", "Entry")
    case_ids = Case.objects.filter(child_id=child.pk).values("pk")
    entry_ids = Entry.objects.filter(child_id=child.pk).values("pk")
    sources = []
    for model in apps.get_models():
        meta = model._meta
        if (meta.app_label, meta.model_name) in LEFT_OUT or meta.app_label not in ("casework", "records", "access"):
            continue
        if _history_model(model) is None:
            continue
        if model is Child:
            sources.append(Source(model, "id", child.pk))
        elif _fk_to(model, "child", Child):
            sources.append(Source(model, "child_id", child.pk))
        elif _fk_to(model, "content_object", Child):  # per-child permissions: who was given access
            sources.append(Source(model, "content_object_id", child.pk))
        elif _fk_to(model, "case", Case):
            sources.append(Source(model, "case_id__in", case_ids))
        elif _fk_to(model, "entry", Entry):
            sources.append(Source(model, "entry_id__in", entry_ids))
    return sources


def entry_sources(entry) -> list[Source]:
    Entry = apps.get_model("records", "Entry")
    sources = [Source(Entry, "id", entry.pk)]
    for model in apps.get_models():
        if model is not Entry and _history_model(model) is not None and _fk_to(model, "entry", Entry) \
                and not _fk_to(model, "child", apps.get_model("casework", "Child")):
            sources.append(Source(model, "entry_id", entry.pk))
    return sources


def _guards(model) -> list[tuple[str, type]]:
    """(attname on the row, model) pairs whose current restriction hides the row (§7)."""
    Restriction = apps.get_model("access", "Restriction")
    if model is Restriction:
        return [("id", Restriction)]
    guards = []
    if any(f.name == "restriction" for f in model._meta.concrete_fields):
        guards.append(("id", model))
    for f in model._meta.concrete_fields:
        if isinstance(f, models.ForeignKey) and f.name != "restriction" and f.related_model is not None:
            target = f.related_model
            if target is Restriction or any(t.name == "restriction" for t in target._meta.concrete_fields):
                guards.append((f.attname, target))
    return guards


def _restricted_ids(target, ids) -> set:
    Restriction = apps.get_model("access", "Restriction")
    if not ids:
        return set()
    if target is Restriction:
        return set(Restriction.objects.filter(pk__in=ids, lifted_at__isnull=True).values_list("pk", flat=True))
    return set(target._base_manager.filter(pk__in=ids, restriction__isnull=False, restriction__lifted_at__isnull=True)
               .values_list("pk", flat=True))


def _fetch(source: Source, before: datetime | None, limit: int):
    H = _history_model(source.model)
    prev = (H.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id").values("history_id")[:1])
    rows = H.objects.filter(**{source.lookup: source.value})
    if before is not None:
        rows = rows.filter(history_date__lt=before)
    return list(rows.annotate(prev_history_id=Subquery(prev)).order_by("-history_date", "-history_id")[:limit])


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]


# How people know the objects a change points at, by model label: (related fields to join, name).
PERMISSION_NAMES = {"view_child": "See the child's record", "view_restricted": "See restricted information"}
READABLE = {
    "casework.child": ((), lambda o: f"{o.full_name} ({o.local_id})"),
    "casework.case": ((), lambda o: f"Case referred on {o.referral_date:%d %B %Y}"),
    "access.team": ((), lambda o: o.name),
    "auth.group": (("team",), lambda o: getattr(getattr(o, "team", None), "name", None) or o.name),
    "auth.permission": ((), lambda o: PERMISSION_NAMES.get(o.codename, capfirst(o.name))),
    "records.formdesign": ((), lambda o: f"{o.get_kind_display()} form, version {o.version}"),
    "access.restriction": ((), lambda o: f"Restricted on {timezone.localtime(o.restricted_at):%d %B %Y}"),
    "casework.pretransferaudit": ((), lambda o: f"Audit before transfer, {timezone.localtime(o.audited_at):%d %B %Y}"),
    "records.auditsample": (("team",), str),
    "records.recordaudit": (("sample__team",), lambda o: f"Record audit from the {o.sample.team.name} sample"),
    "records.entry": ((), str),
}


def _foreign_names(pairs, sees_restricted: bool) -> dict:
    """(model, pk) -> how people name it, for every foreign key (not a person) in `pairs` of (field, value):
    one query per kind of object. Something restricted now reads as restricted to those who may not see it."""
    wanted: dict = {}
    for f, value in pairs:
        if value is not None and f.related_model is not get_user_model():
            wanted.setdefault(f.related_model, set()).add(value)
    names = {}
    for model, ids in wanted.items():
        joins, name = READABLE.get(model._meta.label_lower, ((), None))
        restrictable = any(f.name == "restriction" for f in model._meta.concrete_fields)
        rows = model._base_manager.filter(pk__in=ids).select_related(*joins, *(["restriction"] if restrictable else []))
        for obj in rows:
            if restrictable and not sees_restricted and obj.restriction_id and obj.restriction.lifted_at is None:
                names[(model, obj.pk)] = RESTRICTED
            elif name is not None:
                names[(model, obj.pk)] = name(obj)
            elif type(obj).__str__ is not models.Model.__str__ and str(obj.pk) not in str(obj):
                names[(model, obj.pk)] = str(obj)
            else:
                names[(model, obj.pk)] = f"A {model._meta.verbose_name}"
    return names


def _shown(f, value, people) -> str:
    if value is None or value == "":
        return "(blank)"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(f, models.ForeignKey):
        if f.related_model is get_user_model():
            return people.get(value, "A member of staff")
        return people.get((f.related_model, value), f"A {f.related_model._meta.verbose_name}")
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%d %B %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d %B %Y}"
    if isinstance(value, (list, dict)):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


SECTION_SOURCES = {"first_hand": "First-hand", "third_party": "From someone else"}


def _json_shown(value, people) -> str:
    """An answer, or where a section's information came from ({"source": ..., "supplied_by": ...}), in words."""
    if isinstance(value, dict) and "source" in value:
        source = SECTION_SOURCES.get(value["source"], str(value["source"]))
        return f"{source}: {value['supplied_by']}" if value.get("supplied_by") else source
    if isinstance(value, str):
        try:
            return f"{date.fromisoformat(value):%d %B %Y}"  # a date answer is kept as an ISO string
        except ValueError:
            pass
    return _shown(models.TextField(), value, people)


def _question_labels(page) -> dict:
    """("question", design id, key) -> the question's label, for the answers on the page: one query."""
    designs = {getattr(row, "form_design_id", None) for _, row in page} - {None}
    if not designs:
        return {}
    FormQuestion = apps.get_model("records", "FormQuestion")
    return {("question", design, key): label for design, key, label in
            FormQuestion.objects.filter(design_id__in=designs).values_list("design_id", "key", "label")}


def _label(f) -> str:
    return capfirst(str(f.verbose_name))


def _differences(model, row, previous, people) -> list[Change]:
    changes = []
    for f in _fields(model):
        new = getattr(row, f.attname)
        old = getattr(previous, f.attname) if previous is not None else None
        if previous is not None and new == old:
            continue
        if previous is None and new in (None, "", [], {}):
            continue
        if isinstance(f, models.JSONField) and isinstance(new, dict):
            old_dict = old if isinstance(old, dict) else {}
            design = getattr(row, "form_design_id", None)
            for key in sorted(set(new) | set(old_dict)):
                if new.get(key) != old_dict.get(key):
                    question = people.get(("question", design, key)) or key.replace("_", " ")
                    changes.append(Change(f"{_label(f)}: {question}", _json_shown(old_dict.get(key), people),
                                          _json_shown(new.get(key), people)))
            continue
        changes.append(Change(_label(f), "" if previous is None else _shown(f, old, people), _shown(f, new, people)))
    return changes


ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _what(model, row) -> str:
    name = capfirst(str(model._meta.verbose_name))
    kind = getattr(row, "get_kind_display", None)
    return f"{name}: {kind()}" if callable(kind) else name


def _foreign_keys(page, previous, hidden):
    """(field, value) of every foreign key on the rows shown and the versions before them."""
    for model, row in page:
        if (model, row.history_id) in hidden:
            continue
        versions = [row, previous.get((model, row.prev_history_id))]
        for f in _fields(model):
            if isinstance(f, models.ForeignKey):
                yield from ((f, getattr(v, f.attname)) for v in versions if v is not None)


def history_page(sources: list[Source], *, sees_restricted: bool, before: datetime | None = None,
                 whom_to_ask: str = "") -> tuple[list[HistoryRow], datetime | None]:
    """One page of changes, newest first, and the cursor of the next page (or None)."""
    fetched = []
    for source in sources:
        for row in _fetch(source, before, PAGE_SIZE + 1):
            fetched.append((source.model, row))
    fetched.sort(key=lambda pair: (pair[1].history_date, pair[0]._meta.label, pair[1].history_id), reverse=True)
    page, more = fetched[:PAGE_SIZE], len(fetched) > PAGE_SIZE
    if more:
        # Keep rows of the same moment together: they move to the next page rather than being skipped.
        boundary = fetched[PAGE_SIZE][1].history_date
        kept = [pair for pair in page if pair[1].history_date != boundary]
        page = kept or page
    next_cursor = page[-1][1].history_date if more and page else None

    hidden: set = set()
    if not sees_restricted:
        by_model: dict = {}
        for model, row in page:
            by_model.setdefault(model, []).append(row)
        for model, rows in by_model.items():
            for attname, target in _guards(model):
                ids = {getattr(row, attname) for row in rows if getattr(row, attname) is not None}
                restricted = _restricted_ids(target, ids)
                hidden |= {(model, row.history_id) for row in rows if getattr(row, attname) in restricted}

    previous: dict = {}
    by_model_prev: dict = {}
    for model, row in page:
        if row.prev_history_id and (model, row.history_id) not in hidden:
            by_model_prev.setdefault(model, []).append(row.prev_history_id)
    for model, ids in by_model_prev.items():
        for prev in _history_model(model).objects.filter(history_id__in=ids):
            previous[(model, prev.history_id)] = prev

    User = get_user_model()
    people_ids = {row.history_user_id for _, row in page if row.history_user_id}
    for model, row in page:
        if (model, row.history_id) in hidden:
            continue
        for f in _fields(model):
            if isinstance(f, models.ForeignKey) and f.related_model is User:
                people_ids.add(getattr(row, f.attname))
                prev = previous.get((model, row.prev_history_id))
                if prev is not None:
                    people_ids.add(getattr(prev, f.attname))
    people_ids.discard(None)
    people = {u.pk: (u.get_full_name() or u.username) for u in User.objects.filter(pk__in=people_ids)} if people_ids else {}
    people.update(_foreign_names(_foreign_keys(page, previous, hidden), sees_restricted))
    people.update(_question_labels(page))

    result = []
    for model, row in page:
        who = people.get(row.history_user_id, "Unknown") if row.history_user_id else "Unknown"
        if (model, row.history_id) in hidden:
            result.append(HistoryRow(when=row.history_date, who=who, action=ACTIONS.get(row.history_type, "Changed"),
                                     what=RESTRICTED, restricted=True,
                                     reason=f"Restricted from user. {whom_to_ask}".strip()))
            continue
        prev = previous.get((model, row.prev_history_id)) if row.prev_history_id else None
        result.append(HistoryRow(
            when=row.history_date, who=who, action=ACTIONS.get(row.history_type, "Changed"), what=_what(model, row),
            changes=_differences(model, row, prev, people), reason=row.history_change_reason or "",
        ))
    return result, next_cursor
