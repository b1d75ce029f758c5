"""Render resources/icons/mesodesk.svg to the PNG sizes and the Windows .ico the app ships.

Why rendered files are committed: the window and the desktop entry load PNGs directly, and the
bundler wants an .ico, so a build needs no SVG renderer. Below 64 px the injection points are
left out: they would blur into a grey smudge, and the plain drop reads better.
Run `.venv/bin/python tools/make_icons.py` after changing the SVG and commit the outputs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "mesodesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
DETAIL_FROM = 64


def render(svg: str, size: int, target: Path) -> None:
    """One size as a PNG, antialiased on a transparent background."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError(f"{SOURCE.name} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(target)):
        raise OSError(f"cannot write {target}")


def without_points(svg: str) -> str:
    """The small-size variant: the drop without the injection points."""
    simplified, count = re.subn(r'\s*<g id="points".*?</g>', "", svg, flags=re.DOTALL)
    if count != 1:
        raise ValueError(f'{SOURCE.name} must hold one <g id="points"> group')
    return simplified


def png_path(size: int) -> Path:
    return ICONS / f"mesodesk-{size}.png"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    svg = SOURCE.read_text(encoding="utf-8")
    for size in SIZES:
        render(svg if size >= DETAIL_FROM else without_points(svg), size, png_path(size))
    images = [Image.open(png_path(size)) for size in ICO_SIZES]
    images[-1].save(
        ICONS / "mesodesk.ico",
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
