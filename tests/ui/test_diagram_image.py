"""The exported picture of a visit's scheme: a real PNG with the marks in their colours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from PySide6.QtGui import QColor, QImage

from mesodesk.domain.diagram import DiagramName, MarkShape, Point, load_diagram
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.patient import PatientCard
from mesodesk.domain.vocabulary import Technique
from mesodesk.ui.diagram import drawing
from mesodesk.ui.diagram.image import render_visit_png


def _colour_pixels(image: QImage, colour: str, tolerance: int = 12) -> int:
    wanted = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - wanted.red()) <= tolerance
                and abs(pixel.green() - wanted.green()) <= tolerance
                and abs(pixel.blue() - wanted.blue()) <= tolerance
            ):
                count += 1
    return count


def test_the_png_shows_each_used_diagram_with_its_marks_in_technique_colours(qapp, sqlite_services):
    services = sqlite_services
    patient = services.patients.save(PatientCard(last_name="Лебедева"))
    visit = services.visits.start_visit(patient.id, datetime.now(UTC) - timedelta(hours=1))
    back = load_diagram(DiagramName.BACK)
    points = [
        MarkRecord(
            None,
            visit.id,
            DiagramName.BACK,
            MarkShape.POINT,
            (Point(back.midline_x_mm + dx, 300.0 + dy),),
            technique=Technique.PINPOINT,
        )
        for dx in (-40, -15, 0, 15, 40)
        for dy in (0, 20, 40)
    ]
    cx, cy = load_diagram(DiagramName.FACE).zone("forehead").label_point
    square = tuple(Point(cx + dx, cy + dy) for dx, dy in ((-20, -8), (20, -8), (20, 8), (-20, 8)))
    area = MarkRecord(
        None,
        visit.id,
        DiagramName.FACE,
        MarkShape.AREA,
        square,
        technique=Technique.INFILTRATION,
        volume_ml=Decimal("0.02"),
    )
    services.marks.add_many([*points, area])

    image = QImage.fromData(render_visit_png(services, visit.id, width_px=900))
    assert not image.isNull()
    assert image.width() == 900 and image.height() > 400
    assert _colour_pixels(image, drawing.PALETTE[Technique.PINPOINT]) > 15
    assert _colour_pixels(image, drawing.PALETTE[Technique.INFILTRATION]) > 10
    assert _colour_pixels(image, drawing.PALETTE[Technique.PAPULAR]) == 0


def test_a_visit_without_marks_gives_an_empty_diagram_picture(qapp, sqlite_services):
    patient = sqlite_services.patients.save(PatientCard(last_name="Лебедева"))
    visit = sqlite_services.visits.start_visit(patient.id)
    image = QImage.fromData(render_visit_png(sqlite_services, visit.id, width_px=600))
    assert image.width() == 600
    assert _colour_pixels(image, drawing.PALETTE[Technique.PINPOINT]) == 0
