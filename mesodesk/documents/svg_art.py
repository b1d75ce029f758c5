"""The diagrams' line art (resources/diagrams/*.svg) read as plain shapes, for drawing on paper.

The SVG files are made by `tools/make_diagrams.py` and use a small, known part of SVG: groups
carrying the paint (fill, stroke, stroke width, dashes) around paths with absolute or relative
M/L/H/V/C/Q/Z commands, circles, ellipses, rounded rectangles and text. Reading that part here
keeps Qt (and any SVG library) out of the document path; anything else in a file is refused with
its name, so a changed generator fails in the tests rather than printing half a figure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mesodesk.domain.diagram import DiagramName, art_path

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[MmLlHhVvCcQqZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4, "Z": 0}


@dataclass(frozen=True, slots=True)
class Paint:
    """How a shape is painted; colours are "#rrggbb" or None for none. Widths in diagram mm."""

    fill: str | None
    stroke: str | None
    stroke_width: float
    dashes: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class PathShape:
    """A path as absolute segments: ("M", x, y), ("L", x, y), ("C", 6 numbers), ("Z",)."""

    segments: tuple[tuple[str | float, ...], ...]
    paint: Paint


@dataclass(frozen=True, slots=True)
class EllipseShape:
    cx: float
    cy: float
    rx: float
    ry: float
    paint: Paint


@dataclass(frozen=True, slots=True)
class RectShape:
    x: float
    y: float
    width: float
    height: float
    radius: float
    paint: Paint


Shape = PathShape | EllipseShape | RectShape


@dataclass(frozen=True, slots=True)
class Art:
    """The shapes of one diagram in drawing order (text is left out: labels are drawn apart)."""

    width: float
    height: float
    shapes: tuple[Shape, ...]


@cache
def diagram_art(name: DiagramName) -> Art:
    """The shipped art of a diagram, read once per process."""
    return read_art(art_path(name))


def read_art(path: Path) -> Art:
    """The shapes of an SVG file; ValueError names the file and what it cannot read."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise ValueError(f"{path.name}: cannot be read as SVG ({error})") from error
    try:
        _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
        shapes: list[Shape] = []
        _walk(root, Paint(fill="#000000", stroke=None, stroke_width=1.0), shapes)
    except (KeyError, ValueError) as error:
        raise ValueError(f"{path.name}: {error}") from error
    return Art(width, height, tuple(shapes))


def _walk(node: ET.Element, inherited: Paint, out: list[Shape]) -> None:
    for child in node:
        tag = child.tag.removeprefix(_SVG)
        paint = _paint(child.attrib, inherited)
        if tag == "g":
            _walk(child, paint, out)
        elif tag == "path":
            out.append(PathShape(parse_path(child.attrib["d"]), paint))
        elif tag == "circle":
            r = float(child.attrib["r"])
            out.append(EllipseShape(_f(child, "cx"), _f(child, "cy"), r, r, paint))
        elif tag == "ellipse":
            out.append(
                EllipseShape(
                    _f(child, "cx"), _f(child, "cy"), _f(child, "rx"), _f(child, "ry"), paint
                )
            )
        elif tag == "rect":
            out.append(
                RectShape(
                    _f(child, "x"),
                    _f(child, "y"),
                    _f(child, "width"),
                    _f(child, "height"),
                    float(child.attrib.get("rx", 0)),
                    paint,
                )
            )
        elif tag not in ("title", "text", "desc"):
            raise ValueError(f"unsupported SVG element <{tag}>")


def _f(node: ET.Element, key: str) -> float:
    return float(node.attrib.get(key, 0))


def _paint(attrib: dict[str, str], inherited: Paint) -> Paint:
    def colour(key: str, current: str | None) -> str | None:
        value = attrib.get(key)
        if value is None:
            return current
        if value == "none":
            return None
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f"unsupported colour {value!r}")
        return value

    dashes = inherited.dashes
    if "stroke-dasharray" in attrib:
        dashes = tuple(float(v) for v in _NUMBER.findall(attrib["stroke-dasharray"]))
    return Paint(
        fill=colour("fill", inherited.fill),
        stroke=colour("stroke", inherited.stroke),
        stroke_width=float(attrib.get("stroke-width", inherited.stroke_width)),
        dashes=dashes,
    )


def parse_path(d: str) -> tuple[tuple[str | float, ...], ...]:
    """Path data as absolute M, L, C and Z segments (H, V become L; Q becomes C)."""
    if _TOKEN.sub("", d).strip(" ,\t\r\n"):
        raise ValueError(f"unreadable path data {d[:30]!r}")
    tokens = _TOKEN.findall(d)
    segments: list[tuple[str | float, ...]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isalpha():
            command = token
            i += 1
            if command in "Zz":
                segments.append(("Z",))
                x, y = start_x, start_y
                continue
        elif not command or command in "Zz":
            raise ValueError(f"path data starts with a number: {d[:30]!r}")
        upper = command.upper()
        count = _ARGS[upper]
        if i + count > len(tokens) or any(t.isalpha() for t in tokens[i : i + count]):
            raise ValueError(f"path command {command} lacks its numbers in {d[:30]!r}")
        values = [float(t) for t in tokens[i : i + count]]
        i += count
        relative = command.islower()
        if upper == "H":
            x = values[0] + (x if relative else 0)
            segments.append(("L", x, y))
        elif upper == "V":
            y = values[0] + (y if relative else 0)
            segments.append(("L", x, y))
        else:
            points = [
                (values[k] + (x if relative else 0), values[k + 1] + (y if relative else 0))
                for k in range(0, count, 2)
            ]
            if upper == "M":
                x, y = points[0]
                start_x, start_y = x, y
                segments.append(("M", x, y))
                command = "l" if relative else "L"  # further pairs are line-tos
            elif upper == "L":
                x, y = points[0]
                segments.append(("L", x, y))
            elif upper == "C":
                (x1, y1), (x2, y2), (x, y) = points
                segments.append(("C", x1, y1, x2, y2, x, y))
            else:  # Q: the quadratic as its exact cubic
                (qx, qy), end = points
                c1 = (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y))
                c2 = (end[0] + 2 / 3 * (qx - end[0]), end[1] + 2 / 3 * (qy - end[1]))
                x, y = end
                segments.append(("C", *c1, *c2, x, y))
    return tuple(segments)
