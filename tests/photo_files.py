"""Camera-like photo files for the tests: real JPEG/PNG bytes made with Pillow, with EXIF."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
MAKE, MODEL, BODY_SERIAL = 0x010F, 0x0110, 0xA431
DATE_TAKEN = 0x9003


def camera_jpeg(
    path: Path,
    size: tuple[int, int] = (120, 80),
    colour: tuple[int, int, int] = (200, 150, 120),
    orientation: int = 1,
    taken: str = "2026:03:02 10:15:00",
) -> Path:
    """A JPEG as a phone writes it: GPS position, maker, model, serial, date and orientation."""
    image = Image.new("RGB", size, colour)
    image.paste((20, 20, 20), (0, 0, size[0] // 4, size[1] // 4))  # a dark top-left corner
    exif = image.getexif()
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Phone 15"
    exif[ORIENTATION] = orientation
    exif.get_ifd(EXIF_IFD)[DATE_TAKEN] = taken
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = "SN-0042"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 45.0, 20.0), 3: "E", 4: (37.0, 37.0, 4.0)})
    path.write_bytes(_saved(image, "JPEG", exif=exif.tobytes()))
    return path


def plain_png(path: Path, size: tuple[int, int] = (64, 48)) -> Path:
    path.write_bytes(_saved(Image.new("RGB", size, (90, 160, 200)), "PNG"))
    return path


def truncated_jpeg(path: Path) -> Path:
    whole = camera_jpeg(path, size=(400, 300)).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _saved(image: Image.Image, kind: str, **options: object) -> bytes:
    out = BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def camera_heic(path: Path, size: tuple[int, int] = (64, 48)) -> Path:
    """A HEIC as an iPhone writes it (GPS, orientation 6); needs pillow-heif."""
    image = Image.new("RGB", size, (10, 200, 10))
    exif = image.getexif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 45.0, 20.0), 3: "E", 4: (37.0, 37.0, 4.0)})
    image.save(path, "HEIF", exif=exif.tobytes())
    return path
