"""The kinds of statutory return casework builds (issue 17): one registry, read by the pages, the service and the
worker. Adding a return is one entry here: its name in words, and a function of (year, la_number) giving the file
name and the bytes to keep. A return made of several files (the SSDA903 return's CSV files) is kept as one zip:

    "ssda903": ReturnKind("SSDA903 return for children looked after", several_files(build_ssda903, "ssda903")),
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from casework.returns.annex_a import build_annex_a
from casework.returns.cin_census import build_cin_census
from casework.returns.ssda903 import build_ssda903
from casework.returns.models import year_label

Built = tuple[str, bytes]  # (file name, content)


@dataclass(frozen=True)
class ReturnKind:
    label: str
    build: Callable[[int, str], Built]  # (year, la_number) -> (file name, content)


def one_file(builder, stem: str, extension: str) -> Callable[[int, str], Built]:
    """A builder returning one file's bytes (or text)."""
    def build(year: int, la_number: str) -> Built:
        content = builder(year=year, la_number=la_number)
        return f"{stem}-{la_number}-{year_label(year)}.{extension}", (
            content.encode() if isinstance(content, str) else content)
    return build


def several_files(builder, stem: str) -> Callable[[int, str], Built]:
    """A builder returning {file name: text}: kept as one zip, in file name order."""
    def build(year: int, la_number: str) -> Built:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in sorted(builder(year=year, la_number=la_number).items()):
                archive.writestr(name, content)
        return f"{stem}-{la_number}-{year_label(year)}.zip", buffer.getvalue()
    return build


KINDS: dict[str, ReturnKind] = {
    "cin_census": ReturnKind("Children in need census (XML)", one_file(build_cin_census, "cin-census", "xml")),
    "ssda903": ReturnKind("SSDA903 return for children looked after (CSV files)", several_files(build_ssda903, "ssda903")),
    "annex_a": ReturnKind("Ofsted's Annex A lists for an inspection (Excel workbook)", one_file(build_annex_a, "annex-a", "xlsx")),
}


def kind_choices() -> list[tuple[str, str]]:
    return [(key, kind.label) for key, kind in KINDS.items()]
