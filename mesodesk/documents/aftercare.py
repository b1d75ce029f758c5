"""The aftercare sheet the patient takes home, and the home mesoscooter care sheet.

The advice printed depends on the visit: each item in the texts names the regions and
techniques it is for, so a spine visit never tells the patient to keep make-up off their face.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from mesodesk.documents.layout import (
    ACCENT,
    ACCENT_LIGHT,
    ACCENT_SOFT,
    CAUTION,
    CAUTION_LIGHT,
    CAUTION_SOFT,
    CHECK,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    CROSS,
    GOOD,
    STYLES,
    WARNING_SIGN,
    ShrinkToFit,
    Wording,
    callout,
    columns,
    data_table,
    facts,
    framed_image,
    heading,
    labelled,
    letterhead,
    marked_list,
    para,
    render,
    section,
    signature_lines,
    title,
)
from mesodesk.documents.model import AftercareInput, MesoscooterCareInput
from mesodesk.documents.texts import Texts, applies, load_texts

RIGHT_WIDTH = 64 * mm
DIAGRAM_HEIGHT = 66 * mm
GAP = 7 * mm
LEFT_WIDTH = CONTENT_WIDTH - RIGHT_WIDTH - GAP
BAND_GAP = 3 * mm
FACT_WIDTHS = (72 * mm, 44 * mm, CONTENT_WIDTH - 116 * mm)


def build_aftercare(inp: AftercareInput, override_dir: Path | None = None) -> bytes:
    """One A4 page for the visit; a mesoscooter care page follows when one was handed out.

    A visit with unusually many areas, products or clinic-added advice is shrunk slightly to
    stay on one page rather than spill the signature onto a second sheet.
    """
    wording = Wording(load_texts("common", inp.language, override_dir))
    texts = load_texts("aftercare", inp.language, override_dir)
    story: list[Flowable] = [
        ShrinkToFit(_aftercare_story(inp, texts, wording), CONTENT_WIDTH, CONTENT_HEIGHT)
    ]
    if inp.home_mesoscooter:
        care = MesoscooterCareInput(
            language=inp.language,
            clinic=inp.clinic,
            patient_name=inp.patient_name,
            issued_on=inp.visit_on,
            practitioner_name=inp.practitioner_name,
        )
        story += [PageBreak(), *_mesoscooter_story(care, texts, wording)]
    return render(
        story,
        document_title=texts["document_title"],
        clinic=inp.clinic,
        language=inp.language,
        wording=wording,
    )


def build_mesoscooter_care(inp: MesoscooterCareInput, override_dir: Path | None = None) -> bytes:
    """The home mesoscooter care sheet on its own, for a patient who bought a roller."""
    wording = Wording(load_texts("common", inp.language, override_dir))
    texts = load_texts("aftercare", inp.language, override_dir)
    return render(
        _mesoscooter_story(inp, texts, wording),
        document_title=texts["mesoscooter"]["document_title"],
        clinic=inp.clinic,
        language=inp.language,
        wording=wording,
    )


def _aftercare_story(inp: AftercareInput, texts: Texts, wording: Wording) -> list[Flowable]:
    """Two bands of two columns: the visit beside its map, then the advice beside the warnings."""
    widths = [LEFT_WIDTH + GAP / 2, RIGHT_WIDTH + GAP / 2]
    return [
        letterhead(inp.clinic),
        title(texts["title"]),
        facts(
            [
                (wording.label("patient"), inp.patient_name),
                (wording.label("visit_date"), wording.date(inp.visit_on)),
                (wording.label("practitioner"), inp.practitioner_name),
            ],
            FACT_WIDTHS,
        ),
        Spacer(1, BAND_GAP),
        columns(
            [_visit_column(inp, texts, wording), _map_column(inp, texts, wording)],
            widths,
            gap=GAP,
        ),
        Spacer(1, BAND_GAP),
        columns([_avoid_column(inp, texts), _do_column(inp, texts)], widths, gap=GAP),
        Spacer(1, 4 * mm),
        signature_lines([(wording.label("practitioner"), inp.practitioner_name)], wording),
    ]


def _chosen_advice(inp: AftercareInput, texts: Texts, kind: str) -> list[str]:
    return [
        item["text"]
        for item in texts["advice"]
        if item["kind"] == kind and applies(item, inp.areas, inp.techniques)
    ]


def _visit_column(inp: AftercareInput, texts: Texts, wording: Wording) -> list[Flowable]:
    """What was done (areas, techniques, products with lots), then the reactions to expect."""
    head = texts["headings"]
    column: list[Flowable] = [
        *heading(head["done"]),
        labelled(wording.label("areas"), ", ".join(wording.area(a) for a in inp.areas)),
        labelled(
            wording.label("techniques"), ", ".join(wording.technique(t) for t in inp.techniques)
        ),
    ]
    if inp.products:
        volume_width = 20 * mm
        lot_width = 30 * mm
        column += [
            Spacer(1, 2 * mm),
            data_table(
                [
                    para(wording.label("product"), STYLES.head_cell),
                    para(wording.label("lot"), STYLES.head_cell),
                    para(wording.label("volume"), STYLES.head_cell_right),
                ],
                [
                    [
                        para(use.product, STYLES.cell_bold),
                        para(use.lot_number, STYLES.cell),
                        para(wording.volume(use.volume_ml), STYLES.cell_right),
                    ]
                    for use in inp.products
                ],
                [LEFT_WIDTH - lot_width - volume_width, lot_width, volume_width],
            ),
        ]
    reactions = [item for item in texts["reactions"] if applies(item, inp.areas, inp.techniques)]
    duration_width = 50 * mm
    column += [
        *heading(head["expect"]),
        data_table(
            [para(head["reaction"], STYLES.head_cell), para(head["duration"], STYLES.head_cell)],
            [
                [para(item["text"], STYLES.cell), para(item["duration"], STYLES.cell_bold)]
                for item in reactions
            ],
            [LEFT_WIDTH - duration_width, duration_width],
        ),
        Spacer(1, 1.5 * mm),
        para(texts["phrases"]["recovery_note"], STYLES.small),
    ]
    return column


def _map_column(inp: AftercareInput, texts: Texts, wording: Wording) -> list[Flowable]:
    """The injection map, when there is one, above the next appointment."""
    column: list[Flowable] = []
    if inp.diagram_png is not None:
        column += [
            *heading(texts["headings"]["diagram"]),
            framed_image(inp.diagram_png, RIGHT_WIDTH, DIAGRAM_HEIGHT),
            Spacer(1, 4 * mm),
        ]
    else:
        column.append(Spacer(1, 4.5 * mm))
    column.append(_next_appointment(inp, texts, wording))
    return column


def _next_appointment(inp: AftercareInput, texts: Texts, wording: Wording) -> Flowable:
    label = ParagraphStyle("next_label", parent=STYLES.heading, fontSize=9.5, leading=12)
    if inp.next_appointment is not None:
        when = para(wording.datetime(inp.next_appointment), STYLES.emphasis)
    else:
        when = para(texts["phrases"]["next_none"], STYLES.body)
    return callout(
        [
            para(texts["headings"]["next"], label),
            Spacer(1, 1.2 * mm),
            when,
            Spacer(1, 1.5 * mm),
            para(texts["phrases"]["next_hint"], STYLES.small),
        ],
        RIGHT_WIDTH,
        ACCENT_LIGHT,
        ACCENT_SOFT,
    )


def _avoid_column(inp: AftercareInput, texts: Texts) -> list[Flowable]:
    return [
        *heading(texts["headings"]["dont"]),
        marked_list(_chosen_advice(inp, texts, "dont"), CROSS, CAUTION, LEFT_WIDTH),
    ]


def _do_column(inp: AftercareInput, texts: Texts) -> list[Flowable]:
    """What to do, then the signs that should make the patient call, in a box that stands out."""
    column: list[Flowable] = []
    do = _chosen_advice(inp, texts, "do")
    if do:
        column += [
            *heading(texts["headings"]["do"]),
            marked_list(do, CHECK, GOOD, RIGHT_WIDTH),
            Spacer(1, 2.5 * mm),
        ]
    else:
        column.append(Spacer(1, 4.5 * mm))
    call_style = ParagraphStyle(
        "call_heading", parent=STYLES.heading, fontSize=9.5, leading=12, textColor=CAUTION
    )
    phone_style = ParagraphStyle(
        "call_phone", parent=STYLES.cell_bold, textColor=CAUTION, spaceBefore=1
    )
    warnings = [item["text"] for item in texts["warnings"]]
    call: list[Flowable] = [
        para(texts["headings"]["call"], call_style),
        Spacer(1, 1.5 * mm),
        marked_list(warnings, WARNING_SIGN, CAUTION, RIGHT_WIDTH - 7 * mm, STYLES.cell),
    ]
    if inp.clinic.phone.strip():  # no number set: no bare "Phone:" line
        call.append(
            para(texts["phrases"]["call_phone"].format(phone=inp.clinic.phone), phone_style)
        )
    column.append(
        callout(
            call,
            RIGHT_WIDTH,
            CAUTION_LIGHT,
            CAUTION_SOFT,
        )
    )
    return column


def _mesoscooter_story(inp: MesoscooterCareInput, texts: Texts, wording: Wording) -> list[Flowable]:
    care = texts["mesoscooter"]
    number_style = ParagraphStyle(
        "step_number", parent=STYLES.mark, fontSize=11, leading=14, textColor=ACCENT
    )
    step_style = ParagraphStyle("step", parent=STYLES.body, fontSize=10.5, leading=14.5)
    intro_style = ParagraphStyle(
        "intro", parent=STYLES.body, fontSize=10, leading=14, spaceBefore=4 * mm
    )
    story: list[Flowable] = [
        letterhead(inp.clinic),
        title(care["title"]),
        facts(
            [
                (wording.label("patient"), inp.patient_name),
                (wording.label("date"), wording.date(inp.issued_on)),
                (wording.label("practitioner"), inp.practitioner_name),
            ],
            FACT_WIDTHS,
        ),
        para(care["intro"], intro_style),
    ]
    number = 1
    for block in care["sections"]:
        steps = [item["text"] for item in block["items"]]
        marks = [f"{n}." for n in range(number, number + len(steps))]
        number += len(steps)
        rows = marked_list(steps, marks, ACCENT, CONTENT_WIDTH, step_style, 4, number_style)
        story.append(section(block["heading"], [rows], space_before=6 * mm))
    closing = ParagraphStyle("closing", parent=STYLES.cell_bold, fontSize=10, leading=13)
    story += [
        Spacer(1, 8 * mm),
        callout(
            [para(care["closing"].format(phone=inp.clinic.phone), closing)],
            CONTENT_WIDTH,
            ACCENT_LIGHT,
            ACCENT_SOFT,
        ),
        Spacer(1, 4 * mm),
        signature_lines([(wording.label("practitioner"), inp.practitioner_name)], wording),
    ]
    return story
