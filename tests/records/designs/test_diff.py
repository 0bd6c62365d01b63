"""§2: what a submitted design changes against the version in use, computed without a database."""

from records.designs.diff import CHANGED, MOVED, NEW, REMOVED, SAME, Piece, compare_designs, compare_questions, highlight
from records.models import FormDesign, FormQuestion


def q(key, label, position, **fields) -> FormQuestion:
    return FormQuestion(key=key, label=label, position=position, **fields)


IN_USE = [
    q("purpose", "Purpose of the visit", 1, help_text="Why you went"),
    q("child_views", "What the child said", 2, answer_kind="fact"),
    q("analysis", "Your analysis", 3, answer_kind="assessment"),
    q("next_steps", "Next steps", 4),
]


def by_key(questions):
    return {item.question.key: item for item in questions}


def test_an_unchanged_design_has_no_differences():
    questions, removed = compare_questions(IN_USE, [q(x.key, x.label, x.position, help_text=x.help_text,
                                                      answer_kind=x.answer_kind) for x in IN_USE])
    assert [item.status for item in questions] == [SAME] * 4 and removed == []


def test_a_question_added_is_new():
    submitted = [*IN_USE[:2], q("school", "How is school going?", 3), *[q(x.key, x.label, x.position + 1,
                 answer_kind=x.answer_kind) for x in IN_USE[2:]]]
    questions, removed = compare_questions(IN_USE, submitted)
    assert by_key(questions)["school"].status == NEW and by_key(questions)["school"].number == 3
    # Putting one in does not move the questions after it.
    assert [item.question.key for item in questions if item.moved] == []
    assert removed == []


def test_a_question_taken_out_is_removed_at_its_old_place():
    questions, removed = compare_questions(IN_USE, [IN_USE[0], IN_USE[1], q("next_steps", "Next steps", 3)])
    assert [(item.question.key, item.status, item.number) for item in removed] == [("analysis", REMOVED, 3)]
    assert all(item.status == SAME for item in questions)


def test_changed_wording_highlights_the_words_that_differ():
    questions, _ = compare_questions(IN_USE, [q("purpose", "Purpose of the home visit", 1, help_text="Why you went"),
                                              *IN_USE[1:]])
    item = by_key(questions)["purpose"]
    assert item.status == CHANGED
    [change] = item.changes
    assert change.what == "Wording"
    assert change.before == [Piece("Purpose of the"), Piece("visit")]
    assert change.after == [Piece("Purpose of the"), Piece("home", changed=True), Piece("visit")]


def test_changed_help_text_including_help_added_where_there_was_none():
    submitted = [q("purpose", "Purpose of the visit", 1, help_text="Why you went, and how it fits the plan"),
                 q("child_views", "What the child said", 2, help_text="In their words"), *IN_USE[2:]]
    questions, _ = compare_questions(IN_USE, submitted)
    purpose, views = by_key(questions)["purpose"].changes, by_key(questions)["child_views"].changes
    assert [c.what for c in purpose] == ["Help text"]
    assert purpose[0].after[-1] == Piece("went, and how it fits the plan", changed=True)
    assert [c.what for c in views] == ["Help text"]
    assert views[0].before == [Piece("No help text", True)] and views[0].after == [Piece("In their words", True)]


def test_a_changed_kind_of_answer_and_type_of_answer_are_said_in_words():
    submitted = [IN_USE[0], q("child_views", "What the child said", 2, answer_kind="opinion"),
                 q("analysis", "Your analysis", 3, answer_kind="assessment", answer_type="choice",
                   options=["Safe", "Not safe"]), IN_USE[3]]
    questions, _ = compare_questions(IN_USE, submitted)
    [kind] = by_key(questions)["child_views"].changes
    assert (kind.what, kind.before, kind.after) == ("Kind of answer", [Piece("Fact", True)], [Piece("Opinion", True)])
    changes = {c.what: (c.before[0].text, c.after[0].text) for c in by_key(questions)["analysis"].changes}
    assert changes == {"Type of answer": ("Long text", "Choice from a list"), "Options": ("None", "Safe; Not safe")}


def test_a_question_made_optional_is_a_change():
    questions, _ = compare_questions(IN_USE, [*IN_USE[:3], q("next_steps", "Next steps", 4, required=False)])
    [change] = by_key(questions)["next_steps"].changes
    assert (change.what, change.before[0].text, change.after[0].text) == ("Must it be answered", "Must be answered", "Optional")


def test_swapping_two_questions_moves_one_of_them():
    submitted = [IN_USE[0], q("analysis", "Your analysis", 2, answer_kind="assessment"),
                 q("child_views", "What the child said", 3), IN_USE[3]]
    questions, _ = compare_questions(IN_USE, submitted)
    moved = [item for item in questions if item.moved]
    assert len(moved) == 1 and moved[0].status == MOVED
    assert (moved[0].was_number, moved[0].number) in {(3, 2), (2, 3)}


def test_moving_the_last_question_first_moves_only_that_one():
    submitted = [q("next_steps", "Next steps", 1), *[q(x.key, x.label, x.position + 1, help_text=x.help_text,
                                                      answer_kind=x.answer_kind) for x in IN_USE[:3]]]
    questions, _ = compare_questions(IN_USE, submitted)
    assert [(item.question.key, item.was_number, item.number) for item in questions if item.moved] == [("next_steps", 4, 1)]


def test_the_first_design_of_a_kind_shows_every_question_as_new():
    submitted = FormDesign(kind="visit", title="Visit record")
    difference = compare_designs(None, submitted, submitted_questions=IN_USE)
    assert difference.first_design
    assert [(item.number, item.status) for item in difference.questions] == [(n, NEW) for n in range(1, 5)]
    assert difference.summary() == "The first design of this kind: 4 questions, all new"


def test_the_summary_counts_each_kind_of_difference():
    submitted = [q("purpose", "Why you visited", 1, help_text="Why you went"),
                 q("next_steps", "Next steps", 2), q("child_views", "What the child said", 3),
                 q("school", "School", 4)]
    difference = compare_designs(FormDesign(title="Visit record"), FormDesign(title="Visit record"),
                                 in_use_questions=IN_USE, submitted_questions=submitted)
    assert difference.summary() == "1 question added, 1 removed, 1 changed, 1 moved"
    assert difference.has_changes


def test_a_changed_title_and_purpose_are_design_changes():
    difference = compare_designs(FormDesign(title="Visit record", purpose=""),
                                 FormDesign(title="Home visit record", purpose="For statutory visits"),
                                 in_use_questions=IN_USE, submitted_questions=IN_USE)
    changes = {c.what: c for c in difference.design_changes}
    assert changes["Title"].after == [Piece("Home visit", True), Piece("record")]
    assert changes["Purpose"].before == [Piece("No purpose given", True)]
    assert difference.summary() == "title or purpose changed"


def test_no_changes_at_all():
    difference = compare_designs(FormDesign(title="Visit record"), FormDesign(title="Visit record"),
                                 in_use_questions=IN_USE, submitted_questions=IN_USE)
    assert not difference.has_changes and difference.summary() == "No changes to the questions"


def test_highlight_marks_words_on_both_sides():
    before, after = highlight("Who was seen at the visit", "Who was seen alone at the meeting")
    assert [p for p in before if p.changed] == [Piece("visit", True)]
    assert [p for p in after if p.changed] == [Piece("alone", True), Piece("meeting", True)]


def test_a_rewritten_text_is_marked_whole_not_word_by_word():
    before, after = highlight("What you told the family", "Use the child's own words")
    assert before == [Piece("What you told the family", True)] and after == [Piece("Use the child's own words", True)]
