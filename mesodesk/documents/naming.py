"""The file name a document is saved under by default: what, whose, and which day."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MAX_NAME_LENGTH = 120
"""Well under every file system's limit of 255 bytes, even in Cyrillic (2 bytes a letter)."""

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"[\s_]+")


def file_name(stem: str, patient_name: str, day: date, extension: str = "pdf") -> str:
    """ "Рекомендации_Иванова_Мария_Петровна_2025-03-12.pdf": safe on Windows, macOS and Linux.

    Characters no file system accepts (slashes, colons, quotes...) become "_", spaces become
    "_", and the name is cut short before the date so the date always stays.
    """
    words = f"{stem} {patient_name}"
    words = unicodedata.normalize("NFC", words)
    words = _UNSAFE.sub(" ", words)
    words = _SPACES.sub("_", words).strip("._-")
    tail = f"_{day.isoformat()}.{extension}"
    words = words[: MAX_NAME_LENGTH - len(tail)].rstrip("._-") or "document"
    return words + tail
