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


def test_a_dragged_mark_put_again_from_its_stored_record_goes_back_to_its_place(qtbot) -> None:
    scene = DiagramScene()
    stored = _point(1)
    scene.set_marks([stored])
    item = scene.item_for(1)
    assert item is not None
    item.setSelected(True)
    item.setPos(10.0, 20.0)

    scene.put_marks([stored])
    assert (item.pos().x(), item.pos().y()) == (120.0, 300.0)


def test_a_mark_put_again_unchanged_keeps_its_item_and_place(qtbot) -> None:
    scene = DiagramScene()
    stored = _point(1)
    scene.set_marks([stored])
    item = scene.item_for(1)

    scene.put_marks([stored])
    assert scene.item_for(1) is item
    assert (item.pos().x(), item.pos().y()) == (120.0, 300.0)
    moved = MarkRecord(1, 1, DiagramName.BACK, MarkShape.POINT, (Point(90.0, 250.0),))
    scene.put_marks([moved])
    assert scene.item_for(1) is item
    assert (item.pos().x(), item.pos().y()) == (90.0, 250.0)
