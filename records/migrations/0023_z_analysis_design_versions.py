"""§12 and §5.5: new versions of the contact, decision and case summary designs, for approval.

The first versions (0002) gave contacts, decisions and case summaries no place for analysis, so the
reasons for a decision, the options considered and a contact's actions were all shown as facts.
The new versions keep every question key of the first versions (so an entry reads the same across
versions), say which kind of answer each question takes, and add a place for analysis:

- contacts: what the contact shows (opinion); the actions and decisions (decisions); the reasons (judgement);
- decisions: the decision (decision); its basis and reasons, and why the preferred choice was or was
  not followed (judgements); the options considered (assessment); the impact on the child (assessment);
- case summaries (§5.5): the six headings, and the analysis of progress (assessment), the outcomes of
  supervision on the case (decisions) and the local authority's and partner agencies' decisions and
  their impact (judgement).

§2: senior leadership approves every design before it comes into use. So these versions are only
submitted, by the named system user as the first versions were; the approved first versions stay in
use until a senior leader approves the new ones in the admin. They are inserted as drafts and then
submitted, as records 0003's triggers require of every design; nothing here approves anything.

The questions are written out here rather than imported, so that this migration always creates
exactly what it created the day it was written.
"""

import importlib

from django.db import migrations
from django.utils import timezone

_first = importlib.import_module("records.migrations.0002_first_approved_designs")

L = "long_text"
FACT, OPINION, ASSESSMENT, JUDGEMENT, DECISION = "fact", "opinion", "assessment", "judgement", "decision"


def q(key, label, help_text="", *, required=True, kind=FACT):
    return {"key": key, "label": label, "help_text": help_text, "required": required,
            "answer_type": L, "options": [], "answer_kind": kind}


def contact(people_label, discussion_label, discussion_help):
    return [
        q("people", people_label, "Names and their relationship to the child or their role."),
        q("discussion", discussion_label, discussion_help),
        q("analysis", "What this tells you about the child's situation",
          "Your professional view of what was said or written and why it matters for the child. This is your "
          "opinion: keep it apart from the facts above. If it changes nothing, say so.", required=False, kind=OPINION),
        q("actions_decisions", "Actions or decisions taken, and by whom",
          "If none were taken, say so.", required=False, kind=DECISION),
        q("reasons", "Reasons for the decisions",
          "Why each decision was made, the options considered and, where agreement could not be reached, "
          "the child's and family's preferred choices. This is professional judgement.", required=False, kind=JUDGEMENT),
    ]


DISCUSSED = "The relevant discussion: keep it brief and factual, and say which information came from someone else."
LETTER = "A summary of the relevant content. Add a copy to the record if it matters to the child's story."
CONTACTS = {
    "contact_phone": contact("Who was spoken to", "What was discussed", DISCUSSED),
    "contact_letter": contact("Who the letter was from and to", "What the letter said", LETTER),
    "contact_email": contact("Who the email was from and to", "What the email said", LETTER),
    "contact_meeting": contact("Who was present", "What was discussed", DISCUSSED),
    "contact_office_visit": contact("Who was seen", "What was discussed", DISCUSSED),
    "contact_professional": contact("Who was spoken to, their role and agency", "What was discussed", DISCUSSED),
    "contact_other": contact("Who was present or spoken to", "What was discussed", DISCUSSED),
}

DECISION_QUESTIONS = [
    q("decision", "The decision", "What was decided, in plain English.", kind=DECISION),
    q("basis", "The basis and reasons for the decision",
      "The information the decision was based on, and why it was made.", kind=JUDGEMENT),
    q("options", "Options considered", "The other options and why they were not chosen.", kind=ASSESSMENT),
    q("preferred_choice", "The child's and family's preferred choice",
      "What the child wanted, and what the family wanted, if it was different."),
    q("preference_followed", "Why their preferred choice was or was not followed", kind=JUDGEMENT),
    q("impact", "The likely impact of the decision on the child",
      "Your analysis of what the decision will mean for the child, including any risks.", required=False,
      kind=ASSESSMENT),
]

CASE_SUMMARY = [
    q("pen_picture", "Pen picture of the child",
      "What is life like for this child? Put the child at the centre."),
    q("reason_for_involvement", "Reason for current involvement"),
    q("relevant_history", "Overview of relevant history"),
    q("purpose_and_focus", "Purpose and focus of intervention",
      "The work of the last three months linked to the recommendations and outcomes of the plan: new "
      "strengths and concerns, and how they were dealt with."),
    q("progress_analysis", "Analysis of progress",
      "Reflect on, analyse and evaluate the progress of the intervention against the plan, the child's and "
      "family's engagement with it, and the impact of any new issues on the case.", required=False,
      kind=ASSESSMENT),
    q("supervision_outcomes", "Outcomes of supervision on the case",
      "What was decided in supervision since the last summary, by whom and when. If there was none, say so.",
      required=False, kind=DECISION),
    q("agency_decisions", "Decisions of the local authority and partner agencies, and their impact",
      "The decisions other agencies and the local authority made about the child, and the impact they may "
      "have had. This is your professional judgement.", required=False, kind=JUDGEMENT),
    q("intended_outcomes", "Intended outcomes and plan", "The focus of work for the next three months.",
      kind=DECISION),
    q("other_information", "Any other key information", required=False),
]

NEW_VERSIONS = {**CONTACTS, "decision": DECISION_QUESTIONS, "case_summary": CASE_SUMMARY}
SUBMITTED = "Submitted for approval: a place for analysis, and each answer's kind"


def create_new_versions(apps, schema_editor):
    FormDesign = apps.get_model("records", "FormDesign")
    FormQuestion = apps.get_model("records", "FormQuestion")
    HistoricalFormDesign = apps.get_model("records", "HistoricalFormDesign")
    HistoricalFormQuestion = apps.get_model("records", "HistoricalFormQuestion")
    system = _first._system_user(apps)
    now = timezone.now()
    reason = "New version from the recording policy, submitted for approval"
    for kind, questions in NEW_VERSIONS.items():
        current = FormDesign.objects.filter(kind=kind).order_by("-version").first()
        if current is None:
            continue  # no first version to build on: the kind's first design is senior leadership's
        in_use = FormDesign.objects.filter(kind=kind, status="approved").first() or current
        design = FormDesign.objects.create(
            kind=kind, version=current.version + 1, status="draft", title=in_use.title, purpose=in_use.purpose,
            created_by=system, created_at=now,
        )
        _first._history_row(HistoricalFormDesign, design, when=now, user=system, reason=reason)
        for position, question in enumerate(questions, start=1):
            row = FormQuestion.objects.create(design=design, position=position, **question)
            _first._history_row(HistoricalFormQuestion, row, when=now, user=system, reason=reason)
        design.status = "submitted"
        design.submitted_by = system
        design.submitted_at = now
        design.save()
        values = {f.attname: getattr(design, f.attname) for f in design._meta.concrete_fields}
        HistoricalFormDesign.objects.create(**values, history_date=now, history_type="~", history_user_id=system.pk,
                                            history_change_reason=SUBMITTED)


class Migration(migrations.Migration):
    dependencies = [("records", "0023_answer_kinds")]

    operations = [migrations.RunPython(create_new_versions, migrations.RunPython.noop)]
