"""The logo check reads a PNG as a decoder would: every PNG an image library writes passes,
and damaged, truncated, oversized or hostile files are refused in words."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from mesodesk.domain.png import PngProblem, check_png
from tests.png_files import chunk, claimed_size_png, png_bytes

LIMITS = {"max_bytes": 1_000_000, "max_side": 4000, "max_pixels": 4_000_000}


def _saved(mode: str, size: tuple[int, int] = (37, 11), **options: object) -> bytes:
    image = Image.new(mode, size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **options)
    return buffer.getvalue()


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"])
def test_every_kind_of_png_an_image_library_writes_is_accepted(mode: str) -> None:
    assert check_png(_saved(mode), **LIMITS) == (37, 11)


def test_a_png_written_in_many_small_pixel_chunks_is_accepted() -> None:
    image = Image.effect_noise((300, 200), 60).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0)
    assert check_png(buffer.getvalue(), **LIMITS) == (300, 200)


def test_an_interlaced_png_is_accepted() -> None:
    width, height = 13, 9
    rows = b""
    for x0, y0, dx, dy in (
        (0, 0, 8, 8),
        (4, 0, 8, 8),
        (0, 4, 4, 8),
        (2, 0, 4, 4),
        (0, 2, 2, 4),
        (1, 0, 2, 2),
        (0, 1, 1, 2),
    ):
        columns = max(0, (width - x0 + dx - 1) // dx)
        count = max(0, (height - y0 + dy - 1) // dy)
        if columns:
            rows += (b"\x00" + b"\x80" * columns) * count
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 1)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    assert Image.open(io.BytesIO(data)).size == (13, 9)
    assert check_png(data, **LIMITS) == (13, 9)


GOOD = png_bytes(20, 10)
CASES = {
    "not a PNG": b"GIF89a" + GOOD[6:],
    "cut after the header": GOOD[:40],
    "one byte missing": GOOD[:-1],
    "a byte more after the end": GOOD + b"\x00",
    "a checksum wrong": GOOD[:29] + bytes([GOOD[29] ^ 1]) + GOOD[30:],
    "pixels missing": (
        GOOD[:33] + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")
    ),
    "a row filter that does not exist": (
        GOOD[:33]
        + chunk(b"IDAT", zlib.compress((b"\x09" + b"\x00" * 60) * 10))
        + chunk(b"IEND", b"")
    ),
    "pixels that are not zlib": GOOD[:33] + chunk(b"IDAT", b"\x00" * 40) + chunk(b"IEND", b""),
    "claiming 100000 x 100000 pixels": claimed_size_png(100_000, 100_000),
    "claiming 2^31 - 1 pixels wide": claimed_size_png(2**31 - 1, 1),
    "a palette image without a palette": (
        GOOD[:8]
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 20, 10, 8, 3, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress((b"\x00" + b"\x00" * 20) * 10))
        + chunk(b"IEND", b"")
    ),
    "an impossible bit depth": (
        GOOD[:8] + chunk(b"IHDR", struct.pack(">IIBBBBB", 20, 10, 3, 2, 0, 0, 0)) + GOOD[33:]
    ),
    "5000 pixels wide": png_bytes(5000, 2),
    "too many pixels": png_bytes(2500, 2000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_damaged_or_oversized_png_is_refused_in_words(name: str) -> None:
    data = CASES[name]
    with pytest.raises(PngProblem) as refused:
        check_png(data, **LIMITS)
    assert str(refused.value).startswith("The logo")


def test_a_png_bomb_is_refused_without_inflating_it() -> None:
    rows = (b"\x00" + b"\x00" * 3 * 2000) * 2000
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2000, 2000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows + rows, 9))
        + chunk(b"IEND", b"")
    )
    assert len(bomb) < 100_000
    with pytest.raises(PngProblem):
        check_png(bomb, **LIMITS)
