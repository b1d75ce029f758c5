"""Write resources/diagrams/*.json (zones, levels, anchors) and *.svg (line art) from landmarks.

Why one generator: zones and art share their curves (see `diagram_sheet`). The front and back
views live here, the turned and close-up views in `diagram_views`. Run
`python tools/make_diagrams.py` after changing a landmark and commit the outputs.
"""

from __future__ import annotations

import sys

from diagram_sheet import RESOURCES, Sheet, fmt, pretty
from diagram_views import (
    _pair,
    hands_sheet,
    profile_sheet,
    scalp_sheet,
    three_quarter_sheet,
)

# ---------------------------------------------------------------- front-view head

FRONT_HEAD = """
    f0 0 52  f1 -28 55  f2 -50 64  f3 -62 78  f4 -66 100  f5 -70 122  f6 -68 150  f7 -65 178
    f8 -60 200  f9 -54 214  f10 -40 227  f11 -22 235  f12 0 238
    b3 -54 106  b2 -38 101  b1 -25 103  b0 -13 108
    n1 -12 118  ns1 -13 135  ns2 -16 150  ns3 -20 160  al -22 167  na -17 174  nb -7 176.5
    sn 0 176
    ch -25 191  u1 -18 184  u2 -6 181  u3 0 183  l1 -16 199  l2 0 202
    e0 -69.5 113  e1 -78 107  e2 -86 112  e3 -89 128  e4 -88 146  e5 -84 160
    el1 -83 168  el2 -79 177  el3 -73 181  el4 -66 177
    s1 -77 92  s2 -77 62  s3 -64 32  s4 -36 13  s5 0 8
"""
"""Face proportions of an average adult: thirds of about 62 mm (hairline, brows, nose base,
chin), eyes 63 mm apart, mouth 50 mm wide, head 154 mm wide, vertex to chin 230 mm."""

CONTOUR = "f0 f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f11' f10' f9' f8' f7' f6' f5' f4' f3' f2' f1'"
SKULL = "e0 s1 s2 s3 s4 s5"
EAR = "e0 e1 e2 e3 e4 e5 el1 el2 el3 el4"


def add_front_head(s: Sheet, dy: float, head: str = FRONT_HEAD) -> None:
    """Knots and chains of a front-view head, shared by the face charts and the body; the
    skull's outline when the head has one (a woman's head has its hair instead)."""
    s.define(head, dy)
    s.chain(CONTOUR, closed=True)
    s.chain("b3 b2 b1 b0", both=True)
    s.chain(s.across("n1 ns1 ns2 ns3 al na nb sn"))
    s.chain(s.across("ch u1 u2 u3"))
    s.chain("ch' l1' l2 l1 ch")
    s.chain(EAR, both=True)
    if "s5" in s.knots:
        s.chain(s.across(SKULL))


def draw_front_head(s: Sheet, dy: float, detailed: bool) -> None:
    """Skin, hair, outline and features of a front-view head."""
    skull = s.across(SKULL)
    s.draw("skin", EAR, closed=True, both=True)
    s.draw("skin", f"{skull} f5' f6' f7' f8' f9' f10' f11' f12 f11 f10 f9 f8 f7 f6 f5", closed=True)
    s.draw("hair", f"{skull} f5' f4' f3' f2' f1' f0 f1 f2 f3 f4 f5", closed=True)
    s.draw("outline", skull)
    s.draw("outline", "f5 f6 f7 f8 f9 f10 f11 f12 f11' f10' f9' f8' f7' f6' f5'")
    s.draw("faint", "f5 f4 f3 f2 f1 f0 f1' f2' f3' f4' f5'")
    s.draw("outline", EAR, both=True)
    s.curve("faint", "-73 115, -82 114, -85 128, -83 146, -78 158", dy, both=True)
    s.curve("faint", "-73 142, -79 150, -76 161, -71 162", dy, both=True)
    s.draw("brow", "b3 b2 b1 b0", both=True)
    s.curve("detail", "-16 122, -24 117.5, -33 116, -42 117, -47 120", dy, both=True)
    s.curve("detail", "-16 122, -24 125.5, -33 126.5, -42 124.5, -47 120", dy, both=True)
    s.circle("detail", -31.5, 121.3 + dy, 4.3, both=True)
    s.circle("solid", -31.5, 121.3 + dy, 1.6, both=True)
    s.curve("detail", "-12 158, -19 159.5, -22 166, -18 172.5, -11 172.5", dy, both=True)
    s.curve("detail", "-12.5 172.5, -8 174.2, -4 173.2", dy, both=True)
    s.draw("detail", s.across("ch u1 u2 u3"))
    s.draw("detail", "ch' l1' l2 l1 ch")
    s.curve("detail", "-25 191, -13 191.8, -4 190.6, 0 191.6, 4 190.6, 13 191.8, 25 191", dy)
    if not detailed:
        return
    s.curve("faint", "-18 118.5, -30 112.5, -45 115.5", dy, both=True)
    s.curve("faint", "-21 129.5, -32 131.5, -44 128.5", dy, both=True)
    s.curve("faint", "-9 124, -10 140, -12 155", dy, both=True)
    s.curve("faint", "-6 167, 0 169.5, 6 167", dy)
    s.curve("faint", "-4 177.5, -4.5 181", dy, both=True)
    s.curve("faint", "-22 170, -28.5 179, -32 188, -33 194", dy, both=True)
    s.curve("faint", "-28 197, -30.5 206, -31.5 214", dy, both=True)
    s.curve("faint", "-10 209, 0 210.5, 10 209", dy)


# ---------------------------------------------------------------- the face chart


FACE_CHART = """
    t1 -49 85  g0 -13 96  o1 -58 120  o2 -52 136  o3 -35 142  o4 -20 138
    q1 -30 174  q2 -37 185  nl3 -42 197  r1 -24 182  mc -30 193  po1 -27 201  ct -21 206
    cs1 -21 216  jc -22 226  j0 -53 180  j1 -50 198  j2 -44 210  j3 -33 220
    k1 -58 230  k2 -56 258  k3 -58 282  k4 -67 292  nk -80 298  k6 -105 304  k7 -130 309
    k8 -150 313  bl -150 420
    cl5 -140 318  c4 -115 314  ck -80 312  c2 -45 315  c1 -14 320  c0 0 323
    d1 -105 360  d2 -85 408  d3 0 414
"""
"""Zone corners of the face chart: temples, orbits, folds, jaw, neck, collarbones, décolleté."""

FACE_ZONES = "Face, neck and décolleté"


def add_face_chart(s: Sheet, chart: str, dy: float = 0.0) -> None:
    """The face chart's knots, chains and zones over a front-view head already defined."""
    s.define(chart, dy)
    s.chain("f2 t1 b3", both=True)
    s.chain("b3 o1 o2 o3 o4 ns1", both=True)
    s.chain("al q1 q2 nl3", both=True)
    s.chain("na r1 mc", both=True)
    s.chain("mc po1 ct", both=True)
    s.chain("ct cs1 jc f11", both=True)
    s.chain("j0 j1 j2 j3 jc", both=True)
    s.chain("f8 k1 k2 k3 k4 nk k6 k7 k8", both=True)
    s.chain(s.across("cl5 c4 ck c2 c1 c0"))
    s.chain(s.across("c4 d1 d2 d3"))

    s.zone(
        "forehead",
        "face",
        "Forehead",
        "Лоб",
        "f0 f1 f2 t1 b3 b2 b1 b0 g0 g0' b0' b1' b2' b3' t1' f2' f1'",
    )
    s.zone("glabella", "face", "Glabella", "Межбровье", "g0 g0' b0' n1' n1 b0")
    s.pair("temple", "face", "temple", ("Правый висок", "Левый висок"), "f2 f3 f4 f5 o1 b3 t1")
    s.pair(
        "periorbital",
        "eyes",
        "periorbital area",
        ("Правая периорбитальная зона", "Левая периорбитальная зона"),
        "b0 b1 b2 b3 o1 o2 o3 o4 ns1 n1",
    )
    s.zone("nose", "nose_nasolabial", "Nose", "Нос", s.across("n1 ns1 ns2 ns3 al na nb sn"))
    s.pair(
        "cheek",
        "face",
        "cheek",
        ("Правая щека", "Левая щека"),
        "f5 o1 o2 o3 o4 ns1 ns2 ns3 al q1 q2 nl3 j2 j1 j0 f7 f6",
    )
    s.pair(
        "nasolabial",
        "nose_nasolabial",
        "nasolabial fold",
        ("Правая носогубная складка", "Левая носогубная складка"),
        "al q1 q2 nl3 mc r1 na",
    )
    s.zone(
        "perioral",
        "face",
        "Perioral area",
        "Периоральная зона",
        "sn nb na r1 mc po1 ct l1 ch u1 u2 u3 u2' u1' ch' l1' ct' po1' mc' r1' na' nb'",
    )
    s.zone("lips", "lips", "Lips", "Губы", "ch u1 u2 u3 u2' u1' ch' l1' l2 l1")
    s.pair(
        "marionette",
        "face",
        "marionette area",
        ("Правая зона марионетки", "Левая зона марионетки"),
        "mc nl3 j2 j3 jc cs1 ct po1",
    )
    s.zone("chin", "chin", "Chin", "Подбородок", "l1 l2 l1' ct' cs1' jc' f11' f12 f11 jc cs1 ct")
    s.pair(
        "jawline",
        "face",
        "jawline",
        ("Правая линия нижней челюсти", "Левая линия нижней челюсти"),
        "f7 f8 f9 f10 f11 jc j3 j2 j1 j0",
    )
    s.pair(
        "ear_lobe", "face", "ear lobe", ("Мочка правого уха", "Мочка левого уха"), "el1 el2 el3 el4"
    )
    s.zone(
        "neck",
        "neck",
        "Neck",
        "Шея",
        "f8 k1 k2 k3 k4 nk ck c2 c1 c0 c1' c2' ck' nk' k4' k3' k2' k1' f8' f9' f10' f11' f12"
        " f11 f10 f9",
    )
    s.zone(
        "decollete",
        "decollete",
        "Décolleté",
        "Декольте",
        "c4 ck c2 c1 c0 c1' c2' ck' c4' d1' d2' d3 d2 d1",
    )


def face_sheet() -> Sheet:
    """A man's head, neck and décolleté at life size: 300 x 420 mm, midline x = 150."""
    s = Sheet(
        "face",
        (f"{FACE_ZONES} (male)", "Лицо, шея и декольте (мужской тип)"),
        "front",
        (300, 420),
        2.5,
        (0.8, 0.5, 0.4),
    )
    add_front_head(s, 0.0)
    add_face_chart(s, FACE_CHART)

    s.draw(
        "skin",
        "f8 k1 k2 k3 k4 nk k6 k7 k8 bl bl' k8' k7' k6' nk' k4' k3' k2' k1' f8' f9' f10'"
        " f11' f12 f11 f10 f9",
        closed=True,
    )
    draw_front_head(s, 0.0, detailed=True)
    s.draw("outline", "f8 k1 k2 k3 k4 nk k6 k7 k8", both=True)
    s.curve("faint", "-61 206, -50 240, -33 282, -16 315", both=True)
    s.curve("detail", "-10 317.5, 0 322, 10 317.5")
    s.draw("detail", "c1 c2 ck c4 cl5", both=True)
    s.curve("faint", "-150 352, -128 372, -118 400, -116 420", both=True)
    return s


NECK_TOP = 178.0
"""Where the neck chart's sheet starts on the face chart: just under the nose and the ears."""

NECK_CHART = """
    sm1 -53 232  sm2 -47 250  sm3 -33 282  sm4 -17 312  hy 0 256
    k9 -170 318  cl6 -165 324  bn -170 498
    dd1 -110 372  dd2 -92 440  dd3 0 452
"""
"""The neck's own landmarks: the front edge of each sternocleidomastoid from behind the jaw's
angle to the collarbone beside the notch, the hyoid under the chin, the décolleté to the top of
the chest."""


def neck_decollete_sheet() -> Sheet:
    """The lower face to the top of the chest at life size: 340 x 320 mm, midline x = 170, the
    face chart's landmarks moved up so the sheet starts just under the nose."""
    s = Sheet(
        "neck_decollete",
        ("Neck and décolleté", "Шея и декольте"),
        "front",
        (340, 320),
        2.5,
        (0.8, 0.5, 0.4),
    )
    dy = -NECK_TOP
    s.top = 0.0
    add_front_head(s, dy)
    add_face_chart(s, FACE_CHART, dy)
    replaced = {"neck", "decollete", "ear_lobe_right", "ear_lobe_left"}
    s.zones = [z for z in s.zones if z["name"] not in replaced]
    s.define(NECK_CHART, dy)
    s.chain("f8 sm1 sm2 sm3 sm4 c1", both=True)
    s.chain("sm2 hy sm2'")
    s.chain("k8 k9", both=True)
    s.chain("cl5 cl6", both=True)
    s.chain(s.across("c4 dd1 dd2 dd3"))
    s.zone(
        "submental", "neck", "Under the chin (submental)", "Подподбородочная зона",
        "f8 f9 f10 f11 f12 f11' f10' f9' f8' sm1' sm2' hy sm2 sm1",
    )  # fmt: skip
    s.zone(
        "neck_front", "neck", "Front of the neck", "Передняя поверхность шеи",
        "sm2 sm3 sm4 c1 c0 c1' sm4' sm3' sm2' hy",
    )  # fmt: skip
    _pair(
        s, "neck_side", "neck", "{side} side of the neck", "{f} боковая поверхность шеи",
        "f8 k1 k2 k3 k4 nk ck c2 c1 sm4 sm3 sm2 sm1",
    )  # fmt: skip
    _pair(
        s, "decollete", "decollete", "Décolleté, {lower} side", "Декольте, {fl} сторона",
        "c4 ck c2 c1 c0 dd3 dd2 dd1",
    )  # fmt: skip

    neck = "f7 f8 k1 k2 k3 k4 nk k6 k7 k8 k9"
    mirrored = " ".join(reversed(s.names(neck, mirrored=True)))
    s.draw("skin", f"{neck} bn bn' {mirrored}", closed=True)
    s.draw("outline", "f8 k1 k2 k3 k4 nk k6 k7 k8 k9", both=True)
    s.draw("outline", "f7 f8 f9 f10 f11 f12 f11' f10' f9' f8' f7'")
    s.draw("detail", s.across("ch u1 u2 u3"))
    s.draw("detail", "ch' l1' l2 l1 ch")
    s.curve("detail", "-25 191, -13 191.8, -4 190.6, 0 191.6, 4 190.6, 13 191.8, 25 191", dy)
    s.curve("faint", "-4 181, -4.5 182", dy, both=True)
    s.curve("faint", "-31 180, -32.5 188, -33 194", dy, both=True)
    s.curve("faint", "-28 197, -30.5 206, -31.5 214", dy, both=True)
    s.curve("faint", "-10 209, 0 210.5, 10 209", dy)
    s.draw("faint", "f8 sm1 sm2 sm3 sm4", both=True)
    s.curve("faint", "-60 240, -48 280, -34 314", dy, both=True)
    s.curve("faint", "-5 268, 0 270.5, 5 268", dy)
    s.curve("faint", "-36 282, -16 287, 0 288, 16 287, 36 282", dy)
    s.curve("faint", "-28 300, -12 304, 0 305, 12 304, 28 300", dy)
    s.curve("detail", "-10 317.5, 0 322, 10 317.5", dy)
    s.draw("detail", "c1 c2 ck c4 cl5 cl6", both=True)
    s.curve("faint", "-170 372, -150 392, -140 430, -136 498", dy, both=True)
    return s


FEMALE_HEAD = """
    f0 0 56  f1 -26 58  f2 -46 66  f3 -58 80  f4 -63 100  f5 -66 122  f6 -64 150  f7 -60 175
    f8 -53 195  f9 -45 209  f10 -33 221  f11 -17 229  f12 0 232
    b3 -53 103  b2 -39 97  b1 -25 99.5  b0 -13 106
    n1 -11 118  ns1 -11.5 135  ns2 -13.5 149  ns3 -16.5 158  al -18.5 164  na -14 170
    nb -6 172.5  sn 0 172
    ch -23 188  u1 -15 181.5  u2 -5.5 179  u3 0 181  l1 -14 196.5  l2 0 199.5
    e0 -65.5 114  e1 -73 108  e2 -80 112  e3 -83 127  e4 -82 144  e5 -78 157
    el1 -77 165  el2 -74 173  el3 -68.5 177  el4 -62.5 173
    hs5 0 2  hs4 -44 6  hs3 -75 26  hs2 -90 60  hs1 -94 100  hs6 -95 140  hs7 -93 182
    hs8 -92 222  hs9 -99 264  hs10 -116 314  hs11 -60 334
"""
"""A woman's head: the face 132 mm wide and 176 mm from hairline to chin, a narrower jaw and
a rounder chin, arched brows, a shorter nose and fuller lips; the hair worn down behind the
shoulders with a middle parting, the ears and the whole face left clear to chart."""

FEMALE_CHART = """
    t1 -47 86  g0 -12 95  o1 -56 119  o2 -50 135  o3 -34 141  o4 -19 137
    q1 -26 170  q2 -32 181  nl3 -38 194  r1 -20 178  mc -28 190  po1 -25 198  ct -19 203
    cs1 -19 213  jc -18 221  j0 -51 176  j1 -46 192  j2 -39 204  j3 -29 214
    k1 -51 222  k2 -49 250  k3 -51 272  k4 -58 285  nk -72 294  k6 -98 302  k7 -126 309
    k8 -150 315  bl -150 420
    cl5 -138 322  c4 -112 317  ck -74 314  c2 -42 317  c1 -13 321  c0 0 324
    d1 -100 362  d2 -82 408  d3 0 414
"""
"""The same zones on a woman's proportions: a slimmer neck, sloping shoulders."""

HAIR_OUTLINE = "hs5 hs4 hs3 hs2 hs1 hs6 hs7 hs8 hs9 hs10 hs11"


def draw_female_head(s: Sheet) -> None:
    """Hair down behind the shoulders, the face and ears over it, soft features."""
    half = HAIR_OUTLINE.split()
    hair = " ".join(half + [f"{n}'" for n in reversed(half[1:])])
    s.chain(hair, closed=True)
    s.draw("back_hair", hair, closed=True)
    s.draw("back_hair_line", hair, closed=True)
    s.draw("skin", EAR, closed=True, both=True)
    s.draw("skin", CONTOUR, closed=True)
    s.draw("outline", "f5 f6 f7 f8 f9 f10 f11 f12 f11' f10' f9' f8' f7' f6' f5'")
    s.draw("faint", "f5 f4 f3 f2 f1 f0 f1' f2' f3' f4' f5'")
    s.draw("outline", EAR, both=True)
    s.curve("faint", "-69 115, -77 114, -80 127, -79 143, -75 155", both=True)
    s.curve("faint", "-69 140, -75 147, -73 157, -68 159", both=True)
    s.circle("detail", -70.5, 172, 1.4, both=True)
    s.curve("faint", "0 56, 0 36, 1 18", closed=False)
    for strand in (
        "-2 22, -26 24, -52 36, -70 60, -78 92",
        "-3 40, -24 42, -42 52, -56 70",
        "-86 110, -88 160, -86 210, -92 262",
        "-80 124, -80 170, -79 214",
    ):
        s.curve("faint", strand, both=True)
    s.lens(
        "brow_fill",
        "-13 104.6, -24 98.6, -39 96, -54 101.8",
        "-54 101.8, -39 97.7, -25 100.9, -13.5 107.4, -12.4 106.2, -13 104.6",
        both=True,
    )
    s.curve("outline", "-17 121.5, -24 116, -33 114.5, -42 115.5, -48 118.5", both=True)
    s.curve("detail", "-47.5 118.2, -50 117.4, -52.5 115.7", both=True)
    s.curve("detail", "-17 121.5, -24 125, -33 126, -42 124, -48 118.5", both=True)
    s.curve("faint", "-20 116.5, -28 111.5, -38 110.5, -46 113", both=True)
    s.circle("detail", -32.5, 120.4, 4.5, both=True)
    s.circle("solid", -32.5, 120.4, 1.7, both=True)
    s.curve("faint", "-9 124, -10 140, -11.5 152", both=True)
    s.curve("detail", "-10 155, -16.5 156, -19 162, -15.5 168.5, -9.5 168.5", both=True)
    s.curve("detail", "-11 168.5, -7 170, -3.5 169.2", both=True)
    s.curve("faint", "-5 163, 0 165, 5 163")
    s.curve("faint", "-3.5 173.5, -4.5 178", both=True)
    s.draw("detail", s.across("ch u1 u2 u3"))
    s.draw("detail", "ch' l1' l2 l1 ch")
    s.curve("detail", "-23 188, -12 188.3, -4 187.2, 0 188, 4 187.2, 12 188.3, 23 188")
    s.curve("faint", "-19 167, -24.5 175, -28 183", both=True)
    s.curve("faint", "-7 206, 0 207.5, 7 206")


def face_female_sheet() -> Sheet:
    """A woman's head, neck and décolleté at life size: 300 x 420 mm, midline x = 150."""
    s = Sheet(
        "face_female",
        (f"{FACE_ZONES} (female)", "Лицо, шея и декольте (женский тип)"),
        "front",
        (300, 420),
        2.5,
        (0.8, 0.5, 0.4),
    )
    add_front_head(s, 0.0, FEMALE_HEAD)
    add_face_chart(s, FEMALE_CHART)
    draw_female_head(s)
    s.draw(
        "skin",
        "f8 k1 k2 k3 k4 nk k6 k7 k8 bl bl' k8' k7' k6' nk' k4' k3' k2' k1' f8' f9' f10'"
        " f11' f12 f11 f10 f9",
        closed=True,
    )
    s.draw("outline", "f8 k1 k2 k3 k4 nk k6 k7 k8", both=True)
    s.curve("faint", "-52 200, -44 236, -30 278, -14 314", both=True)
    s.curve("detail", "-9 319, 0 323, 9 319")
    s.draw("detail", "c1 c2 ck c4 cl5", both=True)
    s.curve("faint", "-150 358, -132 376, -124 400, -122 420", both=True)
    return s


# ---------------------------------------------------------------- the back, vascular scheme

VERTEBRAE: list[tuple[str, float]] = [
    ("C1", 178), ("C2", 195), ("C3", 212), ("C4", 229), ("C5", 246), ("C6", 263), ("C7", 280),
    ("T1", 300), ("T2", 322), ("T3", 344), ("T4", 367), ("T5", 390), ("T6", 414), ("T7", 438),
    ("T8", 463), ("T9", 488), ("T10", 514), ("T11", 540), ("T12", 566),
    ("L1", 594), ("L2", 624), ("L3", 656), ("L4", 689), ("L5", 723), ("S1", 755),
]  # fmt: skip
"""Spinous-process heights: cervical 17 mm apart, thoracic 20-26 mm, lumbar 28-34 mm."""

BACK_HEAD = """
    h6 -64 176  he1 -71 160  he0 -77 100  h3 -76 80  h2 -63 46  h1 -36 22  hv 0 15
    ea1 -85 101  ea2 -91 115  ea3 -90 135  ea4 -85 152  ebl -81 163  eb2 -76 168  nu 0 170
"""
BACK_SKULL = "h6 he1 he0 h3 h2 h1 hv"
BACK_EAR = "he0 ea1 ea2 ea3 ea4 ebl eb2 he1"


def add_back_head(s: Sheet, dy: float) -> None:
    """Knots and chains of a back-view head, ears seen from behind."""
    s.define(BACK_HEAD, dy)
    s.chain(s.across(BACK_SKULL))
    s.chain(BACK_EAR, both=True)


def draw_back_head(s: Sheet, dy: float) -> None:
    """Hair-covered head from behind, ears and the nape hairline."""
    skull = s.across(BACK_SKULL)
    s.draw("skin", BACK_EAR, closed=True, both=True)
    s.draw("hair", skull, closed=True)
    s.draw("outline", skull)
    s.draw("outline", BACK_EAR, both=True)
    s.curve("faint", "-80 106, -86 118, -85 138, -80 152", dy, both=True)
    s.curve("faint", "-62 170, -32 174, 0 170, 32 174, 62 170", dy)


def draw_scapulae(s: Sheet, dy: float) -> None:
    """Shoulder blades as landmarks for the thoracic rows."""
    s.curve(
        "faint",
        "-150 332, -108 322, -66 320, -62 362, -70 420, -88 458, -114 420, -140 376, -152 342",
        dy,
        both=True,
    )
    s.curve("faint", "-65 346, -110 336, -166 326", dy, both=True)


def draw_spine(s: Sheet) -> None:
    """Spinous processes with their levels, and the midline they sit on."""
    top, bottom = VERTEBRAE[0][1], VERTEBRAE[-1][1]
    s.raw("faint", f'<path d="M{fmt(s.x0)} {fmt(top - 6)}V{fmt(bottom + 6)}"/>')
    sizes = {"C": (6.5, 4.2), "T": (7.5, 5.5), "L": (10.5, 7.5), "S": (10, 7)}
    for label, y in VERTEBRAE:
        width, height = sizes[label[0]]
        s.raw(
            "process",
            f'<rect x="{fmt(s.x0 - width / 2)}" y="{fmt(y - height / 2)}" '
            f'width="{fmt(width)}" height="{fmt(height)}" rx="{fmt(height / 2.5)}"/>',
        )
        x = fmt(s.x0 + width / 2 + 2.5)
        s.raw("text", f'<text x="{x}" y="{fmt(y + 2.5)}">{label}</text>')


def back_sheet() -> Sheet:
    """Head to buttocks from behind at life size: 500 x 950 mm, spine on x = 250."""
    s = Sheet(
        "back",
        ("Back (vascular scheme)", "Спина (сосудистая схема)"),
        "back",
        (500, 950),
        5.0,
        (1.3, 0.8, 0.6),
    )
    add_back_head(s, 0.0)
    s.define("""
        nc1 -59 200  nc2 -58 226  nkb -61 250  tr1 -80 268  tr2 -120 287  tr3 -165 301
        ac -195 314  ar1 -214 338  ar2 -224 380  ar3 -226 450  ar4 -224 540  arc -222 610
        ax -168 385  am1 -174 450  am2 -178 530  arm -181 610  pf -180 340
        to1 -161 440  to2 -151 510  tl -141 580  wa -136 625  to3 -147 690  ls -161 739
        to4 -172 790  to5 -178 850  gf0 -175 900  to6 -168 950
        gf1 -150 916  gf2 -100 925  gf3 -45 918  gf4 -12 901  cb 0 894
        sl -45 739  sc 0 830  sh1 -61 290  sh2 -61 320  sh3 -120 335
    """)
    neck_arm = "h6 nc1 nc2 nkb tr1 tr2 tr3 ac ar1 ar2 ar3 ar4 arc"
    side = "ax to1 to2 tl wa to3 ls to4 to5 gf0 to6"
    s.chain(neck_arm, both=True)
    s.chain("ax am1 am2 arm", both=True)
    s.chain("ax pf ac", both=True)
    s.chain(side, both=True)
    s.chain("gf0 gf1 gf2 gf3 gf4 cb", both=True)

    s.zone("occiput", "vascular", "Back of the head", "Затылок", s.across(BACK_SKULL) + " nu")
    s.pair(
        "ear_lobe",
        "vascular",
        "ear lobe",
        ("Мочка правого уха", "Мочка левого уха"),
        "ea4 ebl eb2 he1",
    )
    s.zone(
        "cervical",
        "vascular",
        "Cervical spine (neck)",
        "Шейный отдел",
        "h6 nc1 nc2 nkb sh1 sh1' nkb' nc2' nc1' h6' nu",
    )
    s.pair(
        "shoulder",
        "vascular",
        "shoulder",
        ("Правое надплечье", "Левое надплечье"),
        "nkb tr1 tr2 tr3 ac pf sh3 sh2 sh1",
    )
    s.pair(
        "upper_arm",
        "body",
        "upper arm",
        ("Правое плечо", "Левое плечо"),
        "ac ar1 ar2 ar3 ar4 arc arm am2 am1 ax pf",
    )
    s.zone(
        "thoracic",
        "vascular",
        "Thoracic spine (upper and mid back)",
        "Грудной отдел",
        "sh1 sh2 sh3 pf ax to1 to2 tl tl' to2' to1' ax' pf' sh3' sh2' sh1'",
    )
    s.zone(
        "lumbar",
        "vascular",
        "Lumbar spine (lower back)",
        "Поясничный отдел",
        "tl wa to3 ls sl sl' ls' to3' wa' tl'",
    )
    s.zone("sacral", "vascular", "Sacrum", "Крестцовый отдел", "sl sl' sc")
    s.pair(
        "buttock",
        "hips_buttocks",
        "buttock",
        ("Правая ягодица", "Левая ягодица"),
        "ls to4 to5 gf0 gf1 gf2 gf3 gf4 cb sc sl",
    )
    s.define("lobe -78 161  apex 0 146")
    s.extra["vertebrae"] = [{"label": label, "y_mm": y} for label, y in VERTEBRAE]
    s.extra["ear_row"] = {"left": s.at("lobe"), "right": s.at("lobe'"), "apex": s.at("apex")}

    body = f"{neck_arm} arm am2 am1 {side}"
    mirrored = " ".join(reversed(s.names(body, mirrored=True)))
    s.draw("skin", f"{body} {mirrored}", closed=True)
    draw_back_head(s, 0.0)
    s.draw("outline", neck_arm, both=True)
    s.draw("outline", "ax am1 am2 arm", both=True)
    s.draw("outline", side, both=True)
    s.draw("dashed", "arc arm", both=True)
    s.draw("faint", "ax pf ac", both=True)
    s.draw("detail", "gf0 gf1 gf2 gf3 gf4 cb", both=True)
    s.curve("detail", "0 836, 0 894")
    s.curve("faint", "-6 922, -12 950", both=True)
    draw_scapulae(s, 0.0)
    s.curve("faint", "-62 702, -100 684, -142 694", both=True)
    s.curve("faint", "-42 744, -30 792, -8 832, 0 836", both=True)
    s.circle("faint", -30, 765, 2.5, both=True)
    draw_spine(s)
    return s


# ---------------------------------------------------------------- the whole body

BODY = """
    k1 -58 262  k2 -56 290  k3 -58 314  k4 -67 324  nk -80 330  k6 -105 336  k7 -130 341
    k8 -155 347  ac -188 358  ar1 -214 388  ar2 -232 440  ar3 -238 540  el -244 668
    ar5 -256 745  ar6 -266 850  wl -272 928
    hd1 -284 945  hd2 -300 968  hd3 -309 992  hd4 -307 1012  hd5 -299 1019  hd6 -292 1008
    hd7 -289 990  hd8 -291 1060  hd9 -278 1108  hd10 -257 1119  hd11 -236 1111  hd12 -222 1086
    hd13 -213 1040  hd14 -213 995  wm -222 928
    am5 -214 850  am4 -196 745  em -184 668  am2 -174 600  am1 -166 500  ax -160 432
    pf -172 392
    to1 -157 500  tf -150 570  wa -136 677  ic -150 780  hp -175 866  gk -172 945
    th1 -165 1000  th2 -147 1150  kt -134 1230  kn -130 1272  kb -131 1310  ca -135 1390
    lg1 -114 1550  an -105 1670  ft1 -110 1700  ft2 -120 1740  ft3 -110 1759  ft4 -84 1763
    ft5 -55 1760  ft6 -42 1742  ft7 -47 1705  anm -55 1670  ml -58 1550  mc1 -40 1390
    mb -37 1310  mk -35 1272  km -36 1230  mt2 -30 1150  mt1 -12 1000  cr 0 952
"""
"""A standing adult of 1720 mm in the anatomical position, arms a little away from the body:
shoulders 376 mm apart, waist 272, hips 350; elbow at the waist, wrist at the crotch."""

ARM = (
    "k1 k2 k3 k4 nk k6 k7 k8 ac ar1 ar2 ar3 el ar5 ar6 wl hd1 hd2 hd3 hd4 hd5 hd6 hd7 hd8 hd9"
    " hd10 hd11 hd12 hd13 hd14 wm am5 am4 em am2 am1 ax"
)
LEG = (
    "ax to1 tf wa ic hp gk th1 th2 kt kn kb ca lg1 an ft1 ft2 ft3 ft4 ft5 ft6 ft7 anm ml mc1 mb"
    " mk km mt2 mt1 cr"
)
HAND = "wl hd1 hd2 hd3 hd4 hd5 hd6 hd7 hd8 hd9 hd10 hd11 hd12 hd13 hd14 wm"


def add_body(s: Sheet, neck_top: str) -> None:
    """The figure from the neck down, the same outline seen from the front or the back."""
    s.define(BODY)
    arm, mirrored_leg = f"{neck_top} {ARM}", " ".join(reversed(s.names(LEG, mirrored=True)))
    s.chain(arm, both=True)
    s.chain(LEG, both=True)
    s.chain("ax pf ac", both=True)
    mirrored_arm = " ".join(reversed(s.names(arm, mirrored=True)))
    s.draw("skin", f"{arm} {LEG[3:]} {mirrored_leg[:-3]} {mirrored_arm}", closed=True)
    s.draw("outline", arm, both=True)
    s.draw("outline", LEG, both=True)
    s.draw("faint", "ax pf ac", both=True)


def add_limb_zones(s: Sheet) -> None:
    """Upper arms and hands, the same outline on both body views."""
    s.pair(
        "upper_arm",
        "body",
        "upper arm",
        ("Правое плечо", "Левое плечо"),
        "ac ar1 ar2 ar3 el em am2 am1 ax pf",
    )
    s.pair("hand", "hands", "hand", ("Правая кисть", "Левая кисть"), HAND)


def draw_limb_details(s: Sheet, front: bool) -> None:
    """Fingers, elbow and knee creases, kneecaps or heels, toes."""
    for fingers in (
        "-282 1050, -279 1075, -276 1100",
        "-266 1058, -263 1085, -259 1112",
        "-250 1056, -245 1080, -240 1104",
        "-235 1050, -231 1066, -227 1082",
    ):
        s.curve("faint", fingers, both=True)
    s.curve("faint", "-243 660, -214 672, -186 664", both=True)
    if front:
        for x in (-84, 84):
            s.raw("faint", f'<ellipse cx="{fmt(s.x0 + x)}" cy="1262" rx="19" ry="24"/>')
        s.curve("faint", "-272 930, -247 936, -222 930", both=True)
    else:
        s.curve("faint", "-122 1280, -84 1287, -45 1280", both=True)
        s.curve("faint", "-104 1700, -82 1745, -60 1700", both=True)
    for dx in (-100, -88, -76, -64):
        s.curve("faint", f"{dx} 1748, {dx + 1} 1761", both=True)


def body_front_sheet() -> Sheet:
    """A standing adult from the front, anatomical position: 640 x 1800 mm, midline x = 320."""
    s = Sheet(
        "body_front",
        ("Body, front", "Тело, вид спереди"),
        "front",
        (640, 1800),
        8.0,
        (2.0, 1.2, 1.0),
    )
    add_front_head(s, 32.0)
    add_body(s, "f8")
    s.define("""
        cl5 -150 350  c4 -115 346  ck -80 344  c2 -45 347  c1 -14 352  c0 0 355
        d1 -110 405  d2 -92 470  d3 0 482  ab1 -100 570  co1 -55 548  xi 0 538
        ab2 -105 680  asis -112 800  in1 -62 878  in2 -24 928  pu 0 943
    """)
    s.chain(s.across("cl5 c4 ck c2 c1 c0"))
    s.chain(s.across("c4 d1 d2 d3"))
    s.chain(s.across("ab1 co1 xi"))
    s.chain("ab1 ab2 asis", both=True)
    s.chain(s.across("asis in1 in2 pu"))

    s.zone(
        "scalp",
        "scalp",
        "Scalp",
        "Волосистая часть головы",
        s.across(SKULL) + " f5' f4' f3' f2' f1' f0 f1 f2 f3 f4 f5",
    )
    s.zone("face", "face", "Face", "Лицо", CONTOUR)
    s.zone(
        "neck",
        "neck",
        "Neck",
        "Шея",
        "f8 k1 k2 k3 k4 nk ck c2 c1 c0 c1' c2' ck' nk' k4' k3' k2' k1' f8' f9' f10' f11' f12"
        " f11 f10 f9",
    )
    s.zone(
        "decollete",
        "decollete",
        "Décolleté",
        "Декольте",
        "c4 ck c2 c1 c0 c1' c2' ck' c4' d1' d2' d3 d2 d1",
    )
    add_limb_zones(s)
    s.zone(
        "abdomen",
        "stomach",
        "Abdomen",
        "Живот",
        "ab1 co1 xi co1' ab1' ab2' asis' in1' in2' pu in2 in1 asis ab2",
    )
    s.pair("flank", "body", "flank", ("Правый бок", "Левый бок"), "tf wa ic asis ab2 ab1")
    s.pair(
        "thigh",
        "hips_buttocks",
        "thigh",
        ("Правое бедро", "Левое бедро"),
        "ic hp gk th1 th2 kt km mt2 mt1 cr pu in2 in1 asis",
    )
    s.pair(
        "lower_leg",
        "legs",
        "lower leg",
        ("Правая голень", "Левая голень"),
        "kb ca lg1 an anm ml mc1 mb",
    )

    draw_front_head(s, 32.0, detailed=False)
    s.draw("outline", "f8 k1", both=True)
    s.curve("detail", "-10 349.5, 0 354, 10 349.5")
    s.draw("detail", "c1 c2 ck c4 cl5", both=True)
    s.curve("faint", "-140 468, -112 522, -70 534, -30 515", both=True)
    s.draw("faint", "in1 in2 pu in2' in1'")
    s.curve("faint", "0 560, 0 700")
    s.raw("detail", f'<ellipse cx="{fmt(s.x0)}" cy="728" rx="3.5" ry="5"/>')
    draw_limb_details(s, front=True)
    return s


def body_back_sheet() -> Sheet:
    """The same standing adult from behind: 640 x 1800 mm, midline x = 320."""
    s = Sheet(
        "body_back", ("Body, back", "Тело, вид сзади"), "back", (640, 1800), 8.0, (2.0, 1.2, 1.0)
    )
    add_back_head(s, 25.0)
    add_body(s, "h6")
    s.define("""
        fl1 -100 570  fl2 -105 680  bt1 -110 800  bt2 -45 815  scb 0 830
        gf1 -140 962  gf2 -90 968  gf3 -40 962  gf4 -10 948  cb 0 942
    """)
    s.chain("fl1 fl2 bt1", both=True)
    s.chain(s.across("ic bt1 bt2 scb"))
    s.chain("gk gf1 gf2 gf3 gf4 cb", both=True)
    upper = "k3 k4 nk k6 k7 k8 ac pf ax to1 tf"
    mirrored_upper = " ".join(reversed(s.names(upper, mirrored=True)))

    s.zone(
        "scalp",
        "scalp",
        "Scalp (back of the head)",
        "Волосистая часть головы",
        s.across(BACK_SKULL) + " nu",
    )
    s.zone("neck", "neck", "Neck", "Шея", "h6 k1 k2 k3 k3' k2' k1' h6' nu")
    s.zone(
        "back",
        "back",
        "Back",
        "Спина",
        f"{upper} fl1 fl2 bt1 bt2 scb bt2' bt1' fl2' fl1' {mirrored_upper}",
    )
    add_limb_zones(s)
    s.pair("flank", "body", "flank", ("Правый бок", "Левый бок"), "tf wa ic bt1 fl2 fl1")
    s.pair(
        "buttock",
        "hips_buttocks",
        "buttock",
        ("Правая ягодица", "Левая ягодица"),
        "ic hp gk gf1 gf2 gf3 gf4 cb scb bt2 bt1",
    )
    s.pair(
        "thigh",
        "hips_buttocks",
        "thigh",
        ("Правое бедро", "Левое бедро"),
        "gk th1 th2 kt km mt2 mt1 cr cb gf4 gf3 gf2 gf1",
    )
    s.pair(
        "lower_leg",
        "legs",
        "lower leg",
        ("Правая голень", "Левая голень"),
        "kb ca lg1 an anm ml mc1 mb",
    )

    draw_back_head(s, 25.0)
    s.draw("detail", "gk gf1 gf2 gf3 gf4 cb", both=True)
    s.curve("detail", "0 872, 0 942")
    s.curve("faint", "0 305, 0 835")
    draw_scapulae(s, 25.0)
    s.curve("faint", "-62 722, -100 704, -142 714", both=True)
    s.circle("faint", -30, 790, 3.5, both=True)
    draw_limb_details(s, front=False)
    return s


def sheets() -> list[Sheet]:
    """Every diagram MesoDesk ships, in the order of `DiagramName`."""
    return [
        back_sheet(),
        face_sheet(),
        body_front_sheet(),
        body_back_sheet(),
        face_female_sheet(),
        neck_decollete_sheet(),
        scalp_sheet(),
        hands_sheet(),
        three_quarter_sheet("left"),
        three_quarter_sheet("right"),
        profile_sheet("left"),
        profile_sheet("right"),
    ]


def main(argv: list[str]) -> int:
    """Write every diagram's JSON and SVG into resources/diagrams; with `--check`, write
    nothing and fail when a shipped file differs from what the landmarks make."""
    check = argv == ["--check"]
    stale = []
    RESOURCES.mkdir(parents=True, exist_ok=True)
    for sheet in sheets():
        for path, text in (
            (RESOURCES / f"{sheet.name}.json", pretty(sheet.data()) + "\n"),
            (RESOURCES / f"{sheet.name}.svg", sheet.svg()),
        ):
            if not check:
                path.write_text(text, encoding="utf-8")
            elif not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        if not check:
            print(f"{sheet.name}: {len(sheet.zones)} zones")
    if stale:
        print(f"out of date, run tools/make_diagrams.py: {', '.join(stale)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
