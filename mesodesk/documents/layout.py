"""The look shared by every MesoDesk document: fonts, colours, styles, letterhead and footer.

One module so the aftercare sheet, the consent form and the visit summary read as one family,
and a change of colour or font is made once.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepInFrame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from mesodesk.documents.model import ClinicLetterhead, ImageSource
from mesodesk.documents.texts import Texts, load_texts
from mesodesk.domain.vocabulary import Area, Language, Method, Reaction, ReactionSeverity, Technique
from mesodesk.paths import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

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
MARGIN_TOP = 13 * mm
MARGIN_BOTTOM = 17 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
CONTENT_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

CHECK = "\u2713"
CROSS = "\u2715"
WARNING_SIGN = "!"


def ensure_fonts() -> None:
    """Register the shipped DejaVu fonts on first use; reportlab embeds only the glyphs used.

    Called when a document is built (by `Wording`), not at import, so importing MesoDesk never
    reads a font file.
    """
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


def _style(name: str, **overrides: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT,
        "fontSize": 8.8,
        "leading": 11.6,
        "textColor": INK,
    }
    base.update(overrides)
    return ParagraphStyle(name, **base)


class Styles:
    """Paragraph styles of the family, sized for A4 handouts read at arm's length."""

    body: ParagraphStyle = _style("body")
    small: ParagraphStyle = _style(
        "small", fontName=FONT_ITALIC, fontSize=7.8, leading=10, textColor=MUTED
    )
    title: ParagraphStyle = _style(
        "title", fontName=FONT_BOLD, fontSize=16, leading=20, textColor=ACCENT
    )
    heading: ParagraphStyle = _style(
        "heading", fontName=FONT_BOLD, fontSize=10.5, leading=13, textColor=ACCENT
    )
    label: ParagraphStyle = _style("label", fontSize=7.2, leading=9, textColor=MUTED)
    value: ParagraphStyle = _style("value", fontName=FONT_BOLD, fontSize=10, leading=13)
    cell: ParagraphStyle = _style("cell", fontSize=8.5, leading=11)
    cell_bold: ParagraphStyle = _style("cell_bold", fontName=FONT_BOLD, fontSize=8.5, leading=11)
    cell_right: ParagraphStyle = _style("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT)
    head_cell: ParagraphStyle = _style(
        "head_cell", fontName=FONT_BOLD, fontSize=7.6, leading=9.5, textColor=ACCENT
    )
    head_cell_right: ParagraphStyle = _style(
        "head_cell_right",
        fontName=FONT_BOLD,
        fontSize=7.6,
        leading=9.5,
        textColor=ACCENT,
        alignment=TA_RIGHT,
    )
    mark: ParagraphStyle = _style("mark", fontName=FONT_BOLD, fontSize=9, leading=11.6)
    clinic_name: ParagraphStyle = _style(
        "clinic_name", fontName=FONT_BOLD, fontSize=13, leading=16, textColor=ACCENT
    )
    clinic_line: ParagraphStyle = _style("clinic_line", fontSize=8.2, leading=10.5, textColor=MUTED)
    clinic_phone: ParagraphStyle = _style(
        "clinic_phone", fontName=FONT_BOLD, fontSize=10, leading=12, alignment=TA_RIGHT
    )
    emphasis: ParagraphStyle = _style(
        "emphasis", fontName=FONT_BOLD, fontSize=13, leading=16.5, textColor=ACCENT
    )


STYLES = Styles()


def esc(text: str) -> str:
    """Plain text made safe for Paragraph markup (a clinic called "A & B" must not break it)."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph from plain text."""
    return Paragraph(esc(text), style)


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

    def volume(self, value_ml: Decimal) -> str:
        """Millilitres with at least one decimal, in the language's decimal separator."""
        shown = value_ml.quantize(Decimal("0.1"))
        if shown != value_ml:
            shown = value_ml.normalize()
        number = format(shown, "f").replace(".", str(self._t["decimal_separator"]))
        return f"{number}\u00a0{self.label('ml')}"

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
    **options: Any,
) -> Table:
    """A reportlab Table in the family font, so no cell falls back to an unembedded Helvetica."""
    table = Table([list(row) for row in rows], colWidths=list(widths), **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands]))
    return table


def labelled(label: str, value: str) -> Paragraph:
    """ "Label: value" on one line, the label quiet and the value bold."""
    style = ParagraphStyle("labelled", parent=STYLES.body, spaceAfter=1.5)
    muted = "#" + MUTED.hexval()[2:]
    return Paragraph(f'<font color="{muted}">{esc(label)}:</font> <b>{esc(value)}</b>', style)


def letterhead(clinic: ClinicLetterhead) -> Table:
    """The clinic band at the top of the first page: logo, name, address, phone."""
    details: list[Flowable] = [para(clinic.name, STYLES.clinic_name)]
    if clinic.address:
        details.append(para(clinic.address, STYLES.clinic_line))
    cells: list[Any] = []
    widths: list[float] = []
    if clinic.show_logo and clinic.logo_png:
        cells.append(image(clinic.logo_png, 34 * mm, 16 * mm))
        widths.append(38 * mm)
    style = STYLES.clinic_phone
    phone_width = stringWidth(clinic.phone, style.fontName, style.fontSize) + 8 * mm + 1
    cells += [details, para(clinic.phone, style) if clinic.phone else ""]
    widths += [CONTENT_WIDTH - sum(widths) - phone_width, phone_width]
    return grid(
        [cells],
        widths,
        [
            ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 3.2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2 * mm),
        ],
        cornerRadii=[3 * mm] * 4,
    )


def title(text: str) -> Paragraph:
    """The document's title under the letterhead."""
    style = ParagraphStyle("title_spaced", parent=STYLES.title, spaceBefore=5 * mm, spaceAfter=3)
    return para(text, style)


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
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
        ],
    )
    strip.spaceAfter = 1.5 * mm
    return strip


def heading(text: str, space_before: float = 4.5 * mm) -> list[Flowable]:
    """A section heading with a thin accent rule, never left alone at the foot of a page."""
    style = ParagraphStyle(
        "heading_spaced", parent=STYLES.heading, spaceBefore=space_before, keepWithNext=1
    )
    rule = HRFlowable(width="100%", thickness=0.8, color=ACCENT_SOFT, spaceBefore=1.5, spaceAfter=4)
    rule.keepWithNext = 1
    return [para(text, style), rule]


def section(text: str, body: Sequence[Flowable], space_before: float = 4.5 * mm) -> KeepTogether:
    """A heading and its content on the same page."""
    return KeepTogether([*heading(text, space_before), *body])


def marked_list(
    texts: Sequence[str],
    mark: str | Sequence[str],
    mark_color: colors.Color,
    width: float,
    style: ParagraphStyle | None = None,
    gap: float = 2.2,
    mark_style: ParagraphStyle | None = None,
) -> Table:
    """Items with a coloured mark (or one mark each) in a hanging column, so lines align."""
    marks = [mark] * len(texts) if isinstance(mark, str) else list(mark)
    coloured = ParagraphStyle(
        "mark_coloured", parent=mark_style or STYLES.mark, textColor=mark_color
    )
    rows = [
        [para(m, coloured), para(text, style or STYLES.body)]
        for m, text in zip(marks, texts, strict=True)
    ]
    mark_width = 7 * mm if mark_style else 5 * mm
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


def data_table(
    header: Sequence[Paragraph],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    total_row: bool = False,
) -> Table:
    """A light table: accent line under the header, zebra rows, no heavy grid.

    With `total_row` the last row is set apart as a sum.
    """
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(rows) + 1, 2)]
    if total_row:
        commands += [
            ("BACKGROUND", (0, -1), (-1, -1), colors.white),
            ("LINEABOVE", (0, -1), (-1, -1), 0.6, ACCENT_SOFT),
        ]
    return grid([header, *rows], widths, commands, repeatRows=1)


def callout(
    content: Sequence[Flowable], width: float, background: colors.Color, border: colors.Color
) -> Table:
    """A tinted, rounded box that draws the eye (warning signs, next appointment)."""
    return grid(
        [[list(content)]],
        [width],
        [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("BOX", (0, 0), (-1, -1), 0.8, border),
            ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.8 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
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


def signature_lines(rows: Sequence[tuple[str, str]], wording: Wording) -> Table:
    """Per signer: the name, a line to sign on and a line for the date, labelled underneath."""
    gap = 7 * mm
    widths = [70 * mm, gap, 58 * mm, gap, CONTENT_WIDTH - 128 * mm - 2 * gap]
    cells: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for index, (role, name) in enumerate(rows):
        top = 2 * index
        cells.append([para(name, STYLES.cell_bold), "", "", "", ""])
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
            ("TOPPADDING", (0, top), (-1, top), 8 * mm if index else 6 * mm),
            ("LINEBELOW", (2, top), (2, top), 0.7, INK),
            ("LINEBELOW", (4, top), (4, top), 0.7, INK),
        ]
    return grid(cells, widths, commands)


def framed_image(source: ImageSource, width: float, max_height: float) -> Table:
    """A picture centred in a light rounded frame, so a white-background diagram has an edge."""
    pad = 2 * mm
    return grid(
        [[image(source, width - 2 * pad, max_height - 2 * pad)]],
        [width],
        [
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ],
        cornerRadii=[2 * mm] * 4,
    )


def image(source: ImageSource, max_width: float, max_height: float) -> Image:
    """A PNG scaled to fit the box, keeping its proportions."""
    raw = source.read_bytes() if isinstance(source, Path) else source
    width, height = ImageReader(io.BytesIO(raw)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(raw), width=width * scale, height=height * scale)


class ShrinkToFit(KeepInFrame):
    """Content laid out at full width and, if too tall, scaled down as a whole, like a copier.

    reportlab's own shrink re-wraps text wider than the fixed-width tables, which breaks the
    alignment of the page; a uniform scale keeps every edge where the layout put it.
    """

    def __init__(self, content: Sequence[Flowable], width: float, height: float) -> None:
        self._flowables = list(content)
        super().__init__(width, height, self._flowables, mode="shrink", hAlign="CENTER")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width = min(self.maxWidth, availWidth)
        height = min(self.maxHeight, availHeight)
        total = 0.0
        previous_after = 0.0
        for index, flowable in enumerate(self._flowables):
            _, h = flowable.wrapOn(self.canv, width, 0x7FFFFFFF)
            if index:
                total += previous_after + max(flowable.getSpaceBefore() - previous_after, 0)
            total += h
            previous_after = flowable.getSpaceAfter()
        self._scale = max(1.0, total / height)
        self.width = width / self._scale
        self.height = total / self._scale
        return self.width, self.height


class _FooterCanvas(Canvas):
    """Draws the footer once the page count is known, so "page 1 of 2" is right."""

    def __init__(
        self, *args: Any, footer: str, page_label: str, running_header: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._page_label = page_label
        self._running_header = running_header
        self._pages: list[dict[str, Any]] = []

    if TYPE_CHECKING:
        # reportlab's internal that begins a fresh page; its type stubs leave it out
        def _startPage(self) -> None: ...

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        y = MARGIN_BOTTOM - 8 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN_X, y + 4 * mm, PAGE_SIZE[0] - MARGIN_X, y + 4 * mm)
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(MARGIN_X, y, self._footer)
        if total > 1:
            text = self._page_label.format(page=self.getPageNumber(), pages=total)
            self.drawRightString(PAGE_SIZE[0] - MARGIN_X, y, text)
        if self._running_header and self.getPageNumber() > 1:
            self.drawString(MARGIN_X, PAGE_SIZE[1] - MARGIN_TOP + 4 * mm, self._running_header)
        self.restoreState()


def patient_form(
    kind: str,
    inp: Any,
    story: Callable[[Any, Texts, Wording], list[Flowable]],
    override_dir: Path | None,
) -> bytes:
    """A document of several pages about one patient (consent, visit summary): its texts in the
    patient's language, and the patient's name on top of every page after the first."""
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
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=document_title,
        author=clinic.name,
        subject="",
        creator="MesoDesk",
        lang=language.value,
        initialFontName=FONT,
        initialFontSize=STYLES.body.fontSize,
        initialLeading=STYLES.body.leading,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        CONTENT_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = "  ·  ".join(part for part in (clinic.name, clinic.address, clinic.phone) if part)
    maker: Callable[..., Canvas] = partial(
        _FooterCanvas,
        footer=footer,
        page_label=wording.label("page"),
        running_header=running_header,
    )
    doc.build(list(story), canvasmaker=maker)
    return buffer.getvalue()
