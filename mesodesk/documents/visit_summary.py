"""The visit record printed for the practitioner's paper file.

Lots, reactions and any overridden clinical checks are printed in full: this is the page that
answers "which batch did she get, and who decided to go ahead" months later.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from mesodesk.documents.layout import (
    CAUTION,
    CONTENT_WIDTH,
    STYLES,
    Wording,
    columns,
    data_table,
    facts,
    framed_image,
    heading,
    labelled,
    letterhead,
    marked_list,
    para,
    patient_form,
    section,
    signature_lines,
    title,
)
from mesodesk.documents.model import VisitSummaryInput
from mesodesk.documents.texts import Texts

RIGHT_WIDTH = 56 * mm
GAP = 7 * mm
WARNING_MARK = "!"


def build_visit_summary(inp: VisitSummaryInput, override_dir: Path | None = None) -> bytes:
    """The visit summary in the clinic's language of record (the `language` field)."""
    return patient_form("visit_summary", inp, _story, override_dir)


def _story(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    head = texts["headings"]
    labels = texts["labels"]
    none = para(labels["none_recorded"], STYLES.body)
    birth = wording.date(inp.birth_date) if inp.birth_date else "—"
    story: list[Flowable] = [
        letterhead(inp.clinic),
        title(texts["title"]),
        facts(
            [
                (wording.label("patient"), inp.patient_name),
                (wording.label("birth_date"), birth),
                (wording.label("visit_date"), wording.date(inp.visit_on)),
            ],
            [80 * mm, 50 * mm, CONTENT_WIDTH - 130 * mm],
        ),
        Spacer(1, 1.5 * mm),
        _procedure(inp, texts, wording),
        section(head["reactions"], [_reactions(inp, texts, wording) if inp.reactions else none]),
        section(
            head["findings"],
            [
                marked_list(inp.findings, WARNING_MARK, CAUTION, CONTENT_WIDTH)
                if inp.findings
                else none
            ],
        ),
        section(head["notes"], [para(inp.notes, STYLES.body) if inp.notes.strip() else none]),
        section(head["signature"], _signature(inp, texts, wording)),
    ]
    if inp.addenda:
        story += heading(head["addenda"])
        for addendum in inp.addenda:
            when = wording.datetime(addendum.written_at)
            story += [
                para(labels["addendum"].format(when=when, author=addendum.author), STYLES.label),
                para(addendum.text, ParagraphStyle("addendum", parent=STYLES.body, spaceAfter=6)),
            ]
    return story


def _procedure(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> Flowable:
    """Areas, techniques, method and products with lots, beside the injection map if any."""
    has_diagram = inp.diagram_png is not None
    left_width = CONTENT_WIDTH - (RIGHT_WIDTH + GAP if has_diagram else 0)
    method = wording.method(inp.method) if inp.method else "—"
    left: list[Flowable] = [
        *heading(texts["headings"]["procedure"]),
        labelled(wording.label("areas"), ", ".join(wording.area(a) for a in inp.areas) or "—"),
        labelled(
            wording.label("techniques"),
            ", ".join(wording.technique(t) for t in inp.techniques) or "—",
        ),
        labelled(wording.label("method"), method),
        labelled(wording.label("practitioner"), inp.practitioner_name),
        *heading(texts["headings"]["products"]),
        _products(inp, texts, wording, left_width),
    ]
    if inp.diagram_png is None:
        return columns([left], [left_width], gap=0)
    right = [
        *heading(texts["headings"]["diagram"]),
        framed_image(inp.diagram_png, RIGHT_WIDTH, 70 * mm),
    ]
    return columns([left, right], [left_width + GAP / 2, RIGHT_WIDTH + GAP / 2], gap=GAP)


def _products(inp: VisitSummaryInput, texts: Texts, wording: Wording, width: float) -> Flowable:
    if not inp.products:
        return para(texts["labels"]["none_recorded"], STYLES.body)
    lot, volume, expires = 28 * mm, 20 * mm, 26 * mm
    rows: list[list[Paragraph | str]] = [
        [
            para(use.product, STYLES.cell_bold),
            para(use.lot_number, STYLES.cell),
            para(wording.date(use.expires_on) if use.expires_on else "—", STYLES.cell),
            para(wording.volume(use.volume_ml), STYLES.cell_right),
        ]
        for use in inp.products
    ]
    total = sum((use.volume_ml for use in inp.products), Decimal(0))
    rows.append(
        [
            para(wording.label("total"), STYLES.cell_bold),
            "",
            "",
            para(
                wording.volume(total),
                ParagraphStyle(
                    "total", parent=STYLES.cell_right, fontName=STYLES.cell_bold.fontName
                ),
            ),
        ]
    )
    return data_table(
        [
            para(wording.label("product"), STYLES.head_cell),
            para(wording.label("lot"), STYLES.head_cell),
            para(wording.label("expires"), STYLES.head_cell),
            para(wording.label("volume"), STYLES.head_cell_right),
        ],
        rows,
        [width - lot - volume - expires, lot, expires, volume],
        total_row=True,
    )


def _reactions(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> Flowable:
    labels = texts["labels"]
    reaction_width, severity_width = 52 * mm, 30 * mm
    return data_table(
        [
            para(labels["reaction"], STYLES.head_cell),
            para(labels["severity"], STYLES.head_cell),
            para(labels["note"], STYLES.head_cell),
        ],
        [
            [
                para(wording.reaction(seen.reaction), STYLES.cell_bold),
                para(wording.severity(seen.severity), STYLES.cell),
                para(seen.note or "—", STYLES.cell),
            ]
            for seen in inp.reactions
        ],
        [reaction_width, severity_width, CONTENT_WIDTH - reaction_width - severity_width],
    )


def _signature(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    labels = texts["labels"]
    if inp.signed_by and inp.signed_at:
        signed = labels["signed"].format(name=inp.signed_by, when=wording.datetime(inp.signed_at))
        status = para(signed, STYLES.cell_bold)
    else:
        status = para(labels["unsigned"], STYLES.body)
    return [
        status,
        signature_lines([(wording.label("practitioner"), inp.practitioner_name)], wording),
    ]
