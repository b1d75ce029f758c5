"""Read the diagrams shipped in resources/diagrams: geometry is data, not code.

Each `<name>.json` holds the size, midline, zones (polygons in mm, each with the point inside
it where its label goes, worked out by the generator with `interior_point`), the vertebral
levels of the back and the ear-row anchors; `<name>.svg` is the line art drawn under the
zones, with a viewBox in the same millimetres.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from mesodesk.domain.diagram.geometry import bounds, interior_point
from mesodesk.domain.diagram.model import (
    Diagram,
    DiagramName,
    EarRowAnchors,
    Facing,
    Point,
    Vertebra,
    Zone,
)
from mesodesk.domain.vocabulary import Area
from mesodesk.paths import resource_path

_HEAD_BYTES = 600
_STRING = r'("(?:[^"\\]|\\.)*")'
_TITLE = re.compile(
    rf'\A\{{\s*"name": "[a-z0-9_]+",\s*"label": {_STRING},\s*"label_ru": {_STRING},'
)


def data_path(name: DiagramName | str) -> Path:
    """The JSON file with the diagram's geometry."""
    return resource_path("diagrams", f"{DiagramName(name).value}.json")


def art_path(name: DiagramName | str) -> Path:
    """The SVG line art the view draws under the zones (viewBox in mm, same as the JSON)."""
    return resource_path("diagrams", f"{DiagramName(name).value}.svg")


@cache
def load_diagram(name: DiagramName | str) -> Diagram:
    """The named diagram, read once per process (diagrams are immutable shipped data)."""
    diagram_name = DiagramName(name)
    path = data_path(diagram_name)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        diagram = _parse(diagram_name, raw)
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"bad diagram data in {path.name}: {error}") from error
    return diagram


@cache
def diagram_titles(name: DiagramName | str) -> tuple[str, str]:
    """The diagram's name in English and in Russian, without its geometry: the diagram picker
    names all twelve, and parsing every diagram's zones for that costs megabytes a visit on
    one or two charts never uses. The names head each file (the generator writes them first);
    a file that does not start so is read whole."""
    head = data_path(name).read_bytes()[:_HEAD_BYTES].decode("utf-8", errors="ignore")
    found = _TITLE.search(head)
    if found is None:
        loaded = load_diagram(name)
        return loaded.label, loaded.label_ru
    english, russian = json.loads(found.group(1)), json.loads(found.group(2))
    return str(english), str(russian)


def diagram_of(diagram: Diagram | DiagramName | str) -> Diagram:
    """Accept a loaded diagram or its name, so callers can pass whichever they hold."""
    return diagram if isinstance(diagram, Diagram) else load_diagram(DiagramName(diagram))


def _point(raw: Any) -> Point:
    x, y = raw
    return Point(float(x), float(y))


def _zone(raw: dict[str, Any]) -> Zone:
    polygon = tuple(_point(p) for p in raw["polygon"])
    if len(polygon) < 3:
        raise ValueError(f"zone {raw['name']!r} has fewer than 3 points")
    shipped = raw.get("label_point")
    return Zone(
        name=raw["name"],
        label=raw["label"],
        label_ru=raw["label_ru"],
        area=Area(raw["area"]),
        polygon=polygon,
        label_point=interior_point(polygon) if shipped is None else _point(shipped),
        bounds=bounds(polygon),
    )


def _parse(name: DiagramName, raw: dict[str, Any]) -> Diagram:
    if raw["name"] != name.value:
        raise ValueError(f"file says it is {raw['name']!r}")
    zones = tuple(_zone(z) for z in raw["zones"])
    names = [z.name for z in zones]
    if len(set(names)) != len(names):
        raise ValueError("zone names repeat")
    vertebrae = tuple(Vertebra(v["label"], float(v["y_mm"])) for v in raw.get("vertebrae", []))
    heights = [v.y_mm for v in vertebrae]
    if heights != sorted(set(heights)):
        raise ValueError("vertebrae must run strictly downward")
    ear_row = raw.get("ear_row")
    return Diagram(
        name=name,
        label=raw["label"],
        label_ru=raw["label_ru"],
        facing=Facing(raw["facing"]),
        width_mm=float(raw["width_mm"]),
        height_mm=float(raw["height_mm"]),
        midline_x_mm=float(raw["midline_x_mm"]),
        zones=zones,
        vertebrae=vertebrae,
        ear_row=None
        if ear_row is None
        else EarRowAnchors(
            left=_point(ear_row["left"]),
            right=_point(ear_row["right"]),
            apex=_point(ear_row["apex"]),
        ),
    )
