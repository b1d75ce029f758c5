"""Photo files in the data folder: cleaned on import, named by their content, owner-only.

Importing re-encodes the picture from its pixels alone, with the camera's orientation applied,
so no EXIF block (GPS position, camera serial number, owner name) survives into the stored
file. The file is named by the SHA-256 of the cleaned bytes: the same photo dropped twice is
stored once, and a name never tells whose photo it is. Thumbnails are cached beside them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from mesodesk.domain.photos import MAX_FILE_BYTES, MAX_PIXELS, is_content_name
from mesodesk.paths import write_private_file
from mesodesk.services.errors import ServiceError

if TYPE_CHECKING:
    from PIL import Image
THUMBNAIL_SIZE = 256
JPEG_QUALITY = 92
_READABLE = {"JPEG": "jpg", "MPO": "jpg", "HEIF": "jpg", "PNG": "png"}
_DATE_TAKEN = 0x9003
_EXIF_IFD = 0x8769


class _Pillow(NamedTuple):
    image: ModuleType
    heic_readable: bool


@cache
def _pillow() -> _Pillow:
    """Pillow and its HEIC opener, imported at the first photo read: together about 15 MB
    that a window that shows no photo never needs."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:  # HEIC from phones, where the wheel for this platform installs
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover - depends on the platform
        return _Pillow(Image, heic_readable=False)
    register_heif_opener()
    return _Pillow(Image, heic_readable=True)


class PhotoRefused(ServiceError):
    """A file that is not a readable photo; nothing of the import was saved."""


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    """A photo ready to store: re-encoded bytes without EXIF, and what was read from it."""

    content: bytes
    suffix: str
    width: int
    height: int
    taken_at: datetime | None

    @property
    def file_name(self) -> str:
        return f"{hashlib.sha256(self.content).hexdigest()}.{self.suffix}"


def clean_photo(path: Path) -> CleanPhoto:
    """The photo at `path` without location and camera data, upright; refused in words when
    it is not a JPEG, PNG or HEIC picture or is damaged (truncated, corrupt)."""
    shown = Path(path).name
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise PhotoRefused(
                f"{shown} is larger than any photo MesoDesk takes; nothing was saved."
            )
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PhotoRefused(f"{shown} cannot be read ({exc.strerror}); nothing was saved.") from exc
    from PIL import ImageOps

    pil = _pillow().image
    try:
        with pil.open(BytesIO(raw)) as image:
            suffix = _READABLE.get(image.format or "")
            if suffix is None:
                raise PhotoRefused(_unreadable(shown))
            taken_at = _date_taken(image.getexif())
            image.load()
            upright = ImageOps.exif_transpose(image)
            icc = image.info.get("icc_profile")
            return _encoded(upright, suffix, icc, taken_at)
    except PhotoRefused:
        raise
    except (pil.UnidentifiedImageError, pil.DecompressionBombError) as exc:
        raise PhotoRefused(_unreadable(shown)) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise PhotoRefused(
            f"{shown} is damaged (it may be cut short or corrupt) and cannot be read as a "
            "photo; nothing was saved."
        ) from exc


def _unreadable(shown: str) -> str:
    kinds = "JPEG, PNG or HEIC" if _pillow().heic_readable else "JPEG or PNG"
    return f"{shown} is not a photo MesoDesk can read ({kinds}); nothing was saved."


def _encoded(
    image: Image.Image, suffix: str, icc: bytes | None, taken_at: datetime | None
) -> CleanPhoto:
    """New bytes from the pixels only: the colour profile is kept, every other block dropped."""
    out = BytesIO()
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if suffix == "jpg":
        pixels = image if image.mode in ("RGB", "L") else image.convert("RGB")
        pixels.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **options)
    else:
        keep = ("RGB", "RGBA", "L", "LA", "P", "I;16")
        pixels = image if image.mode in keep else image.convert("RGBA")
        pixels.save(out, "PNG", optimize=True, **options)
    return CleanPhoto(out.getvalue(), suffix, image.width, image.height, taken_at)


def _date_taken(exif: Image.Exif) -> datetime | None:
    """The camera's "date taken" (local time of the camera), if it is there and sensible."""
    text = exif.get_ifd(_EXIF_IFD).get(_DATE_TAKEN)
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text.strip("\x00 "), "%Y:%m:%d %H:%M:%S").astimezone()
    except ValueError:
        return None


class PhotoStore:
    """The photos folder inside the data folder (0700), its files 0600."""

    def __init__(self, root: Path) -> None:
        self._root = Path(root)

    @property
    def root(self) -> Path:
        return self._root

    def keep(self, photo: CleanPhoto) -> bool:
        """Store the cleaned photo under its content address; False if it was already there."""
        target = self.path(photo.file_name)
        _private_folder(self._root)
        _private_folder(target.parent)
        if target.exists():
            return False
        try:
            write_private_file(target, photo.content, replace=False)
        except FileExistsError:
            return False
        return True

    def forget(self, file_name: str) -> None:
        """Remove a file this import wrote when the import was then refused."""
        self.path(file_name).unlink(missing_ok=True)

    def path(self, file_name: str) -> Path:
        if not is_content_name(file_name):
            raise ServiceError("A stored photo has a name MesoDesk did not give it.")
        return self._root / file_name[:2] / file_name

    def thumbnail(self, file_name: str, size: int = THUMBNAIL_SIZE) -> Path:
        """A small JPEG of the photo, made once and kept (the name holds the source hash)."""
        target = self._root / "thumbnails" / f"{file_name.rsplit('.', 1)[0]}-{size}.jpg"
        if target.exists():
            return target
        source = self.path(file_name)
        try:
            with _pillow().image.open(source) as image:
                image.draft("RGB", (size * 2, size * 2))
                small = image.convert("RGB")
                small.thumbnail((size, size))
                out = BytesIO()
                small.save(out, "JPEG", quality=85)
        except (OSError, ValueError) as exc:
            raise ServiceError(
                "A stored photo is missing or damaged in the data folder; restore the data "
                "folder from a backup."
            ) from exc
        _private_folder(self._root)
        _private_folder(target.parent)
        with contextlib.suppress(FileExistsError):  # made meanwhile elsewhere: the same bytes
            write_private_file(target, out.getvalue(), replace=False)
        return target


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)
