"""Looking inside an uploaded file, beyond its first bytes (issue 18, §14).

`uploads.check_upload` makes sure the name, the declared type and the first bytes agree. That is not enough:
"%PDF" followed by a web page passes it, and so does a Word document that is a zip bomb. Here each kind is
opened the way the program that reads it would open it:
- a PDF is parsed (pypdf) and walked from its trailer; one that does not parse, has no pages, or carries
  JavaScript, a launch action or embedded files is refused, so that nothing in the record runs code on the
  computer that opens it;
- a Word or OpenDocument file is opened as the zip it is, and every entry is read with a budget: too many
  entries, too much once uncompressed, or an entry that grows too much (a zip bomb) is refused, as is a
  document with macros;
- a photo is decoded and encoded again (Pillow; pillow-heif for an iPhone's HEIC, which becomes a JPEG so that
  every computer opens it), which drops what the camera hid in it: where it was taken, the device, the
  time. The person is told.
Nothing is written until the file has passed (the service stores what this returns).
"""

import io
import logging
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from records.documents import uploads

MAX_PDF_OBJECTS = 200_000  # far more than any real document; a cap on the walk, not a limit on pages
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED = 250 * 1024 * 1024
MAX_ZIP_RATIO = 100  # an entry over 1 MB that grew more than this from its compressed size is a bomb
ZIP_RATIO_FROM = 1024 * 1024
MAX_IMAGE_PIXELS = 100_000_000  # 100 megapixels: beyond any phone or scanner page
READ_CHUNK = 64 * 1024

logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every repair it makes to a damaged file


@dataclass(frozen=True)
class Inspected:
    """What to store: the upload as sent (content None), or the photo encoded again."""

    content_type: str
    extension: str
    content: bytes | None = None
    note: str = ""  # what was changed, to tell the person who uploaded it


def inspect_content(upload, checked: uploads.CheckedFile) -> Inspected:
    """Open the file as its kind is read; raise ValidationError with a message saying what is wrong."""
    kind = uploads.ALLOWED[checked.extension]
    upload.seek(0)
    try:
        if kind is uploads.PDF:
            _check_pdf(upload)
        elif kind in (uploads.WORD, uploads.ODT):
            _check_office(upload, kind)
        elif kind in (uploads.JPEG, uploads.PNG, uploads.HEIC):
            return _encode_again(upload, kind)
    finally:
        upload.seek(0)
    return Inspected(content_type=checked.content_type, extension=checked.extension)


# --- PDF -----------------------------------------------------------------------------------------

# What a PDF viewer would act on: (the key or the action type, what to tell the person).
PDF_DANGERS = {
    "/JS": "JavaScript", "/JavaScript": "JavaScript", "/Launch": "an action that starts a program",
    "/EmbeddedFile": "files hidden inside it", "/EmbeddedFiles": "files hidden inside it",
    "/FileAttachment": "files hidden inside it",
}


def _check_pdf(upload) -> None:
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError("The PDF is protected with a password. Upload a copy without the password",
                                  code="pdf_encrypted")
        pages = len(reader.pages)
        found = _pdf_dangers(reader)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
        pages, found = 0, set()
    if not pages:
        raise ValidationError("The file is not a PDF that can be opened, although its name ends in .pdf. "
                              "Check you selected the right file", code="pdf_unreadable")
    if found:
        raise ValidationError(
            f"The PDF contains {' and '.join(sorted(found))}, which could harm the computer that opens it. "
            "Print it to a new PDF (or scan it) and upload that instead", code="pdf_active_content")


def _pdf_dangers(reader) -> set[str]:
    """Walk every object reachable from the trailer (compressed object streams included), once each."""
    found, seen, stack, visited = set(), set(), [reader.trailer], 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise ValidationError("The PDF is too complex to check. Print it to a new PDF and upload that",
                                  code="pdf_too_complex")
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in PDF_DANGERS:
                    found.add(PDF_DANGERS[key])
                if key in ("/S", "/Type", "/Subtype") and str(value) in PDF_DANGERS:
                    found.add(PDF_DANGERS[str(value)])
                if key != "/Parent":  # the page tree's way back up: already on the path down
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found


# --- Word and OpenDocument ----------------------------------------------------------------------------

def _check_office(upload, kind) -> None:
    label = kind.label
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(f"The file is damaged: it cannot be opened as a {label}. Save it again and upload "
                              "the new copy", code="zip_unreadable") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise ValidationError(f"The {label} holds more than {MAX_ZIP_ENTRIES:,} parts, more than any real "
                                  "document. It cannot be uploaded", code="zip_entries")
        names = {entry.filename for entry in entries}
        _check_office_parts(archive, names, kind)
        total = 0
        for entry in entries:
            total = _read_entry(archive, entry, total, label)


def _check_office_parts(archive, names: set[str], kind) -> None:
    if kind is uploads.WORD:
        shaped_right = {"[Content_Types].xml", "word/document.xml"} <= names
        macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    else:
        shaped_right = "mimetype" in names and archive.read("mimetype").strip() == kind.content_types[0].encode()
        macros = any(name.startswith(("Basic/", "Scripts/")) for name in names)
    if not shaped_right:
        raise ValidationError(f"The file is not a {kind.label}, although its name says so. Check you selected "
                              "the right file", code="zip_not_document")
    if macros:
        raise ValidationError(f"The {kind.label} contains macros, which could run on the computer that opens it. "
                              "Save it without macros and upload that", code="zip_macros")


def _read_entry(archive, entry, total: int, label: str) -> int:
    """Decompress one entry, counting what it really gives (a zip's declared sizes can lie)."""
    size = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(READ_CHUNK):
                size += len(chunk)
                if total + size > MAX_ZIP_UNCOMPRESSED or (
                        size > ZIP_RATIO_FROM and size > MAX_ZIP_RATIO * max(entry.compress_size, 1)):
                    raise ValidationError(
                        f"The {label} expands to far more than its size when opened (a 'zip bomb'). "
                        "It cannot be uploaded", code="zip_bomb")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ValidationError(f"The file is damaged: part of the {label} cannot be read. Save it again and "
                              "upload the new copy", code="zip_unreadable") from None
    return total + size


# --- Photos and scans ------------------------------------------------------------------------------

def _encode_again(upload, kind) -> Inspected:
    if kind is uploads.HEIC:
        import pillow_heif

        pillow_heif.register_heif_opener()
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError("The image is too large to check (more than 100 megapixels). "
                                      "Upload a smaller copy", code="image_too_large")
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the photo the right way up once the tag is gone
            content, content_type, extension = _save_clean(upright, kind)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(f"The file is not a {kind.label} that can be opened, although its name says so. "
                              "Check you selected the right file", code="image_unreadable") from None
    note = "Hidden details in the image, such as where and when it was taken, were removed."
    if kind is uploads.HEIC:
        note = ("The photo was changed from HEIC to JPEG so that every computer can open it. "
                "Hidden details, such as where and when it was taken, were removed.")
    return Inspected(content_type=content_type, extension=extension, content=content, note=note)


def _save_clean(image, kind) -> tuple[bytes, str, str]:
    """Encode the pixels alone: no EXIF, GPS, XMP or comments are carried over."""
    out = io.BytesIO()
    if kind is uploads.PNG:
        image.save(out, format="PNG", optimize=False)
        return out.getvalue(), "image/png", ".png"
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(out, format="JPEG", quality=92)
    return out.getvalue(), "image/jpeg", ".jpg"
