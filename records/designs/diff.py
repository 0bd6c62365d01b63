"""What a design submitted for approval changes against the version in use (§2), in a senior leader's words.

Plain functions over questions (anything with key, position, label, help_text, required, answer_type,
options and answer_kind), so the comparison is tested without a database. Questions are matched by
their key, which stays the same across versions; a question is "moved" when its place among the
questions both versions share changed (the fewest moves that explain the new order, so inserting
one question does not mark every question after it as moved).
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from records.designs.models import AnswerKind, FormQuestion

NEW, REMOVED, CHANGED, MOVED, SAME = "new", "removed", "changed", "moved", "same"
NO_HELP = "No help text"


@dataclass(frozen=True)
class Piece:
    """A run of words, marked when it is what changed."""

    text: str
    changed: bool = False


@dataclass
class Change:
    """One thing about a question that changed: what it is called, and the before and after."""

    what: str
    before: list[Piece]
    after: list[Piece]


@dataclass
class QuestionDifference:
    question: object  # the question as it is in the submitted design (as it was, for a removed one)
    status: str  # NEW, REMOVED, CHANGED, MOVED or SAME
    number: int  # its place in the submitted design (in the version in use, for a removed one)
    changes: list[Change] = field(default_factory=list)
    moved: bool = False
    was_number: int | None = None  # its place in the version in use, when it moved

    @property
    def label(self) -> str:
        return self.question.label


@dataclass
class DesignDifference:
    first_design: bool  # nothing of this kind is in use: everything is new
    questions: list[QuestionDifference]  # in the submitted design's order
    removed: list[QuestionDifference]  # in the order they had in the version in use
    design_changes: list[Change]  # the title and the purpose

    def _count(self, status) -> int:
        return sum(1 for q in self.questions if q.status == status)

    @property
    def added_count(self) -> int:
        return self._count(NEW)

    @property
    def changed_count(self) -> int:
        return sum(1 for q in self.questions if q.changes)

    @property
    def moved_count(self) -> int:
        return sum(1 for q in self.questions if q.moved)

    @property
    def removed_count(self) -> int:
        return len(self.removed)

    @property
    def unchanged(self) -> list[QuestionDifference]:
        return [q for q in self.questions if q.status == SAME]

    @property
    def has_changes(self) -> bool:
        return bool(self.design_changes or self.removed or any(q.status != SAME for q in self.questions))

    def summary(self) -> str:
        """One line for the list of designs: "2 questions added, 1 changed"."""
        if self.first_design:
            count = len(self.questions)
            return f"The first design of this kind: {count} question{'s' if count != 1 else ''}, all new"
        parts = []
        for count, word in ((self.added_count, "added"), (self.removed_count, "removed"),
                            (self.changed_count, "changed"), (self.moved_count, "moved")):
            if count:
                parts.append(f"{count} {word}" if parts else f"{count} question{'s' if count != 1 else ''} {word}")
        if self.design_changes:
            parts.append("title or purpose changed")
        return ", ".join(parts) if parts else "No changes to the questions"


def highlight(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """The words of `before` and `after`, with the words that differ marked in each."""
    old, new = before.split(), after.split()
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    if shared < min(len(old), len(new)) / 2:  # rewritten, not edited: a stray "the" in common is not worth marking
        return [Piece(" ".join(old), True)] if old else [], [Piece(" ".join(new), True)] if new else []
    old_pieces, new_pieces = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            old_pieces.append(Piece(" ".join(old[i1:i2]), changed))
        if j2 > j1:
            new_pieces.append(Piece(" ".join(new[j1:j2]), changed))
    return old_pieces, new_pieces


def _plain(text: str) -> list[Piece]:
    return [Piece(text, True)]


def _yes_no(required: bool) -> str:
    return "Must be answered" if required else "Optional"


def _answer_type(question) -> str:
    return FormQuestion.AnswerType(question.answer_type).label


def _answer_kind(question) -> str:
    return AnswerKind(question.answer_kind).label


def _options(question) -> str:
    return "; ".join(question.options or []) or "None"


def _text_change(what: str, before: str, after: str, empty: str) -> Change | None:
    before, after = (before or "").strip(), (after or "").strip()
    if before == after:
        return None
    if before and after:
        return Change(what, *highlight(before, after))
    return Change(what, _plain(before or empty), _plain(after or empty))


def _changes(old, new) -> list[Change]:
    changes = []
    if old.label != new.label:
        changes.append(Change("Wording", *highlight(old.label, new.label)))
    help_text = _text_change("Help text", old.help_text, new.help_text, NO_HELP)
    if help_text:
        changes.append(help_text)
    for what, read in (("Kind of answer", _answer_kind), ("Type of answer", _answer_type),
                       ("Must it be answered", lambda q: _yes_no(q.required)), ("Options", _options)):
        if read(old) != read(new):
            changes.append(Change(what, _plain(read(old)), _plain(read(new))))
    return changes


def _kept_in_place(old_order: list[str], new_order: list[str]) -> set[str]:
    """The longest run of shared questions whose order is unchanged; the others moved."""
    matcher = SequenceMatcher(a=old_order, b=new_order, autojunk=False)
    return {key for block in matcher.get_matching_blocks() for key in old_order[block.a:block.a + block.size]}


def compare_questions(in_use, submitted) -> tuple[list[QuestionDifference], list[QuestionDifference]]:
    """(the submitted design's questions, each with what changed; the questions it removes)."""
    old = sorted(in_use, key=lambda q: q.position)
    new = sorted(submitted, key=lambda q: q.position)
    old_by_key = {q.key: q for q in old}
    new_keys = {q.key for q in new}
    old_number = {q.key: number for number, q in enumerate(old, start=1)}
    shared_old = [q.key for q in old if q.key in new_keys]
    shared_new = [q.key for q in new if q.key in old_by_key]
    in_place = _kept_in_place(shared_old, shared_new)

    questions = []
    for number, question in enumerate(new, start=1):
        before = old_by_key.get(question.key)
        if before is None:
            questions.append(QuestionDifference(question, NEW, number))
            continue
        changes = _changes(before, question)
        moved = question.key not in in_place
        status = CHANGED if changes else MOVED if moved else SAME
        questions.append(QuestionDifference(question, status, number, changes, moved,
                                            old_number[question.key] if moved else None))
    removed = [QuestionDifference(q, REMOVED, old_number[q.key]) for q in old if q.key not in new_keys]
    return questions, removed


def compare_designs(in_use, submitted, *, in_use_questions=None, submitted_questions=None) -> DesignDifference:
    """The difference `submitted` makes to `in_use` (None: the first design of its kind, so all is new).

    The questions may be passed in when they were read already (a list page reads them all at once)."""
    new_questions = list(submitted.questions.all() if submitted_questions is None else submitted_questions)
    if in_use is None:
        return DesignDifference(
            first_design=True, removed=[], design_changes=[],
            questions=[QuestionDifference(q, NEW, n) for n, q in enumerate(sorted(new_questions, key=lambda q: q.position), start=1)],
        )
    old_questions = list(in_use.questions.all() if in_use_questions is None else in_use_questions)
    questions, removed = compare_questions(old_questions, new_questions)
    design_changes = [change for change in (
        _text_change("Title", in_use.title, submitted.title, "No title"),
        _text_change("Purpose", in_use.purpose, submitted.purpose, "No purpose given"),
    ) if change]
    return DesignDifference(first_design=False, questions=questions, removed=removed, design_changes=design_changes)
