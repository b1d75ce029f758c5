"""The look shared by every MesoDesk document: fonts, colours, styles, letterhead and footer.

One module so the aftercare sheet, the consent form and the visit summary read as one family,
and a change of colour or font is made once. Nothing is ever set below `MIN_FONT_PT`: what does
not fit a page flows onto the next one, under a running header naming the patient.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Table,
    TableStyle,
)

from mesodesk.documents.fonts import FONT, FONT_BOLD, FONT_ITALIC, ensure_fonts
from mesodesk.documents.model import ClinicLetterhead
from mesodesk.documents.text import Text, markup
from mesodesk.documents.texts import TextOverrides, Texts, load_texts
from mesodesk.domain.vocabulary import Area, Language, Method, Reaction, ReactionSeverity, Technique

MIN_FONT_PT = 8.0
"""The smallest text any document prints, the map's labels included (read at arm's length)."""

ACCENT = colors.HexColor("#1D6B73")
ACCENT_LIGHT = colors.HexColor("#EAF4F4")
ACCENT_SOFT = colors.HexColor("#C9E2E3")
INK = colors.HexColor("#1F2A30")
MUTED = colors.HexColor("#5F6F77")
RULE = colors.HexColor("#D3DFE1")
ZEBRA = colors.HexColor("#F5F9F9")
CAUTION = colors.HexColor("#A4481F")
CAUTION_LIGHT = colors.HexColor("#FDF3EC")
CAUTION_SOFT = colors.HexColor("#EDBFA3")
GOOD = colors.HexColor("#2E7D5B")

PAGE_SIZE = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 12 * mm
FOOTER_BASELINE = 7 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

CHECK = "\u2713"
CROSS = "\u2715"
WARNING_SIGN = "!"
BULLET = "\u2022"


def style(name: str, parent: ParagraphStyle | None = None, **overrides: Any) -> ParagraphStyle:
    """A paragraph style of the family; refuses a size under `MIN_FONT_PT`."""
    base: dict[str, Any] = (
        {}
        if parent is not None
        else {"fontName": FONT, "fontSize": 9, "leading": 11.8, "textColor": INK}
    )
    base.update(overrides)
    made = ParagraphStyle(name, parent=parent, **base)
    if made.fontSize < MIN_FONT_PT:
        raise ValueError(f"style {name!r} is {made.fontSize} pt, below {MIN_FONT_PT} pt")
    return made


class Styles:
    """Paragraph styles of the family, sized for A4 handouts read at arm's length."""

    body: ParagraphStyle = style("body")
    small: ParagraphStyle = style(
        "small", fontName=FONT_ITALIC, fontSize=8, leading=10.2, textColor=MUTED
    )
    title: ParagraphStyle = style(
        "title", fontName=FONT_BOLD, fontSize=14, leading=17.5, textColor=ACCENT
    )
    heading: ParagraphStyle = style(
        "heading", fontName=FONT_BOLD, fontSize=10, leading=12.5, textColor=ACCENT
    )
    label: ParagraphStyle = style("label", fontSize=8, leading=10, textColor=MUTED)
    value: ParagraphStyle = style("value", fontName=FONT_BOLD, fontSize=9.5, leading=11.8)
    cell: ParagraphStyle = style("cell", fontSize=8.3, leading=10.3)
    cell_bold: ParagraphStyle = style("cell_bold", fontName=FONT_BOLD, fontSize=8.3, leading=10.3)
    cell_right: ParagraphStyle = style("cell_right", fontSize=8.3, leading=10.3, alignment=TA_RIGHT)
    head_cell: ParagraphStyle = style(
        "head_cell", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=ACCENT
    )
    head_cell_right: ParagraphStyle = style(
        "head_cell_right",
        fontName=FONT_BOLD,
        fontSize=8,
        leading=10,
        textColor=ACCENT,
        alignment=TA_RIGHT,
    )
    mark: ParagraphStyle = style("mark", fontName=FONT_BOLD, fontSize=9, leading=11.8)
    clinic_name: ParagraphStyle = style(
        "clinic_name", fontName=FONT_BOLD, fontSize=12.5, leading=15, textColor=ACCENT
    )
    clinic_line: ParagraphStyle = style("clinic_line", fontSize=8.4, leading=10.6, textColor=MUTED)
    clinic_phone: ParagraphStyle = style(
        "clinic_phone", fontName=FONT_BOLD, fontSize=10, leading=12, alignment=TA_RIGHT
    )
    emphasis: ParagraphStyle = style(
        "emphasis", fontName=FONT_BOLD, fontSize=12.5, leading=15.5, textColor=ACCENT
    )
    running: ParagraphStyle = style("running", fontSize=8, leading=10, textColor=MUTED)


STYLES = Styles()


def esc(text: str) -> str:
    """Plain text made safe for Paragraph markup, with the document's typesetting rules."""
    return markup(text)


def para(text: str, paragraph_style: ParagraphStyle) -> Text:
    """A paragraph from plain text, wrapping between words (see `mesodesk.documents.text`)."""
    ensure_fonts()
    return Text(markup(text), paragraph_style)


def hex_of(colour: colors.Color) -> str:
    return "#" + str(colour.hexval())[2:]


class Wording:
    """Labels, dates and numbers in the patient's language, from the `common` texts.

    Every document builds its wording first, before any paragraph, so this is where the fonts
    get registered.
    """

    def __init__(self, common: Texts) -> None:
        ensure_fonts()
        self._t = common

    def label(self, key: str) -> str:
        return str(self._t["labels"][key])

    def date(self, value: date) -> str:
        return str(self._t["date_format"]).format(
            day=value.day, month=self._t["months"][value.month - 1], year=value.year
        )

    def datetime(self, value: datetime) -> str:
        return str(self._t["datetime_format"]).format(
            weekday=self._t["weekdays"][value.weekday()],
            day=value.day,
            month=self._t["months"][value.month - 1],
            year=value.year,
            time=value.strftime("%H:%M"),
        )

    def number(self, value: Decimal) -> str:
        """A decimal in the language's separator, without trailing zeros."""
        text = format(value.normalize(), "f")
        return text.replace(".", str(self._t["decimal_separator"]))

    def volume(self, value_ml: Decimal) -> str:
        """Millilitres with at least one decimal, in the language's decimal separator."""
        shown = value_ml.quantize(Decimal("0.1"))
        if shown != value_ml:
            shown = value_ml.normalize()
        number = format(shown, "f").replace(".", str(self._t["decimal_separator"]))
        return f"{number}\u00a0{self.label('ml')}"

    def depth(self, value_mm: Decimal) -> str:
        return f"{self.number(value_mm)}\u00a0{self.label('mm')}"

    def area(self, value: Area) -> str:
        return str(self._t["areas"].get(value.value, value.label()))

    def technique(self, value: Technique) -> str:
        return str(self._t["techniques"].get(value.value, value.label()))

    def method(self, value: Method) -> str:
        return str(self._t["methods"].get(value.value, value.label()))

    def reaction(self, value: Reaction) -> str:
        return str(self._t["reactions"].get(value.value, value.label()))

    def severity(self, value: ReactionSeverity) -> str:
        return str(self._t["severities"].get(value.value, value.label()))


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    commands: Sequence[tuple[Any, ...]],
    table_class: type[Table] = Table,
    **options: Any,
) -> Table:
    """A reportlab Table in the family font, so no cell falls back to an unembedded Helvetica."""
    table = table_class([list(row) for row in rows], colWidths=list(widths), **options)
    table.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), *commands]
        )
    )
    return table


def labelled(label: str, value: str) -> Text:
    """ "Label: value", the label quiet and the value bold; wraps between words."""
    paragraph_style = style("labelled", STYLES.body, spaceAfter=1.5)
    return Text(
        f'<font color="{hex_of(MUTED)}">{esc(label)}:</font> <b>{esc(value)}</b>', paragraph_style
    )


PHONE_MAX_WIDTH = 62 * mm
NAME_MIN_WIDTH = 84 * mm


def letterhead(clinic: ClinicLetterhead) -> Table:
    """The clinic band at the top of the first page: logo, name, address, phone.

    The name keeps a column wide enough to wrap between words; a phone that would squeeze it
    moves under the address instead of standing on the right.
    """
    details: list[Flowable] = [para(clinic.name, STYLES.clinic_name)]
    if clinic.address:
        details.append(para(clinic.address, STYLES.clinic_line))
    cells: list[Any] = []
    widths: list[float] = []
    if clinic.show_logo and clinic.logo_png:
        cells.append(image(clinic.logo_png, 34 * mm, 16 * mm))
        widths.append(38 * mm)
    phone_style = STYLES.clinic_phone
    phone_width = stringWidth(clinic.phone, phone_style.fontName, phone_style.fontSize) + 8 * mm + 1
    on_the_right = bool(clinic.phone) and (
        phone_width <= PHONE_MAX_WIDTH
        and CONTENT_WIDTH - sum(widths) - phone_width >= NAME_MIN_WIDTH
    )
    if clinic.phone and not on_the_right:
        details.append(
            para(clinic.phone, style("phone_under", STYLES.clinic_line, fontName=FONT_BOLD))
        )
    if on_the_right:
        cells += [details, para(clinic.phone, phone_style)]
        widths += [CONTENT_WIDTH - sum(widths) - phone_width, phone_width]
    else:
        cells.append(details)
        widths.append(CONTENT_WIDTH - sum(widths))
    return grid(
        [cells],
        widths,
        [
            ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.4 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4 * mm),
        ],
        cornerRadii=[3 * mm] * 4,
    )


def title(text: str) -> Text:
    """The document's title under the letterhead."""
    return para(text, style("title_spaced", STYLES.title, spaceBefore=3 * mm, spaceAfter=1))


def facts(pairs: Sequence[tuple[str, str]], widths: Sequence[float] | None = None) -> Table:
    """A strip of small labels over bold values: who, when, by whom."""
    row = [[para(label, STYLES.label), para(value, STYLES.value)] for label, value in pairs]
    strip = grid(
        [row],
        widths or [CONTENT_WIDTH / len(pairs)] * len(pairs),
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
        ],
    )
    strip.spaceAfter = 1 * mm
    return strip


def heading(text: str, space_before: float = 3 * mm) -> list[Flowable]:
    """A section heading with a thin accent rule, never left alone at the foot of a page."""
    heading_style = style(
        "heading_spaced", STYLES.heading, spaceBefore=space_before, keepWithNext=1
    )
    rule = HRFlowable(width="100%", thickness=0.8, color=ACCENT_SOFT, spaceBefore=1, spaceAfter=2.5)
    rule.keepWithNext = 1
    return [para(text, heading_style), rule]


def section(text: str, body: Sequence[Flowable], space_before: float = 4 * mm) -> KeepTogether:
    """A heading and its content on the same page (content longer than a page still flows)."""
    return KeepTogether([*heading(text, space_before), *body])


def marked_list(
    texts: Sequence[str],
    mark: str | Sequence[str],
    mark_color: colors.Color,
    width: float,
    item_style: ParagraphStyle | None = None,
    gap: float = 1.6,
    mark_style: ParagraphStyle | None = None,
) -> Table:
    """Items with a coloured mark (or one mark each) in a hanging column, so lines align.

    One row per item, so a long list splits between items across pages.
    """
    marks = [mark] * len(texts) if isinstance(mark, str) else list(mark)
    coloured = style("mark_coloured", mark_style or STYLES.mark, textColor=mark_color)
    rows = [
        [para(m, coloured), para(text, item_style or STYLES.body)]
        for m, text in zip(marks, texts, strict=True)
    ]
    mark_width = 7 * mm if mark_style else 4.5 * mm
    return grid(
        rows or [["", ""]],
        [mark_width, width - mark_width],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
        ],
    )


def marked_item(
    paragraph: Flowable, mark: str, mark_color: colors.Color, width: float, gap: float = 1.4
) -> Table:
    """One item with a coloured mark in a hanging column; the paragraph may carry markup."""
    coloured = style("mark_item", STYLES.mark, textColor=mark_color)
    return grid(
        [[para(mark, coloured), paragraph]],
        [4.5 * mm, width - 4.5 * mm],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
        ],
    )


def data_table(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    total_row: bool = False,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A light table: accent line under the header, zebra rows, no heavy grid.

    With `total_row` the last row is set apart as a sum. The header repeats on a new page.
    """
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(rows) + 1, 2)]
    if total_row:
        commands += [
            ("BACKGROUND", (0, -1), (-1, -1), colors.white),
            ("LINEABOVE", (0, -1), (-1, -1), 0.6, ACCENT_SOFT),
        ]
    return grid([header, *rows], widths, [*commands, *extra], repeatRows=1)


def callout(
    content: Sequence[Flowable], width: float, background: colors.Color, border: colors.Color
) -> Table:
    """A tinted, rounded box that draws the eye (warning signs, next appointment).

    One row per flowable, so a box a clinic has filled with many items splits across pages
    instead of failing to fit.
    """
    return grid(
        [[flowable] for flowable in content] or [[""]],
        [width],
        [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("BOX", (0, 0), (-1, -1), 0.8, border),
            ("LEFTPADDING", (0, 0), (-1, -1), 3.2 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3.2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 2 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
        ],
        cornerRadii=[2.5 * mm] * 4,
    )


def columns(cells: Sequence[Any], widths: Sequence[float], gap: float = 6 * mm) -> Table:
    """Side-by-side blocks with a gutter; each cell is a flowable or a list of them."""
    return grid(
        [cells],
        widths,
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), gap / 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), gap / 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (0, 0), 0),
            ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
        ],
    )


class Columns(Flowable):
    """Blocks side by side that flow across pages: each column splits where the page ends.

    A table row cannot break across pages, so side-by-side content in one would jump whole
    to the next page (or fail when taller than a page). Here each column is a list of
    flowables, split like a frame splits them, and the rest goes on under the running header.
    """

    def __init__(self, cells: Sequence[Sequence[Flowable]], widths: Sequence[float], gap: float):
        super().__init__()
        self.cells = [list(cell) for cell in cells]
        self.widths = list(widths)
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = max(
            (
                _stack_height(cell, width)
                for cell, width in zip(self.cells, self.widths, strict=True)
            ),
            default=0.0,
        )
        self.width = sum(self.widths) + self.gap * (len(self.widths) - 1)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heads, tails = [], []
        for cell, width in zip(self.cells, self.widths, strict=True):
            head, tail = _split_stack(cell, width, availHeight)
            heads.append(head)
            tails.append(tail)
        if not any(heads):
            return []
        if not any(tails):
            return [self]
        return [Columns(heads, self.widths, self.gap), Columns(tails, self.widths, self.gap)]

    def draw(self) -> None:
        x = 0.0
        for cell, width in zip(self.cells, self.widths, strict=True):
            y = self.height
            for index, flowable in enumerate(cell):
                if index:
                    y -= flowable.getSpaceBefore()
                _, height = flowable.wrapOn(self.canv, width, 0x7FFFFFFF)
                y -= height
                flowable.drawOn(self.canv, x, y)
                y -= flowable.getSpaceAfter()
            x += width + self.gap


def _stack_height(cell: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for index, flowable in enumerate(cell):
        _, height = flowable.wrap(width, 0x7FFFFFFF)
        total += height + (flowable.getSpaceBefore() if index else 0.0)
        if index < len(cell) - 1:
            total += flowable.getSpaceAfter()
    return total


def _split_stack(
    cell: Sequence[Flowable], width: float, available: float
) -> tuple[list[Flowable], list[Flowable]]:
    """What of a column fits in `available` points, and the rest; a heading never ends it."""
    head: list[Flowable] = []
    used = 0.0
    for index, flowable in enumerate(cell):
        before = flowable.getSpaceBefore() if head else 0.0
        _, height = flowable.wrap(width, 0x7FFFFFFF)
        if used + before + height <= available:
            head.append(flowable)
            used += before + height + flowable.getSpaceAfter()
            continue
        parts: list[Flowable] = (
            flowable.split(width, available - used - before) if available > used else []
        )
        if parts:
            head.append(parts[0])
            rest = [*parts[1:], *cell[index + 1 :]]
        else:
            rest = list(cell[index:])
        while head and bool(getattr(head[-1], "keepWithNext", False)):
            rest.insert(0, head.pop())
        return head, rest
    return head, []


def two_columns(
    left: Callable[[float], list[Flowable]],
    right: Callable[[float], list[Flowable]],
    left_width: float,
    gap: float,
) -> Columns:
    """Two blocks side by side, built for their widths, flowing onto the next page if need be."""
    right_width = CONTENT_WIDTH - left_width - gap
    return Columns([left(left_width), right(right_width)], [left_width, right_width], gap)


def signature_lines(
    rows: Sequence[tuple[str, str]],
    wording: Wording,
    dated: date | None = None,
    width: float = CONTENT_WIDTH,
) -> Flowable:
    """Per signer: the name, a line to sign on and a line for the date, labelled underneath.

    With `dated` the date is printed on its line (the day the form is for), so the signed
    paper records when it was signed even if nobody writes it in. A narrower `width` (a
    column) shares the room in the same proportions.
    """
    scale = width / CONTENT_WIDTH
    gap = 6 * mm * scale
    widths = [70 * mm * scale, gap, 56 * mm * scale, gap, width - 126 * mm * scale - 2 * gap]
    cells: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    when = para(wording.date(dated), STYLES.cell) if dated else ""
    for index, (role, name) in enumerate(rows):
        top = 2 * index
        cells.append([para(name, STYLES.cell_bold), "", "", "", when])
        cells.append(
            [
                para(role, STYLES.label),
                "",
                para(wording.label("signature"), STYLES.label),
                "",
                para(wording.label("date"), STYLES.label),
            ]
        )
        commands += [
            ("TOPPADDING", (0, top), (-1, top), 8 * mm if index else 4.5 * mm),
            ("LINEBELOW", (2, top), (2, top), 0.7, INK),
            ("LINEBELOW", (4, top), (4, top), 0.7, INK),
        ]
    return grid(cells, widths, commands, table_class=Unbreakable)


class Unbreakable(Table):
    """A table that moves to the next page whole rather than split (signature lines)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def image(source: bytes | Path, max_width: float, max_height: float) -> Image:
    """A PNG scaled to fit the box, keeping its proportions."""
    raw = source.read_bytes() if isinstance(source, Path) else source
    width, height = ImageReader(io.BytesIO(raw)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(raw), width=width * scale, height=height * scale)


class _PageCanvas(Canvas):
    """Draws the footer and running header once the page count is known ("page 1 of 2")."""

    def __init__(
        self,
        *args: Any,
        footer: Text,
        footer_width: float,
        page_label: str,
        running_header: Text | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._footer_width = footer_width
        self._page_label = page_label
        self._running_header = running_header
        self._pages: list[dict[str, Any]] = []

    if TYPE_CHECKING:
        # reportlab's internals (a fresh page; the page number); its type stubs leave them out
        _pageNumber: int

        def _startPage(self) -> None: ...

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_furniture(total)
            super().showPage()
        super().save()

    def _draw_furniture(self, total: int) -> None:
        self.saveState()
        _, footer_height = self._footer.wrap(self._footer_width, PAGE_SIZE[1])
        top = FOOTER_BASELINE + footer_height
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN_X, top + 2.5 * mm, PAGE_SIZE[0] - MARGIN_X, top + 2.5 * mm)
        self._footer.drawOn(self, MARGIN_X, FOOTER_BASELINE)
        if total > 1:
            self.setFont(FONT, STYLES.running.fontSize)
            self.setFillColor(MUTED)
            text = self._page_label.format(page=self._pageNumber, pages=total)
            self.drawRightString(PAGE_SIZE[0] - MARGIN_X, top - STYLES.running.leading + 2, text)
        if self._running_header is not None and self._pageNumber > 1:
            _, height = self._running_header.wrap(CONTENT_WIDTH, PAGE_SIZE[1])
            y = PAGE_SIZE[1] - MARGIN_TOP - height
            self._running_header.drawOn(self, MARGIN_X, y)
            self.line(MARGIN_X, y - 1.5 * mm, PAGE_SIZE[0] - MARGIN_X, y - 1.5 * mm)
        self.restoreState()


def patient_form(
    kind: str,
    inp: Any,
    story: Callable[[Any, Texts, Wording], list[Flowable]],
    override_dir: TextOverrides,
) -> bytes:
    """A document about one patient in the patient's language, their name atop later pages."""
    wording = Wording(load_texts("common", inp.language, override_dir))
    texts = load_texts(kind, inp.language, override_dir)
    return render(
        story(inp, texts, wording),
        document_title=texts["document_title"],
        clinic=inp.clinic,
        language=inp.language,
        wording=wording,
        running_header=f"{inp.patient_name}  ·  {texts['document_title']}",
    )


class PageGeometry:
    """Where the frames go once the footer and running header are measured."""

    def __init__(self, footer: Text, footer_width: float, running_header: Text | None) -> None:
        _, footer_height = footer.wrap(footer_width, PAGE_SIZE[1])
        self.bottom = FOOTER_BASELINE + footer_height + 5 * mm
        header_height = 0.0
        if running_header is not None:
            _, header_height = running_header.wrap(CONTENT_WIDTH, PAGE_SIZE[1])
            header_height += 4 * mm
        self.first_height = PAGE_SIZE[1] - MARGIN_TOP - self.bottom
        self.later_height = self.first_height - header_height


def footer_text(clinic: ClinicLetterhead) -> Text:
    return para(
        "  ·  ".join(part for part in (clinic.name, clinic.address, clinic.phone) if part),
        STYLES.running,
    )


FOOTER_WIDTH = CONTENT_WIDTH - 34 * mm
"""The footer wraps short of the page number on its right."""


def render(
    story: Sequence[Flowable],
    *,
    document_title: str,
    clinic: ClinicLetterhead,
    language: Language,
    wording: Wording,
    running_header: str = "",
) -> bytes:
    """Lay out a story on A4 with the shared footer; metadata names the clinic, not the patient.

    `running_header` goes on top of every page after the first, so a loose page of a signed
    form still says whose it is.
    """
    buffer = io.BytesIO()
    footer = footer_text(clinic)
    header = para(running_header, STYLES.running) if running_header else None
    geometry = PageGeometry(footer, FOOTER_WIDTH, header)
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=geometry.bottom,
        title=document_title,
        author=clinic.name,
        subject="",
        creator="MesoDesk",
        lang=language.value,
        initialFontName=FONT,
        initialFontSize=STYLES.body.fontSize,
        initialLeading=STYLES.body.leading,
    )

    def frame(height: float, name: str) -> Frame:
        return Frame(
            MARGIN_X,
            geometry.bottom,
            CONTENT_WIDTH,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[frame(geometry.first_height, "first")],
                autoNextPageTemplate="later",
            ),
            PageTemplate(id="later", frames=[frame(geometry.later_height, "later")]),
        ]
    )
    maker: Callable[..., Canvas] = partial(
        _PageCanvas,
        footer=footer,
        footer_width=FOOTER_WIDTH,
        page_label=wording.label("page"),
        running_header=header,
    )
    doc.build(list(story), canvasmaker=maker)
    return buffer.getvalue()
