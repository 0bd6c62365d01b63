"""First versions of every kind of record, taken from the recording policy itself, submitted for approval.

§2 says senior leadership approves every design before it comes into use. These first versions are
the policy's own headings (the visit items of §5.2, the contact items of §5.3, the decision items
of §4, the six case summary headings of §5.5). A fresh install creates them as submitted by the
named system user, not approved: nothing can be recorded on a kind until a senior leader approves
its design, through the same service and admin page as any later version
(records.designs.services.approve, or approve_latest_submitted for all kinds at once).

Databases migrated by the older version of this migration hold these designs approved by the
system user; records 0025 submits a copy of each for a senior leader's approval, and the admin
says they were approved by the system at install and await a senior leader (see that migration).

The migration runs before the triggers exist (0003 adds them; they refuse a new row that is not a
draft), and migrations use historical models, which do not run FormDesign.save(). Neither the
model layer nor the database makes any exception for the system user: it can submit, never decide.

The questions are written out here rather than imported, so that this migration always creates
exactly what it created the day it was written.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations
from django.utils import timezone

L, S = "long_text", "short_text"


def q(key, label, help_text="", *, required=True, answer_type=L, analysis=False):
    return {"key": key, "label": label, "help_text": help_text, "required": required,
            "answer_type": answer_type, "options": [], "is_analysis": analysis}


VISIT = [
    q("purpose", "The purpose of the visit and how it relates to the plan",
      "Why you visited, and which part of the plan or review recommendations the visit was for."),
    q("information_exchanged", "Information exchanged",
      "What you told the family and what they told you, including any letters or leaflets you gave."),
    q("discussion", "A succinct narrative of the discussion",
      "Keep it brief and factual. Say who said what, and which information came from someone else."),
    q("child_views", "The child's views",
      "Any views, wishes and feelings the child expressed, in their own words where you can. "
      "If the child did not express any, say why."),
    q("parent_carer_views", "The parent's or carer's views",
      "Any views the parent or carer expressed. If they expressed none, say so."),
    q("change_of_circumstances", "Significant changes of circumstances",
      "Any significant change for the child or family since the last visit, particularly who lives in "
      "the household. If there has been none, say so."),
    q("analysis", "Analysis and evaluation of the outcome of the visit",
      "Your professional analysis of what the visit shows, against the plan and the review "
      "recommendations. This is your opinion: keep it apart from the facts above.", analysis=True),
    q("actions", "Actions",
      "What will happen next, who will do it and by when. For a failed appointment or a visit with no "
      "response, the actions the procedures require.", required=False),
]


def contact(people_label, discussion_label, discussion_help):
    return [
        q("people", people_label, "Names and their relationship to the child or their role."),
        q("discussion", discussion_label, discussion_help),
        q("actions_decisions", "Actions or decisions taken, and by whom",
          "If none were taken, say so.", required=False),
        q("reasons", "Reasons for the decisions",
          "Why each decision was made, the options considered and, where agreement could not be reached, "
          "the child's and family's preferred choices.", required=False),
    ]


DISCUSSED = "The relevant discussion: keep it brief and factual, and say which information came from someone else."
CONTACTS = {
    "contact_phone": contact("Who was spoken to", "What was discussed", DISCUSSED),
    "contact_letter": contact("Who the letter was from and to", "What the letter said",
                              "A summary of the relevant content. Add a copy to the record if it matters to the child's story."),
    "contact_email": contact("Who the email was from and to", "What the email said",
                             "A summary of the relevant content. Add a copy to the record if it matters to the child's story."),
    "contact_meeting": contact("Who was present", "What was discussed", DISCUSSED),
    "contact_office_visit": contact("Who was seen", "What was discussed", DISCUSSED),
    "contact_professional": contact("Who was spoken to, their role and agency", "What was discussed", DISCUSSED),
    "contact_other": contact("Who was present or spoken to", "What was discussed", DISCUSSED),
}

DECISION = [
    q("decision", "The decision", "What was decided, in plain English."),
    q("basis", "The basis and reasons for the decision",
      "The information the decision was based on, and why it was made."),
    q("options", "Options considered", "The other options and why they were not chosen."),
    q("preferred_choice", "The child's and family's preferred choice",
      "What the child wanted, and what the family wanted, if it was different."),
    q("preference_followed", "Why their preferred choice was or was not followed"),
]

SINGLE_ASSESSMENT = [
    q("reason", "Reason for the assessment"),
    q("child_views", "The child's wishes, feelings and views",
      "What is life like for this child? Use their own words where you can."),
    q("family_views", "The views of parents, carers and those with parental responsibility"),
    q("information", "Information gathered and who provided it",
      "Say which information is first hand and which came from other people or agencies."),
    q("strengths", "Strengths"),
    q("concerns", "Concerns"),
    q("analysis", "Analysis",
      "Your professional analysis of the child's needs and any risks. This is your opinion: keep it "
      "apart from the facts above.", analysis=True),
    q("recommendation", "Recommendation and next steps",
      "What should happen next, who will do it and by when, and the reasons."),
]

CASE_SUMMARY = [
    q("pen_picture", "Pen picture of the child",
      "What is life like for this child? Put the child at the centre."),
    q("reason_for_involvement", "Reason for current involvement"),
    q("relevant_history", "Overview of relevant history"),
    q("purpose_and_focus", "Purpose and focus of intervention",
      "The work of the last three months linked to the recommendations and outcomes of the plan: new "
      "strengths and concerns and how they were dealt with, the child's and family's engagement, and "
      "the outcomes of supervision."),
    q("intended_outcomes", "Intended outcomes and plan", "The focus of work for the next three months."),
    q("other_information", "Any other key information", required=False),
]

TRANSFER_SUMMARY = [
    q("reason_for_transfer", "Reason for the transfer"),
    q("summary_of_work", "Summary of involvement and the work done",
      "Linked to the recommendations and outcomes of the plan."),
    q("current_plan", "The current plan and outstanding actions",
      "Each action, who is responsible and by when."),
    q("child_views", "The child's wishes, feelings and views"),
    q("family_views", "The views of parents and carers"),
    q("analysis", "Current strengths, risks and analysis",
      "Your professional analysis for the worker taking over. This is your opinion.", analysis=True),
]

CLOSING_SUMMARY = [
    q("reason_for_closure", "Why the case is closing"),
    q("summary_of_work", "Summary of involvement and the work done"),
    q("outcomes", "Outcomes achieved against the plan",
      "Your evaluation of what changed for the child. This is your opinion.", analysis=True),
    q("child_views", "The child's views", "Including their views on the case closing."),
    q("family_views", "The views of parents and carers"),
    q("ongoing_support", "Support after closure",
      "Services and agencies still involved, and who the family can contact.", required=False),
]

REVIEW = [
    q("attendance", "Who attended, and who sent their views"),
    q("child_views", "The child's wishes, feelings and views"),
    q("family_views", "The views of parents, carers and those with parental responsibility"),
    q("progress", "Progress since the last review",
      "Your evaluation of progress against the plan's recommendations and outcomes.", analysis=True),
    q("recommendations", "Recommendations and the outcomes to be achieved"),
    q("tasks", "Key tasks, by whom and timescales"),
]

# kind: (title, purpose, policy section, questions)
DESIGNS = {
    "visit": ("Visit record", "A visit by the allocated practitioner. The date, venue, who was present, "
              "whether an interpreter was used and whether the child was seen, and seen alone, are recorded "
              "separately.", "§5.2", VISIT),
    **{kind: (title, "A contact with the child, their family, colleagues, professionals or other "
              "significant people.", "§5.3", CONTACTS[kind])
       for kind, title in [
           ("contact_phone", "Phone call"), ("contact_letter", "Letter"), ("contact_email", "Email"),
           ("contact_meeting", "Meeting"), ("contact_office_visit", "Office visit"),
           ("contact_professional", "Contact with another professional"), ("contact_other", "Other contact"),
       ]},
    "decision": ("Decision", "A decision about the child. Who made it is recorded separately.", "§4, §5.3", DECISION),
    "single_assessment": ("Single assessment", "The assessment of the child's needs.", "§5.3, §5.4", SINGLE_ASSESSMENT),
    "case_summary": ("Case summary", "Every three months: a succinct summary of the work, linked to the "
                     "recommendations and outcomes of the plan.", "§5.5", CASE_SUMMARY),
    "transfer_summary": ("Transfer summary", "When the case moves to another worker or team.", "§5.3, §15.2", TRANSFER_SUMMARY),
    "closing_summary": ("Closing summary", "When the case closes.", "§5.3", CLOSING_SUMMARY),
    "review": ("Review", "The review meeting's recommendations, outcomes, key tasks, by whom and timescales.", "§5.4", REVIEW),
}


def _system_user(apps):
    """The same account as access.audit.history.system_user(): named, inactive, no usable password."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    user = User.objects.filter(username=settings.SYSTEM_USERNAME).first()
    if user is None:
        user = User.objects.create(
            username=settings.SYSTEM_USERNAME, first_name="Casework", last_name="system",
            is_active=False, password=make_password(None),
        )
    return user


def _history_row(HistoricalModel, instance, *, when, user, reason):
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    HistoricalModel.objects.create(
        **values, history_date=when, history_type="+", history_user_id=user.pk, history_change_reason=reason,
    )


def create_first_designs(apps, schema_editor):
    FormDesign = apps.get_model("records", "FormDesign")
    FormQuestion = apps.get_model("records", "FormQuestion")
    HistoricalFormDesign = apps.get_model("records", "HistoricalFormDesign")
    HistoricalFormQuestion = apps.get_model("records", "HistoricalFormQuestion")
    system = _system_user(apps)
    now = timezone.now()
    for kind, (title, purpose, _section, questions) in DESIGNS.items():
        if FormDesign.objects.filter(kind=kind).exists():
            continue
        design = FormDesign.objects.create(
            kind=kind, version=1, status="submitted", title=title, purpose=purpose,
            created_by=system, created_at=now, submitted_by=system, submitted_at=now,
        )
        reason = "First version, taken from the headings of the recording policy: submitted for approval"
        _history_row(HistoricalFormDesign, design, when=now, user=system, reason=reason)
        for position, question in enumerate(questions, start=1):
            row = FormQuestion.objects.create(design=design, position=position, **question)
            _history_row(HistoricalFormQuestion, row, when=now, user=system, reason=reason)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(create_first_designs, migrations.RunPython.noop)]
