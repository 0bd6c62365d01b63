"""Checking an uploaded file before anything is stored (§14): size, extension and content must agree.

A file is accepted only when its extension is on the allow-list AND its content (magic bytes, read
with the `filetype` package) is of a type that extension stands for AND the browser's declared
content type, if it names one, agrees. Text formats (.txt, .eml) have no magic bytes: they must be
UTF-8 text with no NUL bytes that `filetype` does not recognise as something else, and an email
must start with mail headers. Anything else is refused with a message that says what was wrong.
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

SNIFF_BYTES = 8192  # enough for every matcher `filetype` has (it reads at most 8 KB)
TEXT_SNIFF_BYTES = 64 * 1024
GENERIC_DECLARED = {"", "application/octet-stream", "binary/octet-stream", "application/x-download"}


@dataclass(frozen=True)
class Kind:
    label: str
    content_types: tuple[str, ...]  # what `filetype` may find in the content (first: what we serve it as)
    declared: tuple[str, ...] = ()  # other names browsers give the same type
    text: str = ""  # "plain" or "email" for formats without magic bytes


PDF = Kind("PDF", ("application/pdf",))
WORD = Kind("Word document", ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",))
WORD_97 = Kind("Word 97-2003 document", ("application/msword",))
ODT = Kind("OpenDocument text", ("application/vnd.oasis.opendocument.text",))
RTF = Kind("Rich Text Format document", ("application/rtf",), ("text/rtf",))
JPEG = Kind("JPEG image", ("image/jpeg",), ("image/jpg", "image/pjpeg"))
PNG = Kind("PNG image", ("image/png",))
HEIC = Kind("HEIC photo", ("image/heic",), ("image/heif",))
MP3 = Kind("MP3 audio", ("audio/mpeg",), ("audio/mp3",))
M4A = Kind("M4A audio", ("audio/mp4",), ("audio/x-m4a", "audio/m4a"))
WAV = Kind("WAV audio", ("audio/x-wav",), ("audio/wav", "audio/wave", "audio/vnd.wave"))
MP4 = Kind("MP4 video", ("video/mp4",))
MOV = Kind("QuickTime video", ("video/quicktime",))
EMAIL = Kind("email (.eml)", ("message/rfc822",), (), text="email")
TEXT = Kind("plain text", ("text/plain",), (), text="plain")

# The allow-list: extension -> what its content must be.
ALLOWED = {
    ".pdf": PDF, ".docx": WORD, ".doc": WORD_97, ".odt": ODT, ".rtf": RTF,
    ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".heic": HEIC,
    ".mp3": MP3, ".m4a": M4A, ".wav": WAV, ".mp4": MP4, ".mov": MOV,
    ".eml": EMAIL, ".txt": TEXT,
}
ALLOWED_LIST = ", ".join(sorted(ALLOWED))

_MAIL_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]")


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str  # what we serve it as: found from the content, never from the browser


def max_bytes() -> int:
    return settings.DOCUMENT_MAX_BYTES


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{size / 1024:.0f} KB"


def _head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def check_upload(upload) -> CheckedFile:
    """Refuse (ValidationError) an empty, oversized or disallowed file, or one whose content or declared
    type does not match its extension. Reads no more than the first 64 KB."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name.lower()).suffix
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > max_bytes():
        raise ValidationError(f"The selected file must be smaller than {human_size(max_bytes())}", code="too_big")
    kind = ALLOWED.get(extension)
    if kind is None:
        shown = f"{extension} files" if extension else "Files without an extension"
        raise ValidationError(f"{shown} cannot be uploaded. The file must be one of: {ALLOWED_LIST}", code="type")
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if declared not in GENERIC_DECLARED and declared not in kind.content_types + kind.declared:
        raise ValidationError(
            f"The file is named as a {kind.label} ({extension}) but was sent as {declared[:60]}. "
            "Upload the original file", code="declared_type")
    if kind.text:
        head = _head(upload, TEXT_SNIFF_BYTES)
        looks_right = _is_text(head) and filetype.guess(head[:SNIFF_BYTES]) is None
        if looks_right and kind.text == "email":
            looks_right = bool(_MAIL_HEADER.match(head.lstrip(b"\xef\xbb\xbf")))
    else:
        found = filetype.guess(_head(upload, SNIFF_BYTES))
        looks_right = found is not None and found.mime in kind.content_types
    if not looks_right:
        raise ValidationError(
            f"The file's content is not a {kind.label}, although its name ends in {extension}. "
            "Check you selected the right file", code="content")
    return CheckedFile(extension=extension, content_type=kind.content_types[0])
