"""Whether bytes are a whole PNG image a document can draw, checked without an image library.

The clinic's logo is printed on every document, so a damaged or hostile file must be refused
when it is chosen, not discovered when a sheet is printed for a patient. The check reads the
whole file: the chunk structure and checksums, the header's size and pixel format, and the
compressed pixels, decompressed in pieces (never more than a piece in memory) to exactly the
size the header promises, with a valid filter at the start of every row.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
_PIECE = 1 << 16


class PngProblem(ValueError):
    """What is wrong with the file, in words for the person who chose it."""


def check_png(data: bytes, max_bytes: int, max_side: int, max_pixels: int) -> tuple[int, int]:
    """(width, height) of a whole, drawable PNG within the limits; PngProblem otherwise."""
    if not isinstance(data, bytes | bytearray):
        raise PngProblem("The logo must be a PNG image.")
    if not data.startswith(SIGNATURE):
        raise PngProblem("The logo must be a PNG image.")
    if len(data) > max_bytes:
        raise PngProblem(
            f"The logo is larger than {max_bytes // 1_000_000 or 1} MB; choose a smaller PNG image."
        )
    chunks = list(_chunks(data))
    kind, header = chunks[0] if chunks else (b"", b"")
    if kind != b"IHDR" or len(header) != 13:
        raise PngProblem(_DAMAGED)
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    if depth not in _DEPTHS.get(colour, ()) or compression or filtering or interlace > 1:
        raise PngProblem("The logo's PNG uses a pixel format documents cannot print.")
    if not 0 < width <= max_side or not 0 < height <= max_side:
        raise PngProblem(
            f"The logo is {width} × {height} pixels; choose one at most {max_side} pixels wide "
            "and high."
        )
    if width * height > max_pixels:
        raise PngProblem(
            f"The logo has {width * height:,} pixels; choose one with at most {max_pixels:,}."
        )
    _check_order(chunks, colour)
    compressed = (payload for kind, payload in chunks if kind == b"IDAT")
    _check_pixels(compressed, _row_sizes(width, height, depth, _CHANNELS[colour], interlace))
    return width, height


_DAMAGED = "The logo file is damaged (not a whole PNG image); choose the file again."


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, payload) of every chunk up to IEND, each checksum verified."""
    position = len(SIGNATURE)
    while True:
        if position + 12 > len(data):
            raise PngProblem(_DAMAGED)
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if length > 0x7FFFFFFF or end + 4 > len(data) or not kind.isalpha():
            raise PngProblem(_DAMAGED)
        payload = data[position + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + payload) != crc:
            raise PngProblem(_DAMAGED)
        yield kind, payload
        position = end + 4
        if kind == b"IEND":
            if position != len(data) or length:
                raise PngProblem(_DAMAGED)
            return


def _check_order(chunks: list[tuple[bytes, bytes]], colour: int) -> None:
    """Palette before pixels, pixels in one run, no critical chunk a decoder would not know."""
    kinds = [kind for kind, _ in chunks]
    if b"IDAT" not in kinds or kinds.count(b"IHDR") != 1:
        raise PngProblem(_DAMAGED)
    first = kinds.index(b"IDAT")
    last = len(kinds) - 1 - kinds[::-1].index(b"IDAT")
    if any(kind != b"IDAT" for kind in kinds[first : last + 1]):
        raise PngProblem(_DAMAGED)
    for kind, payload in chunks:
        if kind[:1].isupper() and kind not in (b"IHDR", b"PLTE", b"IDAT", b"IEND"):
            raise PngProblem(_DAMAGED)
        if kind == b"PLTE" and (not payload or len(payload) % 3 or len(payload) > 768):
            raise PngProblem(_DAMAGED)
    if colour == 3 and (b"PLTE" not in kinds or kinds.index(b"PLTE") > first):
        raise PngProblem(_DAMAGED)


def _row_sizes(width: int, height: int, depth: int, channels: int, interlace: int) -> list[int]:
    """The length of every row of filtered pixel data, filter byte included, in order."""
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    sizes: list[int] = []
    for x0, y0, dx, dy in passes:
        columns = (width - x0 + dx - 1) // dx if width > x0 else 0
        rows = (height - y0 + dy - 1) // dy if height > y0 else 0
        if columns and rows:
            sizes.extend([1 + (columns * channels * depth + 7) // 8] * rows)
    return sizes


def _check_pixels(compressed: Iterator[bytes], row_sizes: list[int]) -> None:
    """Decompress piece by piece: exactly the promised bytes, a known filter on every row."""
    expected = sum(row_sizes)
    inflater = zlib.decompressobj()
    rows = iter(row_sizes)
    next_row_at = 0
    seen = 0
    try:
        pending = b""
        for piece in compressed:
            pending += piece
            while pending:
                out = inflater.decompress(pending, _PIECE)
                pending = inflater.unconsumed_tail
                next_row_at, seen = _filters(out, rows, next_row_at, seen, expected)
                if inflater.eof:
                    break
                if not out and not pending:
                    break
        while not inflater.eof:
            out = inflater.decompress(inflater.unconsumed_tail, _PIECE)
            if not out:
                break
            next_row_at, seen = _filters(out, rows, next_row_at, seen, expected)
    except zlib.error as error:
        raise PngProblem(_DAMAGED) from error
    if not inflater.eof or seen != expected:
        raise PngProblem(_DAMAGED)


def _filters(
    out: bytes, rows: Iterator[int], next_row_at: int, seen: int, expected: int
) -> tuple[int, int]:
    """Check the filter bytes that fall in `out`; (where the next row starts, bytes seen)."""
    if seen + len(out) > expected:
        raise PngProblem(_DAMAGED)
    while next_row_at < seen + len(out):
        if out[next_row_at - seen] > 4:
            raise PngProblem(_DAMAGED)
        next_row_at += next(rows, 0) or (expected - next_row_at + 1)
    return next_row_at, seen + len(out)
