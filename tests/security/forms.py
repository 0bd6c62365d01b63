"""The HTML forms a page renders, read with Python's html.parser, and filled the way a person would.

`Form.fields` keeps each control (input, textarea, select) with what the page offers; `Filler`
fills free-text controls with the value under test (an injection payload, an over-long string) and
everything else with the page's defaults or valid choices, then, when the page comes back with a
GOV.UK error summary, changes only the controls it names (another choice, a plain value) and
tries again. So the suite covers forms added later without knowing their fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urljoin, urlparse

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

VOID_TEXT_TYPES = {"text", "search", "email", "tel", "url", ""}


@dataclass
class Control:
    name: str
    tag: str  # input, textarea, select
    type: str = "text"
    id: str = ""
    value: str = ""
    checked: bool = False
    inputmode: str = ""
    classes: str = ""
    options: list[str] = field(default_factory=list)  # select options, radio values
    selected: str | None = None
    maxlength: int | None = None

    @property
    def is_date_part(self) -> bool:
        return "govuk-date-input__input" in self.classes or bool(re.search(r"_[012]$", self.name) and self.inputmode == "numeric")

    @property
    def is_free_text(self) -> bool:
        """A control where a person types words: a textarea or a text box that is not a date, time or number."""
        if self.tag == "textarea":
            return True
        return (self.tag == "input" and self.type in VOID_TEXT_TYPES and self.type != "email"
                and self.inputmode != "numeric" and not self.is_date_part)


@dataclass
class Form:
    action: str
    controls: dict[str, Control]
    submit: tuple[str, str] | None
    enctype: str = ""

    def free_text(self) -> list[str]:
        return [name for name, c in self.controls.items() if c.is_free_text]


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.textarea: Control | None = None
        self.select: Control | None = None
        self.option_value: str | None = None
        self.option_text = ""
        self.error_links: list[str] = []
        self._in_error_list = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "ul" and "govuk-error-summary__list" in a.get("class", ""):
            self._in_error_list = True
        if tag == "a" and self._in_error_list and a.get("href", "").startswith("#"):
            self.error_links.append(a["href"][1:])
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urljoin(self.page_url, a.get("action") or self.page_url)
                self.current = Form(action=action, controls={}, submit=None, enctype=a.get("enctype", ""))
            return
        form = self.current
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                if form.submit is None:
                    form.submit = (name, a.get("value", "")) if name else ("", "")
                return
            if not name or kind in ("reset",):
                return
            if kind in ("radio", "checkbox"):
                control = form.controls.setdefault(name, Control(name=name, tag="input", type=kind, id=a.get("id", "")))
                control.options.append(a.get("value", "on"))
                if "checked" in a:
                    control.checked = True
                    control.selected = a.get("value", "on")
                return
            form.controls[name] = Control(
                name=name, tag="input", type=kind, id=a.get("id", ""), value=a.get("value", ""),
                inputmode=a.get("inputmode", ""), classes=a.get("class", ""),
                maxlength=int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None)
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit" and form.submit is None:
                form.submit = (name, a.get("value", "")) if name else ("", "")
        elif tag == "textarea" and name:
            self.textarea = form.controls[name] = Control(name=name, tag="textarea", id=a.get("id", ""),
                                                          classes=a.get("class", ""))
        elif tag == "select" and name:
            self.select = form.controls[name] = Control(name=name, tag="select", type="select", id=a.get("id", ""))
        elif tag == "option" and self.select is not None:
            self.option_value = a.get("value")
            self.option_text = ""
            if "selected" in a:
                self.select.selected = a.get("value", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        if self.option_value is not None or (self.select is not None and self.option_text is not None):
            self.option_text += data

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_error_list = False
        if tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None
        elif tag == "textarea":
            if self.textarea is not None and self.textarea.value.startswith("\n"):
                self.textarea.value = self.textarea.value[1:]
            self.textarea = None
        elif tag == "option" and self.select is not None:
            value = self.option_value if self.option_value is not None else self.option_text.strip()
            self.select.options.append(value)
            self.option_value = None
        elif tag == "select":
            self.select = None


def parse(html: str, page_url: str) -> tuple[list[Form], list[str]]:
    """The POST forms of a page and the ids its error summary links to."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms, parser.error_links


def links(html: str, page_url: str) -> list[str]:
    """Same-site addresses linked from a page (href of a and link elements), without fragments."""
    found = []
    for href in re.findall(r'<a\b[^>]*\bhref="([^"#]+)', html):
        url = urljoin(page_url, href.replace("&amp;", "&"))
        parsed = urlparse(url)
        if parsed.netloc in ("", "testserver") and parsed.path.startswith("/"):
            found.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return found


def has_errors(html: str) -> bool:
    return "govuk-error-summary__list" in html or "govuk-error-message" in html


def _date_parts(day) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


# Values tried in turn for a control the page says is wrong (after the value under test).
PLAIN_TEXT = ["Plain words for the record", "", "Mother", "10", "9434765919", "MK40 1SJ"]
NUMERIC = ["10:00", "1", "9434765919", "", "0"]
EMAIL = ["someone@example.org", ""]


def _date_candidates():
    today = timezone.localdate()
    return [today - timedelta(days=1), today + timedelta(days=30), today - timedelta(days=40), today]


class Filler:
    """Fills a form: `under_test(name)` gives the value for each free-text control, then adapts."""

    def __init__(self, form: Form, under_test):
        self.form = form
        self.under_test = under_test
        self.data: dict[str, str | list[str]] = {}
        self.tries: dict[str, int] = {}
        self.tested: set[str] = set()  # free-text controls still holding the value under test
        for name, control in form.controls.items():
            self.data_for(control, 0)
        if form.submit and form.submit[0]:
            self.data[form.submit[0]] = form.submit[1]

    def _candidates(self, control: Control) -> list:
        if control.is_free_text:
            return [self.under_test(control.name)] + PLAIN_TEXT
        if control.type == "email":
            return EMAIL
        if control.is_date_part:
            return _date_candidates()
        if control.type in ("radio", "select"):
            start = [control.selected] if control.selected else []
            return start + [o for o in control.options if o and o not in start] + ([""] if "" in control.options else [])
        if control.type == "checkbox":
            return ["checked", "unchecked"] if control.checked else ["unchecked", "checked"]
        if control.type == "file":
            return [FILE, None]
        if control.type in ("hidden", "password"):
            return [control.value]
        if control.type == "number" or control.inputmode == "numeric":
            return ([control.value] if control.value else []) + NUMERIC
        return [control.value] if control.value else ["1"]

    def data_for(self, control: Control, attempt: int) -> bool:
        """Set the control's value to its `attempt`-th candidate; False when none is left."""
        candidates = self._candidates(control)
        if control.tag == "input" and control.type not in ("radio", "checkbox", "select") and attempt == 0 \
                and control.value and not control.is_free_text and not control.is_date_part:
            candidates = [control.value] + candidates
        if attempt >= len(candidates):
            return False
        value = candidates[attempt]
        self.tries[control.name] = attempt
        if control.is_date_part:
            part = int(control.name[-1]) if control.name[-1] in "012" else 0
            self.data[control.name] = _date_parts(value)[part]
        elif control.type == "checkbox":
            if value == "checked":
                self.data[control.name] = control.options if len(control.options) > 1 else control.options[0]
            else:
                self.data.pop(control.name, None)
        elif value is None:
            self.data.pop(control.name, None)
        else:
            self.data[control.name] = value
        if control.is_free_text:
            if attempt == 0:
                self.tested.add(control.name)
            else:
                self.tested.discard(control.name)
        return True

    def adapt(self, error_ids: list[str]) -> bool:
        """Change the controls the error summary names; False when there is nothing left to try."""
        changed = False
        for name in self._named(error_ids):
            control = self.form.controls[name]
            changed |= self.data_for(control, self.tries.get(name, 0) + 1)
        return changed

    def _named(self, error_ids: list[str]) -> list[str]:
        names = []
        for target in error_ids:
            bare = target[3:] if target.startswith("id_") else target
            bare = re.sub(r"_\d+$", "", bare)
            for name, control in self.form.controls.items():
                hit = control.id == target or name == bare or name.startswith(bare + "_") \
                    or (control.id and re.sub(r"_\d+$", "", control.id) == target)
                if hit and name not in names:
                    names.append(name)
        return names


FILE = object()  # a file control: a small real PDF is attached each time the form is sent


def small_pdf(name: str = "letter.pdf") -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def _with_files(data: dict) -> dict:
    return {k: (small_pdf() if v is FILE else v) for k, v in data.items()}


def submit(client, form: Form, filler: Filler, *, max_rounds: int = 8, check=None):
    """Post the form, adapting to its errors; the last response and whether it was accepted.

    `check(response, filler)` sees every response, the refusals included."""
    response = None
    for _ in range(max_rounds):
        response = client.post(form.action, _with_files(filler.data))
        if check is not None:
            check(response, filler)
        if response.status_code != 200 or not has_errors(response.content.decode(errors="replace")):
            return response, response.status_code in (200, 302)
        _, error_ids = parse(response.content.decode(errors="replace"), form.action)
        if not filler.adapt(error_ids):
            return response, False
    return response, False
