"""The aftercare sheet the patient takes home, and the home mesoscooter care sheet.

The advice printed depends on the visit: each item in the texts names the areas (or regions)
and techniques it is for, so a spine visit never tells the patient to keep make-up off their
face. A typical visit (up to 8 product lines, 2 diagrams) fits one A4 page; more flows onto a
second page under a running header, never shrunk below the family's smallest size.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from mesodesk.documents.injection_map import map_panels, mark_groups
from mesodesk.documents.layout import (
    ACCENT,
    ACCENT_LIGHT,
    ACCENT_SOFT,
    BULLET,
    CAUTION,
    CAUTION_LIGHT,
    CAUTION_SOFT,
    CHECK,
    CONTENT_WIDTH,
    CROSS,
    GOOD,
    STYLES,
    WARNING_SIGN,
    Wording,
    callout,
    data_table,
    esc,
    facts,
    heading,
    labelled,
    letterhead,
    marked_item,
    marked_list,
    para,
    render,
    section,
    signature_lines,
    style,
    title,
    two_columns,
)
from mesodesk.documents.model import AftercareInput, MesoscooterCareInput
from mesodesk.documents.text import Text
from mesodesk.documents.texts import TextOverrides, Texts, applies, load_texts

RIGHT_WIDTH = 81 * mm
"""The right column holds the injection map, which is never narrower than 80 mm."""
GAP = 6 * mm
LEFT_WIDTH = CONTENT_WIDTH - RIGHT_WIDTH - GAP
BAND_GAP = 1.5 * mm
FACT_WIDTHS = (70 * mm, 45 * mm, CONTENT_WIDTH - 115 * mm)
MAPS_IN_COLUMN = 2
"""Up to this many map panels stand in the right column; more get a full-width section."""
MAP_HEIGHT = {1: 72 * mm, 2: 36 * mm}
MAP_MIN_HEIGHT = 30 * mm
FULL_MAP_HEIGHT = 100 * mm


def build_aftercare(inp: AftercareInput, override_dir: TextOverrides = None) -> bytes:
    """The sheet for the visit; a mesoscooter care page follows when one was handed out.

    Raises ValueError for a visit with nothing recorded (the service refuses it first with a
    message for the user): an aftercare sheet of empty sections would mislead the patient.
    """
    if inp.is_empty:
        raise ValueError("the visit records no area, technique, product or mark")
    wording = Wording(load_texts("common", inp.language, override_dir))
    texts = load_texts("aftercare", inp.language, override_dir)
    running = f"{inp.patient_name}  ·  {texts['document_title']}"
    story = _aftercare_story(inp, texts, wording)
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
        running_header=running,
    )


def build_mesoscooter_care(inp: MesoscooterCareInput, override_dir: TextOverrides = None) -> bytes:
    """The home mesoscooter care sheet on its own, for a patient who bought a roller."""
    wording = Wording(load_texts("common", inp.language, override_dir))
    texts = load_texts("aftercare", inp.language, override_dir)
    title_text = texts["mesoscooter"]["document_title"]
    return render(
        _mesoscooter_story(inp, texts, wording),
        document_title=title_text,
        clinic=inp.clinic,
        language=inp.language,
        wording=wording,
        running_header=f"{inp.patient_name}  ·  {title_text}",
    )


def _aftercare_story(inp: AftercareInput, texts: Texts, wording: Wording) -> list[Flowable]:
    """The visit beside its map, then what to avoid beside what to do, then the signature."""
    maps_apart = len(mark_groups(inp.marks)) > MAPS_IN_COLUMN
    story: list[Flowable] = [
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
        two_columns(
            lambda width: _visit_column(inp, texts, wording, width),
            lambda width: _map_column(inp, texts, wording, width, with_maps=not maps_apart),
            LEFT_WIDTH,
            GAP,
        ),
        Spacer(1, BAND_GAP),
        two_columns(
            lambda width: _avoid_column(inp, texts, width),
            lambda width: _do_column(inp, texts, wording, width, signed_here=not maps_apart),
            LEFT_WIDTH,
            GAP,
        ),
    ]
    if maps_apart:
        panels = map_panels(
            inp.marks, wording, inp.language, CONTENT_WIDTH, FULL_MAP_HEIGHT, MAP_MIN_HEIGHT
        )
        story += heading(texts["headings"]["diagram"])
        for panel in panels:
            story += [panel, Spacer(1, 3 * mm)]
        story += [
            Spacer(1, 1 * mm),
            signature_lines([(wording.label("practitioner"), inp.practitioner_name)], wording),
        ]
    return story


def _chosen_advice(inp: AftercareInput, texts: Texts, kind: str) -> list[str]:
    return [
        item["text"]
        for item in texts["advice"]
        if item["kind"] == kind and applies(item, inp.areas, inp.techniques)
    ]


def _visit_column(
    inp: AftercareInput, texts: Texts, wording: Wording, width: float
) -> list[Flowable]:
    """What was done (areas, techniques, products with lots), then the reactions to expect."""
    head = texts["headings"]
    column: list[Flowable] = [*heading(head["done"], space_before=2 * mm)]
    if inp.areas:
        column.append(
            labelled(wording.label("areas"), ", ".join(wording.area(a) for a in inp.areas))
        )
    if inp.techniques:
        column.append(
            labelled(
                wording.label("techniques"),
                ", ".join(wording.technique(t) for t in inp.techniques),
            )
        )
    if inp.products:
        volume_width = 16 * mm
        lot_width = 24 * mm
        column += [
            Spacer(1, 1 * mm),
            data_table(
                [
                    para(wording.label("product"), STYLES.head_cell),
                    para(wording.label("lot"), STYLES.head_cell),
                    para(wording.label("volume"), STYLES.head_cell_right),
                ],
                [
                    [
                        para(use.product, STYLES.cell),
                        para(use.lot_number, STYLES.cell),
                        para(wording.volume(use.volume_ml), STYLES.cell_right),
                    ]
                    for use in inp.products
                ],
                [width - lot_width - volume_width, lot_width, volume_width],
            ),
        ]
    reactions = [item for item in texts["reactions"] if applies(item, inp.areas, inp.techniques)]
    expected = [
        Text(f"{esc(item['text'])}: <b>{esc(item['duration'])}</b>", STYLES.cell)
        for item in reactions
    ]
    column += [
        *heading(head["expect"], space_before=3 * mm),
        *[marked_item(paragraph, BULLET, ACCENT, width) for paragraph in expected],
        Spacer(1, 0.6 * mm),
        para(texts["phrases"]["recovery_note"], STYLES.small),
    ]
    return column


def _map_column(
    inp: AftercareInput, texts: Texts, wording: Wording, width: float, with_maps: bool
) -> list[Flowable]:
    """The injection map, when marks were charted, above the next appointment."""
    column: list[Flowable] = []
    panels = len(mark_groups(inp.marks))
    if with_maps and panels:
        column += heading(texts["headings"]["diagram"], space_before=2 * mm)
        for panel in map_panels(
            inp.marks,
            wording,
            inp.language,
            width,
            MAP_HEIGHT.get(panels, MAP_HEIGHT[2]),
            MAP_MIN_HEIGHT,
            locator_height=22 * mm,
        ):
            column += [panel, Spacer(1, 2 * mm)]
    else:
        column.append(Spacer(1, 2 * mm))
    column.append(_next_appointment(inp, texts, wording, width))
    return column


def _next_appointment(
    inp: AftercareInput, texts: Texts, wording: Wording, width: float
) -> Flowable:
    label = style("next_label", STYLES.heading, fontSize=9.5, leading=12)
    if inp.next_appointment is not None:
        when = para(wording.datetime(inp.next_appointment), STYLES.emphasis)
    else:
        when = para(texts["phrases"]["next_none"], STYLES.body)
    return callout(
        [
            para(texts["headings"]["next"], label),
            Spacer(1, 1 * mm),
            when,
            Spacer(1, 1.2 * mm),
            para(texts["phrases"]["next_hint"], STYLES.small),
        ],
        width,
        ACCENT_LIGHT,
        ACCENT_SOFT,
    )


def _avoid_column(inp: AftercareInput, texts: Texts, width: float) -> list[Flowable]:
    return [
        *heading(texts["headings"]["dont"], space_before=2 * mm),
        marked_list(_chosen_advice(inp, texts, "dont"), CROSS, CAUTION, width, STYLES.cell),
    ]


def _do_column(
    inp: AftercareInput, texts: Texts, wording: Wording, width: float, signed_here: bool
) -> list[Flowable]:
    """What to do, then the signs that should make the patient call, in a box that stands out;
    then, unless the maps follow on a band of their own, the practitioner's signature (this
    column is the shorter one, so the sheet keeps to one page)."""
    column: list[Flowable] = []
    do = _chosen_advice(inp, texts, "do")
    if do:
        column += [
            *heading(texts["headings"]["do"], space_before=2 * mm),
            marked_list(do, CHECK, GOOD, width, STYLES.cell),
            Spacer(1, 2 * mm),
        ]
    else:
        column.append(Spacer(1, 2 * mm))
    call_style = style("call_heading", STYLES.heading, fontSize=9.5, leading=12, textColor=CAUTION)
    phone_style = style("call_phone", STYLES.cell_bold, textColor=CAUTION, spaceBefore=1)
    warnings = [item["text"] for item in texts["warnings"]]
    call: list[Flowable] = [
        para(texts["headings"]["call"], call_style),
        Spacer(1, 1.2 * mm),
        *[
            marked_item(para(warning, STYLES.cell), WARNING_SIGN, CAUTION, width - 6.4 * mm)
            for warning in warnings
        ],
    ]
    if inp.clinic.phone.strip():  # no number set: no bare "Phone:" line
        call.append(
            para(texts["phrases"]["call_phone"].format(phone=inp.clinic.phone), phone_style)
        )
    column.append(callout(call, width, CAUTION_LIGHT, CAUTION_SOFT))
    if signed_here:
        column += [
            Spacer(1, 2 * mm),
            signature_lines(
                [(wording.label("practitioner"), inp.practitioner_name)], wording, width=width
            ),
        ]
    return column


def _mesoscooter_story(inp: MesoscooterCareInput, texts: Texts, wording: Wording) -> list[Flowable]:
    care = texts["mesoscooter"]
    number_style = style("step_number", STYLES.mark, fontSize=11, leading=14, textColor=ACCENT)
    step_style = style("step", STYLES.body, fontSize=10.5, leading=14.5)
    intro_style = style("intro", STYLES.body, fontSize=10, leading=14, spaceBefore=4 * mm)
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
    closing_style = style("closing", STYLES.cell_bold, fontSize=10, leading=13)
    phone = inp.clinic.phone.strip()
    closing = care["closing"].format(phone=phone) if phone else care["closing_no_phone"]
    story += [
        Spacer(1, 8 * mm),
        callout([para(closing, closing_style)], CONTENT_WIDTH, ACCENT_LIGHT, ACCENT_SOFT),
        Spacer(1, 4 * mm),
        signature_lines([(wording.label("practitioner"), inp.practitioner_name)], wording),
    ]
    return story
