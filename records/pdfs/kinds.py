"""Every kind of PDF and the contents builder that decides what goes into it: the one list.

To add a kind, write its `Contents` subclass (records.pdfs.contents) and add it here.
"""

from records.pdfs.chronology import ChronologyContents
from records.pdfs.contents import Contents, RecordContents
from records.pdfs.models import PdfJob

Kind = PdfJob.Kind

CONTENTS: dict[str, type[Contents]] = {
    Kind.RECORD: RecordContents,
    Kind.SUBJECT_ACCESS: RecordContents,
    Kind.CHRONOLOGY: ChronologyContents,
}


def contents_for(job: PdfJob) -> Contents:
    if job.kind not in CONTENTS:
        raise ValueError(f"PDFs of kind {job.kind!r} are not built yet")
    return CONTENTS[job.kind](job)
