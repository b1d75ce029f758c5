"""5,000 marks on the back diagram: building the scene, one frame at fit and at 4x, a wheel
zoom step (everything redrawn at the new scale), a pan step (40 px sideways), and the per-zone
totals the diagram panel shows (every line and area split over the zones it crosses).

No database: the scene is fed records directly, so the numbers are the drawing's alone. A
frame is one full repaint of a 1000x800 view (`grab`), median of several. Run as a script, it
prints its figures and the peak memory of its process as one line of JSON.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import time
from decimal import Decimal

import shiboken6
from PySide6.QtWidgets import QApplication

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram, zone_totals
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.vocabulary import Technique
from mesodesk.ui.diagram.scene import DiagramScene
from mesodesk.ui.diagram.view import DiagramView

MARKS = 5000
ROUNDS = 7
VIEW_SIZE = (1000, 800)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _marks() -> list[MarkRecord]:
    """Mostly points, with lines and small nappage areas, spread over the back."""
    chart = load_diagram(DiagramName.BACK)
    rng = random.Random(5000)
    techniques = list(Technique)
    marks = []
    for index in range(MARKS):
        x = rng.uniform(40, chart.width_mm - 40)
        y = rng.uniform(180, chart.height_mm - 60)
        kind = index % 50
        if kind == 0:
            points = (Point(x, y), Point(x + 10, y + 15), Point(x + 12, y + 30))
            shape = MarkShape.LINE
        elif kind == 1:
            points = (Point(x, y), Point(x + 12, y), Point(x + 12, y + 9), Point(x, y + 9))
            shape = MarkShape.AREA
        else:
            points, shape = (Point(x, y),), MarkShape.POINT
        marks.append(
            MarkRecord(
                index + 1,
                1,
                DiagramName.BACK,
                shape,
                points,
                technique=techniques[index % len(techniques)],
                depth_mm=Decimal(4),
                volume_ml=Decimal("0.05"),
            )
        )
    return marks


def _frame(app: QApplication, view: DiagramView) -> float:
    started = time.perf_counter()
    view.viewport().grab()
    app.processEvents()
    return time.perf_counter() - started


def run() -> dict[str, float | int]:
    app = QApplication.instance() or QApplication([])
    marks = _marks()
    builds = []
    scene: DiagramScene | None = None
    for _ in range(3):
        if scene is not None:  # one scene at a time, as the window holds one
            shiboken6.delete(scene)
        started = time.perf_counter()
        scene = DiagramScene()
        scene.show_diagram(DiagramName.BACK)
        scene.set_marks(marks)
        builds.append(time.perf_counter() - started)
    assert scene is not None
    view = DiagramView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()
    view.fit()
    fit = [_frame(app, view) for _ in range(ROUNDS)]
    view.zoom_by(4)
    view.centerOn(250, 450)
    zoomed = [_frame(app, view) for _ in range(ROUNDS)]
    zoom_steps = []
    for step in range(ROUNDS):
        started = time.perf_counter()
        view.zoom_by(1.25 if step % 2 else 0.8)
        view.viewport().grab()
        app.processEvents()
        zoom_steps.append(time.perf_counter() - started)
    pans = []
    for step in range(ROUNDS):
        started = time.perf_counter()
        bar = view.horizontalScrollBar()
        bar.setValue(bar.value() + (40 if step % 2 else -40))
        view.viewport().grab()
        app.processEvents()
        pans.append(time.perf_counter() - started)
    view.close()
    totals = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        zone_totals(m.geometry() for m in marks)
        totals.append(time.perf_counter() - started)
    return {
        "marks": len(scene.mark_ids()),
        "scene_build_ms": _ms(statistics.median(builds)),
        "frame_at_fit_ms": _ms(statistics.median(fit)),
        "frame_at_4x_ms": _ms(statistics.median(zoomed)),
        "zoom_step_ms": _ms(statistics.median(zoom_steps)),
        "pan_step_ms": _ms(statistics.median(pans)),
        "zone_totals_ms": _ms(statistics.median(totals)),
        "view_px": f"{VIEW_SIZE[0]}x{VIEW_SIZE[1]}",
    }


if __name__ == "__main__":  # in a process of its own: the drawing's figures and its memory
    figures = run()
    figures["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures))
