"""Real PNG files made byte by byte (no image library), and broken ones, for logo tests."""

from __future__ import annotations

import struct
import zlib


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 60)) -> bytes:
    """A valid RGB PNG of one colour."""
    row = b"\x00" + bytes(rgb) * width
    pixels = zlib.compress(row * height)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def claimed_size_png(width: int, height: int) -> bytes:
    """A PNG whose header claims a size its small pixel data does not hold."""
    good = png_bytes()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return good[:8] + chunk(b"IHDR", header) + good[8 + 25 :]
