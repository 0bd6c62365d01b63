"""Reading GOV.UK components out of a rendered page, with the standard library's HTML parser.

Tests assert on what the user sees (tamato's habit): the messages in the error summary, the
inline error messages beside the fields, the text of a component.
"""

from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # _Element or str, in document order

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, _Element):
                yield child
                yield from child.iter()


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("document", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(_Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html) -> _Element:
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _content(response_or_html):
    return getattr(response_or_html, "content", response_or_html)


def by_class(response_or_html, css_class: str) -> list[_Element]:
    return [el for el in parse(_content(response_or_html)).iter() if css_class in el.classes]


def texts(response_or_html, css_class: str) -> list[str]:
    """The text of every element with `css_class`, whitespace collapsed."""
    return [el.text() for el in by_class(response_or_html, css_class)]


def error_summary(response_or_html) -> list[str]:
    """The messages listed in the GOV.UK error summary (empty if there is no summary)."""
    messages = []
    for summary in by_class(response_or_html, "govuk-error-summary"):
        for item in summary.iter():
            if item.tag == "li":
                messages.append(item.text())
    return messages


def inline_errors(response_or_html) -> list[str]:
    """The inline GOV.UK error messages beside fields, without the visually hidden 'Error:'."""
    return [text.removeprefix("Error:").strip() for text in texts(response_or_html, "govuk-error-message")]


def assert_form_error(response, message: str) -> None:
    """`message` appears both in the error summary and inline beside its field."""
    summary = error_summary(response)
    assert message in summary, f"{message!r} not in the error summary {summary!r}"
    inline = inline_errors(response)
    assert message in inline, f"{message!r} not among the inline errors {inline!r}"
