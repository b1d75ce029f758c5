"""The point layers of the diagram scene: an empty one takes no room, so it gets no cache."""

from __future__ import annotations

from mesodesk.domain.diagram import DiagramName, MarkShape, Point
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.ui.diagram.scene import DiagramScene


def _point(mark_id: int) -> MarkRecord:
    return MarkRecord(mark_id, 1, DiagramName.BACK, MarkShape.POINT, (Point(120.0, 300.0),))


def test_a_layer_spans_the_chart_only_while_it_has_points_to_draw(qtbot) -> None:
    scene = DiagramScene()

    assert scene.points.boundingRect().isEmpty()
    assert scene.previous_points.boundingRect().isEmpty()

    scene.set_marks([_point(1)])
    scene.set_previous([_point(2)])
    assert scene.points.boundingRect() == scene.sceneRect()
    assert scene.previous_points.boundingRect() == scene.sceneRect()
    assert scene.previous_shown() == 1

    scene.set_marks(())
    scene.set_previous(())
    assert scene.points.boundingRect().isEmpty()
    assert scene.previous_points.boundingRect().isEmpty()
