"""The visit protocol printed for the practitioner's paper file.

Every clinical fact of the visit is on it: per zone the technique, depth, needle, injections
and volume (from the injection marks), the products with lot and expiry, anaesthesia and
disinfection, the map, reactions, every safety finding with the decision taken on it (who,
when, why), the signature and the addenda. It answers "which batch did she get, how deep, and
who decided to go ahead" months later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from mesodesk.documents.injection_map import map_panels, zone_label
from mesodesk.documents.layout import (
    CAUTION,
    CONTENT_WIDTH,
    GOOD,
    MUTED,
    STYLES,
    Wording,
    columns,
    data_table,
    esc,
    facts,
    heading,
    hex_of,
    image,
    labelled,
    letterhead,
    para,
    patient_form,
    section,
    signature_lines,
    style,
    title,
)
from mesodesk.documents.model import FindingLine, VisitSummaryInput
from mesodesk.documents.text import Text
from mesodesk.documents.texts import TextOverrides, Texts
from mesodesk.domain.diagram import DiagramName, injection_count, load_diagram
from mesodesk.domain.findings import Severity
from mesodesk.domain.mark_records import MarkRecord
from mesodesk.domain.photo_marks import MarkPhoto
from mesodesk.domain.vocabulary import Language, Technique

MAP_HEIGHT = 95 * mm
MAP_MIN_HEIGHT = 60 * mm
_SEVERITY_COLOUR = {
    Severity.BLOCK: CAUTION,
    Severity.POSTPONE: CAUTION,
    Severity.WARNING: CAUTION,
    Severity.INFO: MUTED,
}
_MM = re.compile(r"(\d)\s*(?:mm|мм)(?!\w)")
_ML = re.compile(r"(\d)\s*(?:ml|мл)(?!\w)")


@dataclass(slots=True)
class ZoneRow:
    """Injections of one technique in one zone of one diagram, summed over the marks."""

    diagram: DiagramName
    zone: str | None
    technique: Technique
    injections: int = 0
    volume_ml: Decimal = Decimal(0)
    depths: set[Decimal] = field(default_factory=set)
    needles: list[str] = field(default_factory=list)
    photo: MarkPhoto | None = None
    """Set for the marks placed on this photo of the visit (they lie in no zone)."""


def zone_rows(marks: Sequence[MarkRecord]) -> list[ZoneRow]:
    """The marks per zone and technique, in the diagrams' and zones' own order.

    Counts and volumes are those of `zone_totals` (each mark whole in its zone); a zone worked
    with two techniques gets a row for each, since depth and needle go with the technique.
    """
    rows: dict[tuple[DiagramName, str | None, Technique, int | None], ZoneRow] = {}
    for mark in marks:
        key = (mark.diagram, mark.zone, mark.counted_technique, mark.photo_id)
        row = rows.setdefault(key, ZoneRow(*key[:3], photo=mark.photo))
        count = injection_count(mark.geometry())
        row.injections += count
        row.volume_ml += (mark.volume_ml or Decimal(0)) * count
        if mark.depth_mm is not None:
            row.depths.add(Decimal(mark.depth_mm))
        if mark.needle.strip() and mark.needle.strip() not in row.needles:
            row.needles.append(mark.needle.strip())

    def order(
        key: tuple[DiagramName, str | None, Technique, int | None],
    ) -> tuple[int, int, int, int, int]:
        diagram, zone, technique, photo = key
        names = [z.name for z in load_diagram(diagram).zones]
        zone_index = names.index(zone) if zone in names else len(names)
        return (
            0 if photo is None else 1,  # the photos' marks after the diagrams'
            photo or 0,
            list(DiagramName).index(diagram),
            zone_index,
            list(Technique).index(technique),
        )

    return [rows[key] for key in sorted(rows, key=order)]


def build_visit_summary(inp: VisitSummaryInput, override_dir: TextOverrides = None) -> bytes:
    """The visit protocol in the language asked for (the `language` field)."""
    return patient_form("visit_summary", inp, _story, override_dir)


def _story(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    head = texts["headings"]
    labels = texts["labels"]
    none = para(labels["none_recorded"], STYLES.body)
    birth = wording.date(inp.birth_date) if inp.birth_date else "—"
    when = wording.datetime(inp.visit_at) if inp.visit_at else wording.date(inp.visit_on)
    story: list[Flowable] = [
        letterhead(inp.clinic),
        title(texts["title"]),
        facts(
            [
                (wording.label("patient"), inp.patient_name),
                (wording.label("birth_date"), birth),
                (wording.label("visit_date"), when),
            ],
            [72 * mm, 40 * mm, CONTENT_WIDTH - 112 * mm],
        ),
        section(head["procedure"], _procedure(inp, texts, wording), space_before=2 * mm),
        *heading(head["zones"]),
        _zones(inp, texts, wording) if inp.marks else none,
        *heading(head["products"]),
        _products(inp, texts, wording),
    ]
    story += [
        section(head["reactions"], _reactions(inp, texts, wording) if inp.reactions else [none]),
        *heading(head["findings"]),
        *(_findings(inp, texts, wording) or [none]),
        section(head["notes"], [para(inp.notes, STYLES.body) if inp.notes.strip() else none]),
    ]
    panels = map_panels(
        inp.marks,
        wording,
        inp.language,
        CONTENT_WIDTH,
        MAP_HEIGHT,
        MAP_MIN_HEIGHT,
        locator_height=30 * mm,
    )
    for index, panel in enumerate(panels):
        block: list[Flowable] = [*heading(head["diagram"])] if index == 0 else [Spacer(1, 4 * mm)]
        story.append(KeepTogether([*block, panel]))
    if inp.photos:
        story += [*heading(head["photos"]), *_photos(inp, texts, wording)]
    story.append(section(head["signature"], _signature(inp, texts, wording)))
    if inp.addenda:
        story += heading(head["addenda"])
        for addendum in inp.addenda:
            stamp = wording.datetime(addendum.written_at)
            story += [
                para(labels["addendum"].format(when=stamp, author=addendum.author), STYLES.label),
                para(addendum.text, style("addendum", STYLES.body, spaceAfter=6)),
            ]
    return story


PHOTO_HEIGHT = 70 * mm


def _photos(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    """Two photos a row, each with its kind, view and time under it; a row stays whole."""
    width = (CONTENT_WIDTH - 6 * mm) / 2
    cells: list[list[Flowable]] = []
    for photo in inp.photos:
        caption = texts["photo_caption"].format(
            kind=texts["photo_kinds"][photo.kind.value],
            view=texts["photo_views"][photo.view.value],
            when=wording.datetime(photo.taken_at),
        )
        cell: list[Flowable] = [
            image(photo.path, width, PHOTO_HEIGHT),
            para(caption, STYLES.label),
        ]
        if photo.note.strip():
            cell.append(para(photo.note, STYLES.body))
        cells.append(cell)
    rows: list[Flowable] = []
    for start in range(0, len(cells), 2):
        pair = cells[start : start + 2]
        rows.append(KeepTogether([columns(pair, [width, width][: len(pair)]), Spacer(1, 4 * mm)]))
    return rows


def _procedure(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    labels = texts["labels"]
    missing = labels["not_recorded"]
    return [
        labelled(wording.label("areas"), ", ".join(wording.area(a) for a in inp.areas) or "—"),
        labelled(
            wording.label("techniques"),
            ", ".join(wording.technique(t) for t in inp.techniques) or "—",
        ),
        labelled(wording.label("method"), wording.method(inp.method) if inp.method else missing),
        labelled(labels["anaesthesia"], inp.anaesthesia.strip() or missing),
        labelled(labels["disinfection"], inp.disinfection.strip() or missing),
        labelled(wording.label("practitioner"), inp.practitioner_name),
    ]


def needle_text(needle: str, wording: Wording) -> str:
    """A needle as typed ("32G 4 mm"), its units in the document's language."""
    text = _MM.sub(rf"\1 {wording.label('mm')}", needle)
    return _ML.sub(rf"\1 {wording.label('ml')}", text)


def _depths(depths: set[Decimal], wording: Wording, missing: str) -> str:
    if not depths:
        return missing
    low, high = min(depths), max(depths)
    if low == high:
        return wording.depth(low)
    return f"{wording.number(low)}–{wording.depth(high)}"


def _zones(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> Flowable:
    labels = texts["labels"]
    rows = zone_rows(inp.marks)
    several = len({row.diagram for row in rows if row.photo is None}) > 1
    right = STYLES.cell_right
    body: list[list[Flowable | str]] = []
    for row in rows:
        diagram = load_diagram(row.diagram)
        name = (
            zone_label(diagram.zone(row.zone), inp.language)
            if row.zone and any(z.name == row.zone for z in diagram.zones)
            else labels["outside_zones"]
        )
        if row.photo is not None:
            name = on_photo(row.photo, texts)
        elif several:
            name = f"{name} ({_diagram_short(diagram.name, inp.language)})"
        body.append(
            [
                para(name, STYLES.cell_bold),
                para(wording.technique(row.technique), STYLES.cell),
                para(_depths(row.depths, wording, "—"), STYLES.cell),
                para(
                    ", ".join(needle_text(n, wording) for n in row.needles) or "—",
                    STYLES.cell,
                ),
                para(str(row.injections), right),
                para(wording.volume(row.volume_ml), right),
            ]
        )
    total_style = style("zone_total", STYLES.cell_right, fontName=STYLES.cell_bold.fontName)
    body.append(
        [
            para(wording.label("total"), STYLES.cell_bold),
            "",
            "",
            "",
            para(str(sum(r.injections for r in rows)), total_style),
            para(wording.volume(sum((r.volume_ml for r in rows), Decimal(0))), total_style),
        ]
    )
    widths = [46 * mm, 36 * mm, 20 * mm, 30 * mm, 20 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return data_table(
        [
            para(labels["zone"], STYLES.head_cell),
            para(labels["technique"], STYLES.head_cell),
            para(labels["depth"], STYLES.head_cell),
            para(labels["needle"], STYLES.head_cell),
            para(labels["injections"], STYLES.head_cell_right),
            para(wording.label("volume"), STYLES.head_cell_right),
        ],
        body,
        widths,
        total_row=True,
    )


def _diagram_short(name: DiagramName, language: Language) -> str:
    diagram = load_diagram(name)
    label = diagram.label_ru if language is Language.RUSSIAN else diagram.label
    return label.split(" (")[0]


def _products(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> Flowable:
    if not inp.products:
        return para(texts["labels"]["none_recorded"], STYLES.body)
    lot, volume, expires = 32 * mm, 22 * mm, 36 * mm
    rows: list[list[Flowable | str]] = [
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
                style("total", STYLES.cell_right, fontName=STYLES.cell_bold.fontName),
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
        [CONTENT_WIDTH - lot - volume - expires, lot, expires, volume],
        total_row=True,
    )


NOTE_IN_CELL = 600
"""Characters of a reaction note shown in its table row; a longer one (kept by a version
before the limits) continues below the table, since a table row cannot run over a page."""


def _reactions(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    labels = texts["labels"]
    reaction_width, severity_width = 52 * mm, 30 * mm
    continued: list[Flowable] = []
    rows = []
    for seen in inp.reactions:
        note = seen.note or "—"
        if len(note) > NOTE_IN_CELL:
            shown = note[:NOTE_IN_CELL].rsplit(" ", 1)[0]
            continued.append(para(f"{wording.reaction(seen.reaction)}: {note}", STYLES.body))
            note = f"{shown} … ({labels['note_continued']})"
        rows.append(
            [
                para(wording.reaction(seen.reaction), STYLES.cell_bold),
                para(wording.severity(seen.severity), STYLES.cell),
                para(note, STYLES.cell),
            ]
        )
    table = data_table(
        [
            para(labels["reaction"], STYLES.head_cell),
            para(labels["severity"], STYLES.head_cell),
            para(labels["note"], STYLES.head_cell),
        ],
        rows,
        [reaction_width, severity_width, CONTENT_WIDTH - reaction_width - severity_width],
    )
    return [table, *continued]


def finding_text(line: FindingLine, texts: Texts, wording: Wording, language: Language) -> str:
    """A finding in the document's language.

    The rule's own sentence in the document's language where it gives one, which carries every
    detail; in English its English sentence. Otherwise it is worded
    from the catalog item's name and kind, or the title of the rule's code (a code such as
    "allergy:lidocaine" or "course.interval_short" falls back to its family), followed by the
    zones, depths and techniques of the marks it is about.
    """
    if line.sentence:
        return line.sentence
    if language is Language.ENGLISH:
        return line.reason
    if line.item_name and line.kind is not None:
        return f"{line.item_name} — {texts['kinds'][line.kind.value]}"
    if line.item_name and line.severity is Severity.INFO:
        return str(texts["indication_note"]).format(name=line.item_name)
    if line.item_name:
        return line.item_name
    titles = texts["finding_titles"]
    family = re.split(r"[:.]", line.code, maxsplit=1)[0]
    text = str(titles.get(line.code) or titles.get(family) or texts["finding_other"])
    where = _marks_in_words(line.marks, wording, language, texts)
    return f"{text}: {where}" if where else text


def on_photo(photo: MarkPhoto, texts: Texts) -> str:
    """Where a mark on a photo lies, in the sheet's words: "On the photo (before, front)"."""
    return str(texts["labels"]["on_photo"]).format(
        kind=str(texts["photo_kinds"][photo.kind.value]).lower(),
        view=texts["photo_views"][photo.view.value],
    )


def _marks_in_words(
    marks: Sequence[MarkRecord], wording: Wording, language: Language, texts: Texts
) -> str:
    outside = str(texts["labels"]["outside_zones"])
    seen: list[str] = []
    for mark in marks:
        diagram = load_diagram(mark.diagram)
        zone = (
            on_photo(mark.photo, texts).lower()
            if mark.photo is not None
            else zone_label(diagram.zone(mark.zone), language)
            if mark.zone and any(z.name == mark.zone for z in diagram.zones)
            else outside.lower()
        )
        depth = wording.depth(Decimal(mark.depth_mm)) if mark.depth_mm is not None else ""
        parts = [p for p in (zone, depth) if p]
        words = ", ".join(parts) + f" ({wording.technique(mark.counted_technique).lower()})"
        if words not in seen:
            seen.append(words)
    return "; ".join(seen)


def _findings(inp: VisitSummaryInput, texts: Texts, wording: Wording) -> list[Flowable]:
    labels = texts["labels"]
    if not inp.findings:
        return []
    tag_width = 26 * mm
    rows: list[list[Flowable]] = []
    for line in inp.findings:
        colour = _SEVERITY_COLOUR[line.severity]
        tag = style("tag", STYLES.cell_bold, textColor=colour)
        text = esc(finding_text(line, texts, wording, inp.language))
        if line.decision is not None:
            decision = labels["decision"].format(
                reason=line.decision.reason,
                who=line.decision.decided_by,
                when=wording.datetime(line.decision.decided_at),
            )
            text += f'<br/><font color="{hex_of(GOOD)}">{esc(decision)}</font>'
        elif line.severity is Severity.BLOCK:
            text += f'<br/><font color="{hex_of(CAUTION)}">{esc(labels["no_decision"])}</font>'
        rows.append([para(texts["severities"][line.severity.value], tag), Text(text, STYLES.cell)])
    return [
        data_table(
            [para(labels["level"], STYLES.head_cell), para(labels["finding"], STYLES.head_cell)],
            rows,
            [tag_width, CONTENT_WIDTH - tag_width],
        )
    ]


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
