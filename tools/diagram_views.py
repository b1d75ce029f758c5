"""The turned and close-up views: the face in profile and three-quarter, the neck and
décolleté, the hands and the scalp.

A left and a right view are one description drawn twice, the second mirrored (`sign=-1`), with
the zones named by the patient's side each time. Knots are `name dx y` in mm as in
`diagram_sheet`; in a left view a negative dx is toward the face.
"""

from __future__ import annotations

from diagram_sheet import Sheet

SIDES_RU = {
    "left": {"f": "Левая", "m": "Левый", "fl": "левая", "gen": "левого", "gf": "левой"},
    "right": {"f": "Правая", "m": "Правый", "fl": "правая", "gen": "правого", "gf": "правой"},
}
"""Russian adjectives agree with their noun: feminine and masculine (capitalised to start a
name, `fl` inside one), and the genitive of a masculine or neuter noun (`gen`: уха) and of a
feminine one (`gf`: руки, кисти)."""


def _side_zone(
    s: Sheet, code: str, side: str, area: str, label: str, label_ru: str, spec: str
) -> None:
    """A zone on one side of the patient: `label` and `label_ru` take the side's word in
    `{side}` and the forms of `SIDES_RU`."""
    words = SIDES_RU[side]
    s.zone(
        f"{code}_{side}",
        area,
        label.format(side=side.capitalize()),
        label_ru.format(**words),
        spec,
    )


# ---------------------------------------------------------------- the face in profile

PROFILE = """
    hf -66 56  fh1 -72 78  fh2 -76 103  nz -71 118  nd1 -79 134  nd2 -91 152  nt -100 163
    nc -95 171  sn -83 174  lu -86.5 180.5  ul -87.5 184  st -82 189.5  ll -85.5 196
    lb -83 201  ml -77 205  pg -82 221  me -71 236  sm1 -50 241  th -37 249  nf1 -35 272
    nf2 -38 300  jn -45 322  cf1 -53 360  cf2 -61 420
    sk1 -58 30  sk2 -24 9  sk3 26 4  sk4 76 24  sk5 109 64  sk6 119 112  sk7 112 156  nh 96 190
    nb1 89 214  nb2 87 250  nb3 93 284  bk1 110 312  bk2 128 345  bk3 138 385  bk4 142 420
    hl1 -52 63  hl2 -42 79  hl3 -24 91  hl4 4 100  hl5 22 115  sb 28 138  tl1 -47 82
    et 36 118  e1 44 111  e2 58 110  e3 68 118  e4 71 134  e5 68 152  e6 61 166
    el1 55 176  el2 48 180  el3 42 175  tg 38 150  nl1x 78 184
    bw1 -62 100.5  bt -44 103  lo2 -41 116  lo -43 130  io -56 139  nj -69 134
    zy0 -28 136  zy1 10 134
    al -74 162  ab -77 172  r1 -73 181  mc -66 192  cm -71 190  lp1 -78 183.5  lp2 -77 197.5
    nl1 -69 171  nl2 -64 183  nl3 -59 196  po1 -68 199  ct -70 207  cs -64 218  cc -56 228
    mj -50 219  ju0 36 181  ju1 25 202  ju2 5 213  ju3 -25 217
    jr 44 190  ja 34 210  jm3 10 221  jm2 -22 229  jm1 -54 237
    cl1 -20 316  cl2 4 312  ac 22 316  sc1 44 305  sc2 66 308  sc3 82 326  sc4 90 360
    sc5 91 420  dl1 6 340  dl2 0 380  dl3 0 420
"""
"""A head seen from its left at life size: vertex to chin 231 mm, brow ridge to the back of
the head 195 mm, the ear just behind the middle with its lobe level with the nose; the neck
leaning a little forward, the shoulder and arm hanging in front of the back."""

FACE_LINE = "hf fh1 fh2 nz nd1 nd2 nt nc sn lu ul st ll lb ml pg me sm1 th nf1 nf2 jn cf1 cf2"
BACK_LINE = "hf sk1 sk2 sk3 sk4 sk5 sk6 sk7 nh nb1 nb2 nb3 bk1 bk2 bk3 bk4"
SIDE_EAR = "et e1 e2 e3 e4 e5 e6 el1 el2 el3 tg"
HAIRLINE = "hf hl1 hl2 hl3 hl4 hl5 sb"
ARM = "dl3 dl2 dl1 ac sc1 sc2 sc3 sc4 sc5"


def profile_sheet(side: str) -> Sheet:
    """The face from the patient's left or right: 300 x 420 mm, the same life size as the
    front chart, with the zones a practitioner charts from the side."""
    s = Sheet(
        f"profile_{side}",
        (f"Face, {side} profile", f"Лицо, {SIDES_RU[side]['m'].lower()} профиль"),
        side,
        (300, 420),
        2.5,
        (0.8, 0.5, 0.4),
        sign=1.0 if side == "left" else -1.0,
    )
    s.define(PROFILE)
    s.chain(FACE_LINE)
    s.chain(BACK_LINE)
    s.chain(SIDE_EAR, closed=True)
    s.chain(HAIRLINE)
    s.chain("fh2 bw1 bt")
    s.chain("bt tl1 hl1")
    s.chain("bt lo2 lo")
    s.chain("nj io lo")
    s.chain("lo zy0 zy1 sb")
    s.chain("sn ab al nj nz")
    s.chain("lu lp1 cm lp2 lb")
    s.chain("al nl1 nl2 nl3")
    s.chain("ab r1 mc")
    s.chain("mc po1 ct")
    s.chain("ml ct cs cc jm1")
    s.chain("nl3 mj")
    s.chain("ju0 ju1 ju2 ju3 mj cc")
    s.chain("el2 jr ja jm3 jm2 jm1 me")
    s.chain("nh nl1x e6")
    s.chain("jn cl1 cl2 ac")
    s.chain(ARM)
    s.chain("sc1 nb3")

    s.zone("forehead", "face", "Forehead", "Лоб", "hf fh1 fh2 bw1 bt tl1 hl1")
    _side_zone(
        s, "temple", side, "face", "{side} temple", "{m} висок",
        "hl1 hl2 hl3 hl4 hl5 sb zy1 zy0 lo lo2 bt tl1",
    )  # fmt: skip
    _side_zone(
        s, "periorbital", side, "eyes", "{side} periorbital area",
        "{f} периорбитальная зона", "fh2 nz nj io lo lo2 bt bw1",
    )  # fmt: skip
    s.zone("nose", "nose_nasolabial", "Nose", "Нос", "nz nd1 nd2 nt nc sn ab al nj")
    _side_zone(
        s, "cheek", side, "face", "{side} cheek", "{f} щека",
        "nj io lo zy0 zy1 sb tg el3 ju0 ju1 ju2 ju3 mj nl3 nl2 nl1 al",
    )  # fmt: skip
    _side_zone(
        s, "nasolabial", side, "nose_nasolabial", "{side} nasolabial fold",
        "{f} носогубная складка", "al nl1 nl2 nl3 mc r1 ab",
    )  # fmt: skip
    s.zone(
        "perioral", "face", "Perioral area", "Периоральная зона",
        "sn lu lp1 cm lp2 lb ml ct po1 mc r1 ab",
    )  # fmt: skip
    s.zone("lips", "lips", "Lips", "Губы", "lu ul st ll lb lp2 cm lp1")
    _side_zone(
        s, "marionette", side, "face", "{side} marionette area", "{f} зона марионетки",
        "mc nl3 mj cc cs ct po1",
    )  # fmt: skip
    s.zone("chin", "chin", "Chin", "Подбородок", "ml pg me jm1 cc cs ct")
    _side_zone(
        s, "jawline", side, "face", "{side} jawline", "{f} линия нижней челюсти",
        "el3 el2 jr ja jm3 jm2 jm1 cc mj ju3 ju2 ju1 ju0",
    )  # fmt: skip
    _side_zone(s, "ear_lobe", side, "face", "{side} ear lobe", "Мочка {gen} уха", "e6 el1 el2 el3")
    s.zone(
        "neck", "neck", "Neck", "Шея",
        "me sm1 th nf1 nf2 jn cl1 cl2 ac sc1 nb3 nb2 nb1 nh nl1x e6 el1 el2 jr ja jm3 jm2 jm1",
    )  # fmt: skip
    s.zone("decollete", "decollete", "Décolleté", "Декольте", "jn cf1 cf2 dl3 dl2 dl1 ac cl2 cl1")

    skin = f"{FACE_LINE} {' '.join(reversed(BACK_LINE.split()[1:]))}"
    s.draw("skin", skin, closed=True)
    s.draw("skin", SIDE_EAR, closed=True)
    s.draw(
        "hair",
        f"{HAIRLINE} tg et e1 e2 e3 e4 e5 e6 nl1x nh sk7 sk6 sk5 sk4 sk3 sk2 sk1",
        closed=True,
    )
    s.draw("outline", FACE_LINE)
    s.draw("outline", BACK_LINE)
    s.draw("outline", SIDE_EAR, closed=True)
    s.draw("faint", HAIRLINE)
    s.draw("faint", "nh nl1x e6")
    s.draw("detail", ARM)
    s.draw("faint", "jn cl1 cl2 ac")
    s.draw("faint", "el2 jr ja jm3 jm2 jm1")
    s.curve("faint", "41 118, 50 114.5, 61 118, 65.5 132, 63 148, 56 160", both=False)
    s.curve("faint", "46 134, 53 140, 53 151, 47 158", both=False)
    s.curve("faint", "39.5 146, 43 150, 41 156")
    s.lens(
        "brow_fill",
        "-73 101.5, -62 98.6, -52 98.6, -42 102.6",
        "-42 102.6, -52 100.6, -62 101.4, -72.5 104.6, -73.5 103, -73 101.5",
    )
    s.curve("outline", "-64.5 118.4, -60 116.4, -54 116.6, -48.5 120.4")
    s.curve("detail", "-63.5 124, -58.5 125.3, -53 124.2, -48.5 120.4")
    s.curve("faint", "-63 115, -57 112.6, -50 114.5")
    s.ellipse("detail", -60.6, 121.2, 1.3, 3.6)
    s.curve("detail", "-86 157.5, -80.5 157, -76.5 162.5, -77.5 169, -82 171.5")
    s.curve("detail", "-89 170, -86 171.8, -83 171.6")
    s.curve("detail", "-82 189.5, -76 190.3, -70.5 189.6")
    s.curve("faint", "-76 168, -73 178, -69 188, -65 196")
    s.curve("faint", "52 188, 30 230, 0 276, -28 306, -41 318")
    s.curve("faint", "74 262, 66 284, 54 302")
    return s


# ---------------------------------------------------------------- the face in three-quarter

THREE_QUARTER = """
    fs0 -80 70  fs1 -86 92  bf2 -88 106  fs3 -86 121  fo1 -89 137  fs5 -88 158  fs6 -85 180
    fs7 -80 200  fs8 -72 218  fs9 -62 231  cn -50 239  jcb -34 239  jb1 -20 237  jb2 8 230
    ja 30 208  jr 44 190
    hs1 -86 45  hs2 -70 17  hs3 -34 4  hs4 12 2  hs5 56 14  hs6 86 42  hs7 101 80  hs8 103 120
    hs9 96 160  hs10 80 192
    hl1 -72 59  hl2 -58 53  hl3 -34 54  hl4 -10 60  hl5 10 72  hl6 22 90  hl7 30 110  sb 37 133
    tn 0 88
    et 46 117  e1 51 109  e2 61 109  e3 68 118  e4 70 136  e5 67 154  e6 62 167  el1 58 177
    el2 52 182  el3 47 177  tg 44 150  nl1x 70 186
    bf0 -67 106  bf1 -77 101  gf -68 96  gn -54 96
    bn0 -54 106  bn1 -40 100  bn2 -24 98  bn3 -6 103
    lo2 -1 116  lo -3 130  io1 -16 139  io2 -34 141  zy0 8 135  zy1 28 137
    fo2 -76 139
    nf -66 118  nn -56 118  ns1n -50 135  ns2n -46 150  ns3n -44 160  aln -44 166
    nan -51 173.5  nbn -58 176  sn -64 176.5  nbf -69 176  naf -76 172  tip -81 163
    ns2f -75 150  ns1f -70 135
    chn -40 190  u1n -48 185  u2n -55.5 181.5  u3 -61 183.2  u2f -65.5 181.5  u1f -70 184.5
    chf -73.5 190  l1f -70 197  l2 -59 201  l1n -48 199
    r1n -44 182  mcn -33 195  po1n -38 201  ctn -44 207  cs1n -40 220  jcn -32 230
    r1f -77 181  mcf -77 193  po1f -73 201  ctf -70 207
    nl1n -38 173  nl2n -33 185  nl3n -28 198  mjn -20 212
    ju0 39 182  ju1 24 198  ju2 4 212  ju3 -14 223
    nkf1 -63 238  nkf2 -58 262  nkf3 -60 284  nkf4 -70 296  sf1 -96 305  sf2 -126 315
    sf3 -150 326  bfl -150 420  bfr 150 420
    nb1 66 214  nb2 61 250  nb3 64 278  nkn 74 287  sn1 90 294  sn2 120 305  sn3 150 318
    jn -38 322  cf1 -54 317  ckf -74 313  cf3 -98 313  cf4 -128 319
    cn1 -22 317  cn2 10 312  ckn 44 311  cn4 85 313  cn5 126 318
    df1 -100 362  df2 -92 408  d3 -48 414  dn2 60 408  dn1 76 362
"""
"""The head turned 40 degrees toward the viewer's left, so the patient's left side faces the
viewer: the near eye as wide as from the front, the far eye and cheek narrowed beside the
nose, the nose tip just inside the far cheek's line, the near ear and the back of the head in
view; the neck, collarbones and décolleté turned with it."""

FAR_LINE = "fs0 fs1 bf2 fs3 fo1 fs5 fs6 fs7 fs8"
JAW_LINE = "fs8 fs9 cn jcb jb1 jb2 ja jr el2"
HAIR_LINE = "fs0 hs1 hs2 hs3 hs4 hs5 hs6 hs7 hs8 hs9 hs10"
FRONT_HAIRLINE = "fs0 hl1 hl2 hl3 hl4 hl5 hl6 hl7 sb"
FAR_NECK = "fs8 nkf1 nkf2 nkf3 nkf4 sf1 sf2 sf3"
NEAR_NECK = "hs10 nb1 nb2 nb3 nkn sn1 sn2 sn3"


def three_quarter_sheet(side: str) -> Sheet:
    """The face turned to show the patient's left or right side: 300 x 420 mm at life size,
    the near side's zones whole, the far side's as far as they are seen."""
    near, far = side, "right" if side == "left" else "left"
    s = Sheet(
        f"face_3q_{side}",
        (
            f"Face, {side} three-quarter view",
            f"Лицо, {SIDES_RU[side]['m'].lower()} полупрофиль (3/4)",
        ),
        f"front_{side}",
        (300, 420),
        2.5,
        (0.8, 0.5, 0.4),
        sign=1.0 if side == "left" else -1.0,
    )
    s.define(THREE_QUARTER)
    s.chain(FAR_LINE)
    s.chain(JAW_LINE)
    s.chain(HAIR_LINE)
    s.chain(FRONT_HAIRLINE)
    s.chain("et e1 e2 e3 e4 e5 e6 el1 el2 el3 tg", closed=True)
    s.chain(FAR_NECK)
    s.chain(NEAR_NECK)
    s.chain("hs10 nl1x e6")
    s.chain("bf0 bf1 bf2")
    s.chain("bn0 bn1 bn2 bn3")
    s.chain("hl5 tn bn3")
    s.chain("bn3 lo2 lo")
    s.chain("lo zy0 zy1 sb")
    s.chain("ns1n io2 io1 lo")
    s.chain("fo1 fo2 ns1f")
    s.chain("nf ns1f ns2f tip naf nbf sn nbn nan aln ns3n ns2n ns1n nn")
    s.chain("chf u1f u2f u3 u2n u1n chn")
    s.chain("chn l1n l2 l1f chf")
    s.chain("aln nl1n nl2n nl3n")
    s.chain("nan r1n mcn")
    s.chain("mcn po1n ctn")
    s.chain("ctn cs1n jcn jcb")
    s.chain("nl3n mjn ju3")
    s.chain("ju0 ju1 ju2 ju3 jcn")
    s.chain("naf r1f mcf")
    s.chain("mcf po1f ctf")
    s.chain(f"{' '.join(['cf4', 'cf3', 'ckf', 'cf1'])} jn cn1 cn2 ckn cn4 cn5")
    s.chain("cf3 df1 df2 d3 dn2 dn1 cn4")

    s.zone(
        "forehead", "face", "Forehead", "Лоб",
        "fs0 hl1 hl2 hl3 hl4 hl5 tn bn3 bn2 bn1 bn0 gn gf bf0 bf1 bf2 fs1",
    )  # fmt: skip
    s.zone("glabella", "face", "Glabella", "Межбровье", "gf gn bn0 nn nf bf0")
    _side_zone(
        s, "temple", near, "face", "{side} temple", "{m} висок",
        "hl5 hl6 hl7 sb zy1 zy0 lo lo2 bn3 tn",
    )  # fmt: skip
    _side_zone(
        s, "periorbital", near, "eyes", "{side} periorbital area",
        "{f} периорбитальная зона", "bn0 bn1 bn2 bn3 lo2 lo io1 io2 ns1n nn",
    )  # fmt: skip
    _side_zone(
        s, "periorbital", far, "eyes", "{side} periorbital area",
        "{f} периорбитальная зона", "bf0 bf1 bf2 fs3 fo1 fo2 ns1f nf",
    )  # fmt: skip
    s.zone(
        "nose", "nose_nasolabial", "Nose", "Нос",
        "nf nn ns1n ns2n ns3n aln nan nbn sn nbf naf tip ns2f ns1f",
    )  # fmt: skip
    _side_zone(
        s, "cheek", near, "face", "{side} cheek", "{f} щека",
        "io2 io1 lo zy0 zy1 sb tg el3 ju0 ju1 ju2 ju3 mjn nl3n nl2n nl1n aln ns3n ns2n ns1n",
    )  # fmt: skip
    _side_zone(
        s, "cheek", far, "face", "{side} cheek", "{f} щека",
        "fo1 fs5 fs6 fs7 fs8 ctf po1f mcf r1f naf tip ns2f ns1f fo2",
    )  # fmt: skip
    _side_zone(
        s, "nasolabial", near, "nose_nasolabial", "{side} nasolabial fold",
        "{f} носогубная складка", "aln nl1n nl2n nl3n mcn r1n nan",
    )  # fmt: skip
    s.zone(
        "perioral", "face", "Perioral area", "Периоральная зона",
        "sn nbn nan r1n mcn po1n ctn l1n chn u1n u2n u3 u2f u1f chf l1f ctf po1f mcf r1f naf"
        " nbf",
    )  # fmt: skip
    s.zone("lips", "lips", "Lips", "Губы", "chn u1n u2n u3 u2f u1f chf l1f l2 l1n")
    _side_zone(
        s, "marionette", near, "face", "{side} marionette area", "{f} зона марионетки",
        "mcn nl3n mjn ju3 jcn cs1n ctn po1n",
    )  # fmt: skip
    s.zone("chin", "chin", "Chin", "Подбородок", "l1f ctf fs8 fs9 cn jcb jcn cs1n ctn l1n l2")
    _side_zone(
        s, "jawline", near, "face", "{side} jawline", "{f} линия нижней челюсти",
        "el3 el2 jr ja jb2 jb1 jcb jcn ju3 ju2 ju1 ju0",
    )  # fmt: skip
    _side_zone(s, "ear_lobe", near, "face", "{side} ear lobe", "Мочка {gen} уха", "e6 el1 el2 el3")
    s.zone(
        "neck", "neck", "Neck", "Шея",
        "fs8 nkf1 nkf2 nkf3 nkf4 ckf cf1 jn cn1 cn2 ckn nkn nb3 nb2 nb1 hs10 nl1x e6 el1 el2"
        " jr ja jb2 jb1 jcb cn fs9",
    )  # fmt: skip
    s.zone(
        "decollete", "decollete", "Décolleté", "Декольте",
        "cf3 ckf cf1 jn cn1 cn2 ckn cn4 dn1 dn2 d3 df2 df1",
    )  # fmt: skip

    skin = f"{FAR_LINE} {FAR_NECK.split(' ', 1)[1]} bfl bfr {_reversed(NEAR_NECK)}"
    s.draw("skin", f"{skin} {_reversed(HAIR_LINE)[len('hs10 ') :]}", closed=True)
    s.draw("skin", "et e1 e2 e3 e4 e5 e6 el1 el2 el3 tg", closed=True)
    s.draw(
        "hair",
        f"{HAIR_LINE} nl1x e6 e5 e4 e3 e2 e1 et tg {_reversed(FRONT_HAIRLINE)}",
        closed=True,
    )
    s.draw("outline", f"{_reversed(HAIR_LINE)} {FAR_LINE} {FAR_NECK.split(' ', 1)[1]}")
    s.draw("outline", NEAR_NECK)
    s.draw("outline", "et e1 e2 e3 e4 e5 e6 el1 el2 el3 tg", closed=True)
    s.draw("outline", "fs8 fs9 cn jcb jb1 jb2 ja")
    s.draw("faint", "ja jr el2")
    s.draw("faint", FRONT_HAIRLINE)
    s.draw("faint", "hs10 nl1x e6")
    s.curve("faint", "49 117, 57 113, 64 119, 66 134, 63 150, 58 161")
    s.curve("faint", "51 135, 56 141, 56 151, 51 157")
    s.curve("faint", "46 146, 48.5 150, 46.5 155")
    s.lens(
        "brow_fill",
        "-66.5 104.6, -77 99.8, -87.6 104.6",
        "-87.6 104.6, -77 101.8, -67.5 107.4, -66.2 106, -66.5 104.6",
    )
    s.lens(
        "brow_fill",
        "-54 104.4, -40 98.6, -24 96.8, -6 101.8",
        "-6 101.8, -24 99.4, -40 101.4, -54 107.4, -55 106, -54 104.4",
    )
    s.curve("outline", "-42 122, -35 117, -26 115.5, -17 116.5, -12 119.5")
    s.curve("detail", "-42 122, -34 125.5, -24 126.2, -16 124, -12 119.5")
    s.curve("faint", "-40 117, -32 112.5, -22 111.5, -13 114.5")
    s.ellipse("detail", -29, 120.8, 3.9, 4.4)
    s.ellipse("solid", -29.3, 120.8, 1.4, 1.6)
    s.curve("outline", "-69 122, -72.5 117.5, -77 116.5, -82 119")
    s.curve("detail", "-69 122, -73 125, -78 124.5, -82 119")
    s.curve("faint", "-70 117.5, -75 113, -81 114.5")
    s.ellipse("detail", -74, 121, 1.8, 3.8)
    s.ellipse("solid", -73.8, 121, 0.8, 1.4)
    s.draw("faint", "nf ns1f")
    s.draw("detail", "ns1f ns2f tip naf nbf")
    s.curve("faint", "-54 124, -50 138, -47 152")
    s.curve("detail", "-47 158, -43 162, -42.5 168, -47 173, -54 174")
    s.curve("detail", "-57 174.5, -62 176, -67 175")
    s.draw("detail", "chf u1f u2f u3 u2n u1n chn")
    s.draw("detail", "chn l1n l2 l1f chf")
    s.curve("detail", "-73.5 190, -67 190.6, -61 189.6, -52 190.8, -40 190")
    s.curve("faint", "-44 168, -38 177, -35 186")
    s.curve("faint", "-54 208, -61 209.5, -68 208")
    s.curve("faint", "58 188, 40 230, 10 278, -22 310, -34 318")
    s.curve("faint", "-64 240, -56 270, -46 306")
    s.draw("detail", "cf4 cf3 ckf cf1 jn cn1 cn2 ckn cn4 cn5")
    s.curve("faint", "-150 362, -136 382, -130 420")
    s.curve("faint", "150 352, 134 374, 128 420")
    return s


def _reversed(run: str) -> str:
    return " ".join(reversed(run.split()))


def _pair(s: Sheet, code: str, area: str, label: str, label_ru: str, spec: str) -> None:
    """A zone drawn on the viewer's left and its mirror image, each named by the patient's
    side (on a front view the patient's right is on the viewer's left)."""
    viewer_left = "right" if s.facing.startswith("front") else "left"
    for side, mirrored in ((viewer_left, False), (_other(viewer_left), True)):
        s.add_zone(
            f"{code}_{side}",
            area,
            label.format(side=side.capitalize(), lower=side),
            label_ru.format(**SIDES_RU[side]),
            s.polygon(spec, mirrored),
        )


def _other(side: str) -> str:
    return "left" if side == "right" else "right"


# ---------------------------------------------------------------- the hands

HANDS = """
    fu0 -113 260  wu -110 200  hu1 -118 160  hu2 -122 130  kn0 -123 117
    lf1 -124 84  lf2 -124.5 62  lft -118.5 51  lf3 -112 58  lf4 -111 82  w1 -106 104
    rf1 -106 76  rf2 -107 47  rft -99 35  rf3 -91 43  rf4 -89.5 72  w2 -88 102
    mf1 -88.5 70  mf2 -88 38  mft -79.5 26  mf3 -71 36  mf4 -70.5 70  w3 -70 103
    if1 -70 75  if2 -68.5 48  ift -60.5 37  if3 -52.5 45  if4 -52 76  kn4 -51.5 112
    tw -50 128  t1 -41 127  t2 -31 118  t3 -22.5 105  tt -15.5 92  t4 -8.5 94.5  t5 -8 106
    t6 -14 124  tb -26 146  th -40 170  wr -50 198  fr0 -46 260
    kn1 -106 113  kn2 -88 110  kn3 -70 111
"""
"""Two hands of an adult from the back, palms down and fingers up, as the patient sees their
own: 185 mm from the wrist crease to the middle fingertip, 72 mm across the knuckles, the
thumb lying beside the index finger; a hand's width of forearm below the wrist."""

HAND_OUTLINE = (
    "fu0 wu hu1 hu2 kn0 lf1 lf2 lft lf3 lf4 w1 rf1 rf2 rft rf3 rf4 w2 mf1 mf2 mft mf3 mf4 w3"
    " if1 if2 ift if3 if4 kn4 tw t1 t2 t3 tt t4 t5 t6 tb th wr fr0"
)
FINGERS = (
    "kn0 lf1 lf2 lft lf3 lf4 w1 rf1 rf2 rft rf3 rf4 w2 mf1 mf2 mft mf3 mf4 w3 if1 if2 ift if3"
    " if4 kn4"
)
NAILS = (
    ("-120.5 60, -118.5 55.5, -115 59", "-115 59, -115.5 65, -120 65.5, -120.5 60"),
    ("-103 44.5, -99 39.5, -95 44", "-95 44, -95.5 51, -102.5 51.5, -103 44.5"),
    ("-84 35, -79.5 30, -75 34.5", "-75 34.5, -75.5 42, -83.5 42.5, -84 35"),
    ("-64.5 46, -60.5 41, -56.5 45", "-56.5 45, -57 52, -64 52.5, -64.5 46"),
    ("-17 96, -13.5 94.5, -10.5 97", "-10.5 97, -12 104.5, -17.5 102.5, -17 96"),
)


def hands_sheet() -> Sheet:
    """Both hands from the back: 320 x 260 mm, the patient's left hand on the viewer's left
    (as the patient looks at their own hands), midline x = 160."""
    s = Sheet(
        "hands",
        ("Hands (backs)", "Кисти рук (тыльная сторона)"),
        "back",
        (320, 260),
        2.0,
        (0.8, 0.5, 0.4),
    )
    s.define(HANDS)
    s.chain(HAND_OUTLINE, both=True)
    s.chain("kn0 kn1 kn2 kn3 kn4", both=True)
    s.chain("tw tb", both=True)

    _pair(
        s, "fingers", "hands", "Fingers of the {lower} hand", "Пальцы {gf} руки",
        f"{FINGERS} kn3 kn2 kn1",
    )  # fmt: skip
    _pair(
        s, "thumb", "hands", "{side} thumb", "Большой палец {gf} руки",
        "tw t1 t2 t3 tt t4 t5 t6 tb",
    )  # fmt: skip
    _pair(
        s, "hand_back", "hands", "Back of the {lower} hand", "Тыльная сторона {gf} кисти",
        "wu hu1 hu2 kn0 kn1 kn2 kn3 kn4 tw tb th wr",
    )  # fmt: skip

    s.draw("skin", HAND_OUTLINE, closed=True, both=True)
    s.draw("outline", HAND_OUTLINE, both=True)
    s.draw("dashed", "fu0 fr0", both=True)
    for upper, lower in NAILS:
        s.lens("process", upper, lower, both=True)
    for crease in (
        "-123 92, -118 94, -112 92", "-124 72, -118.5 73.5, -112 72",
        "-106 86, -98 88, -90 86", "-107 60, -99 62, -91 60",
        "-88.5 84, -79.5 86, -70.5 84", "-88 54, -79.5 56, -71 54",
        "-70 88, -61 90, -52 88", "-69 62, -60.5 64, -52.5 62",
        "-24 110, -18.5 113.5, -12 113",
    ):  # fmt: skip
        s.curve("faint", crease, both=True)
    for knuckle in ("-117 117, -114 113, -110 116", "-99 113, -96 109.5, -92 112",
                    "-83 111, -79 107.5, -75 110", "-65 112, -61.5 109, -58 112"):  # fmt: skip
        s.curve("faint", knuckle, both=True)
    for tendon in ("-104 120, -100 150, -88 186", "-88 118, -86 150, -80 186",
                   "-71 119, -72 150, -72 186", "-57 122, -62 152, -65 186"):  # fmt: skip
        s.curve("faint", tendon, both=True)
    s.curve("faint", "-112 196, -106 199, -100 198", both=True)
    s.curve("faint", "-118 206, -114 202, -110 206", both=True)
    return s


# ---------------------------------------------------------------- the scalp

SCALP = """
    o0 0 30  o1 -28 33  o2 -46 41  o3 -58 54  o4 -67 74  o5 -74 100  o6 -78 130  o7 -77 158
    o8 -71 186  o9 -57 207  o10 -32 222  o11 0 228
    h0 0 40  h1 -22 42  h2 -39 48  h3 -51 58
    fb -38 84  fb0 0 88  tb -42 132
    oc2 -57 190  v1 -33 201  oc0 0 207  v2 -30 158  v0 0 138
    ea0 -77.5 116  ea1 -86 119  ea2 -94 131  ea3 -93.5 145  ea4 -85 152  ea5 -77.5 150
    no0 -12 31.5  no1 -8.5 21  no2 0 16
"""
"""A head seen from above, the face at the top: 195 mm from the forehead to the back of the
head, 156 mm across the parietal bones, the ears and the tip of the nose showing beyond."""

SKULL_TOP = "o0 o1 o2 o3 o4 o5 o6 o7 o8 o9 o10 o11"


def scalp_sheet() -> Sheet:
    """The scalp from above: 220 x 250 mm, midline x = 110; the patient's left on the
    viewer's left, as seen standing behind the patient."""
    s = Sheet(
        "scalp",
        ("Scalp (from above)", "Волосистая часть головы (вид сверху)"),
        "top",
        (220, 250),
        2.5,
        (0.8, 0.5, 0.4),
    )
    s.define(SCALP)
    s.chain(s.across(SKULL_TOP), closed=True)
    s.chain(f"o4 {s.across('h3 h2 h1 h0')} o4'")
    s.chain(s.across("fb fb0"))
    s.chain("h2 fb tb o6", both=True)
    s.chain("o7 oc2 v1 oc0", both=True)
    s.chain(s.across("v1 v2 v0"))
    s.chain("ea0 ea1 ea2 ea3 ea4 ea5", both=True)
    s.chain(s.across("no0 no1 no2"))

    s.zone(
        "frontal", "scalp", "Frontal area (front hairline)", "Лобная зона",
        "h0 h1 h2 fb fb0 fb' h2' h1'",
    )  # fmt: skip
    _pair(
        s, "temporal", "scalp", "{side} temporal area", "{f} височная зона",
        "h2 h3 o4 o5 o6 tb fb",
    )  # fmt: skip
    s.zone(
        "parietal", "scalp", "Parietal area (top of the head)", "Теменная зона",
        "fb fb0 fb' tb' o6' o7' oc2' v1' v2' v0 v2 v1 oc2 o7 o6 tb",
    )  # fmt: skip
    s.zone("vertex", "scalp", "Crown (vertex)", "Макушка", "v1 v2 v0 v2' v1' oc0")
    s.zone(
        "occipital", "scalp", "Occipital area (back of the head)", "Затылочная зона",
        "o7 o8 o9 o10 o11 o10' o9' o8' o7' oc2' v1' oc0 v1 oc2",
    )  # fmt: skip

    s.draw("skin", "ea0 ea1 ea2 ea3 ea4 ea5", closed=True, both=True)
    s.draw("outline", "ea0 ea1 ea2 ea3 ea4 ea5", both=True)
    s.draw("skin", s.across("no0 no1 no2"), closed=True)
    s.draw("outline", s.across("no0 no1 no2"))
    s.draw("skin", s.across(SKULL_TOP), closed=True)
    s.draw(
        "hair",
        f"o4 {s.across('h3 h2 h1 h0')} o4' o5' o6' o7' o8' o9' o10' o11 o10 o9 o8 o7 o6 o5",
        closed=True,
    )
    s.draw("outline", s.across(SKULL_TOP), closed=True)
    s.draw("faint", s.across("h3 h2 h1 h0"))
    s.curve("faint", "0 42, 0 100, 2 150, 4 160")
    s.curve("faint", "-84 124, -88 134, -86 144", both=True)
    s.curve("faint", "5 166, 2 169.5, -1.5 166, 2 161.5, 8.5 164, 9.5 171, 3.5 176.5, -5 175")
    for strand in (
        "-6 50, -20 74, -32 110, -38 150, -38 186",
        "-24 48, -42 74, -55 112, -60 152, -57 188",
    ):
        s.curve("faint", strand, both=True)
    return s
