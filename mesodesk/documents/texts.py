"""The wording of the documents, kept as JSON per language so a clinic can rewrite it.

Shipped texts live in `resources/texts/<kind>.<language>.json`. A clinic drops a file of the
same name into its override folder holding only what it wants to change: keys replace keys,
list items with an "id" replace or extend the shipped item of that id, and `"hidden": true`
drops an item. An advice-like item is scoped by "areas" (face, neck, decollete, hands, scalp,
body, vascular), or by the older, coarser "regions" (face, body, vascular), and by
"techniques". Overrides are checked against the shipped shape so a typo fails loudly with the
file's name instead of printing a half-empty sheet.

The clinic's files are kept in the database (services/rules.py) and handed to the builders as
`TextOverrides`: file name to file text. A folder of files is still read the same way.
"""

from __future__ import annotations

import contextlib
import copy
import json
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, overload

from mesodesk.domain.vocabulary import Area, Language, Technique
from mesodesk.paths import data_dir, resource_path

KINDS = ("common", "aftercare", "consent", "visit_summary")
REGIONS = frozenset({"face", "body", "vascular"})
ADVICE_AREAS = frozenset({"face", "neck", "decollete", "hands", "scalp", "body", "vascular"})
ADVICE_KINDS = frozenset({"do", "dont"})
_TECHNIQUES = frozenset(t.value for t in Technique)
_OPTIONAL_ITEM_KEYS = frozenset({"regions", "areas", "techniques", "hidden"})
_ADVICE_AREA = {
    Area.NECK: "neck",
    Area.DECOLLETE: "decollete",
    Area.HANDS: "hands",
    Area.SCALP: "scalp",
    Area.VASCULAR: "vascular",
    Area.FACE: "face",
    Area.EYES: "face",
    Area.NOSE_NASOLABIAL: "face",
    Area.LIPS: "face",
    Area.CHIN: "face",
}

Texts = dict[str, Any]
TextOverrides = Path | Mapping[str, str] | None
"""Where a clinic's wording comes from: a folder of override files, or the files' texts by
file name (`aftercare.ru.json`) as the database keeps them; None for the shipped wording only."""


def load_texts(kind: str, language: Language, override_dir: TextOverrides = None) -> Texts:
    """The shipped texts of `kind` in `language`, with the clinic's override file merged in.

    An override file that cannot be used (not JSON, nested too deeply, a typo in a key) is
    left out and the shipped texts are printed: a sheet is never refused for it.
    `text_override_problems` says what is wrong, for a banner or a line on stderr.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of texts {kind!r}; expected one of {', '.join(KINDS)}")
    texts = _shipped_texts(kind, language)
    override = _override(kind, language, override_dir)
    if override is not None:
        # an unusable override leaves the shipped texts, as text_override_problems reports
        with contextlib.suppress(ValueError, RecursionError):
            texts = _with_override(texts, *override)
    shown: Texts = _without_hidden(texts)
    return shown


def text_override_problems(override_dir: TextOverrides) -> list[str]:
    """One line per override file in `override_dir` that cannot be used, naming the file."""
    problems: list[str] = []
    for kind in KINDS:
        for language in Language:
            override = _override(kind, language, override_dir)
            if override is None:
                continue
            try:
                _with_override(_shipped_texts(kind, language), *override)
            except RecursionError:
                problems.append(f"{override[0]}: is nested too deeply; {_SHIPPED_USED}")
            except ValueError as error:
                problems.append(f"{' '.join(str(error).split())}; {_SHIPPED_USED}")
    return problems


_SHIPPED_USED = "the texts shipped with MesoDesk are printed instead"


def text_file_names() -> list[str]:
    """The name of every override file a clinic may write: `<kind>.<language>.json`."""
    return [text_file_name(kind, language) for kind in KINDS for language in Language]


def text_file_name(kind: str, language: Language) -> str:
    return f"{kind}.{language.value}.json"


def check_text_override(name: str, content: str) -> None:
    """Refuse (ValueError, one line naming `name`) an override the builders could not use."""
    stem = name.removesuffix(".json")
    kind, _, code = stem.rpartition(".")
    languages = {language.value: language for language in Language}
    if not name.endswith(".json") or kind not in KINDS or code not in languages:
        known = ", ".join(text_file_names())
        raise ValueError(f"{name}: not a texts file; expected one of {known}")
    try:
        _with_override(_shipped_texts(kind, languages[code]), name, content)
    except RecursionError as error:
        raise ValueError(f"{name}: is nested too deeply") from error


def _shipped_texts(kind: str, language: Language) -> Texts:
    shipped_path = resource_path("texts", text_file_name(kind, language))
    shipped = _read_json(shipped_path)
    _check_items(shipped, shipped_path, "")
    return shipped


def _override(
    kind: str, language: Language, overrides: TextOverrides
) -> tuple[str, str | Path] | None:
    """(the name errors give, the override's text or file), if the clinic has one."""
    name = text_file_name(kind, language)
    if overrides is None:
        return None
    if isinstance(overrides, Path):
        path = overrides / name
        return (str(path), path) if path.is_file() else None
    content = overrides.get(name)
    return None if content is None else (name, content)


def _with_override(shipped: Texts, label: str, override_text: str | Path) -> Texts:
    if isinstance(override_text, Path):
        override = _read_json(override_text)
    else:
        override = _parse_json(override_text, label)
    merged: Texts = _merge(shipped, override, label, "")
    _check_items(merged, label, "")
    return merged


def clinic_texts_dir() -> Path:
    """The override folder the app passes to the builders: `texts/` inside the data folder."""
    return data_dir(create=False) / "texts"


def advice_area(area: Area) -> str:
    """The part of the body advice is written for: the face proper, the neck, the décolleté,
    the hands, the scalp, the rest of the body, or the vascular spine scheme."""
    return _ADVICE_AREA.get(area, "body")


def applies(item: Texts, areas: Iterable[Area], techniques: Iterable[Technique]) -> bool:
    """Whether an advice-like item is meant for a visit to these areas with these techniques.

    An item without "areas", "regions" or "techniques" is not limited by it. A visit with no
    area recorded gets only the advice meant for every area.
    """
    chosen = list(areas)
    for key, scope, of in (
        ("areas", ADVICE_AREAS, advice_area),
        ("regions", REGIONS, lambda a: a.region),
    ):
        wanted_areas = item.get(key)
        if wanted_areas is None:
            continue
        if not chosen:
            if not scope <= set(wanted_areas):
                return False
        elif not {of(a) for a in chosen} & set(wanted_areas):
            return False
    wanted = item.get("techniques")
    return wanted is None or bool({t.value for t in techniques} & set(wanted))


def _read_json(path: Path) -> Texts:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path}: cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: is not UTF-8 text") from error
    return _parse_json(text, path)


def _parse_json(text: str, path: str | Path) -> Texts:
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{path}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    if not isinstance(content, dict):
        raise ValueError(f"{path}: must hold a JSON object {{...}} at the top")
    return content


def _merge(shipped: Any, override: Any, path: str | Path, where: str) -> Any:
    """`override` laid over `shipped`, refusing what the shipped file has no slot for."""
    here = where or "top level"
    if isinstance(shipped, dict):
        if not isinstance(override, dict):
            raise ValueError(f"{path}: {here} must be an object {{...}}")
        merged = copy.deepcopy(shipped)
        for key, value in override.items():
            if key not in shipped:
                raise ValueError(f"{path}: unknown key {_join(where, key)!r}")
            merged[key] = _merge(shipped[key], value, path, _join(where, key))
        return merged
    if isinstance(shipped, list):
        if not isinstance(override, list):
            raise ValueError(f"{path}: {here} must be a list [...]")
        if shipped and all(isinstance(item, dict) and "id" in item for item in shipped):
            return _merge_items(shipped, override, path, where)
        if len(override) != len(shipped) or not all(isinstance(v, str) for v in override):
            raise ValueError(f"{path}: {here} must be a list of {len(shipped)} texts")
        return list(override)
    if isinstance(shipped, str):
        if not isinstance(override, str) or not override.strip():
            raise ValueError(f"{path}: {here} must be a non-empty text")
        _check_placeholders(shipped, override, path, here)
        return override
    raise ValueError(f"{path}: {here} cannot be overridden")


def _merge_items(
    shipped: list[Texts], override: list[Any], path: str | Path, where: str
) -> list[Texts]:
    """Items matched by id: replace fields of a shipped item, or append a new complete one."""
    merged = copy.deepcopy(shipped)
    by_id = {item["id"]: item for item in merged}
    required = set.intersection(*(set(item) for item in shipped)) - _OPTIONAL_ITEM_KEYS
    template = {key: shipped[0][key] for key in required}
    for item in override:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ValueError(f'{path}: every item of {where!r} needs a text "id"')
        at = f"{where}[id={item['id']}]"
        target = by_id.get(item["id"])
        if target is None:
            missing = sorted(required - set(item) - {"hidden"}) if not item.get("hidden") else []
            if missing:
                raise ValueError(f"{path}: new item {at} lacks {', '.join(missing)}")
            target = {}
            merged.append(target)
            by_id[item["id"]] = target
        known = set(target) | set(template) | _OPTIONAL_ITEM_KEYS
        for key, value in item.items():
            if key not in known:
                raise ValueError(f"{path}: unknown key {key!r} in {at}")
            if key in _OPTIONAL_ITEM_KEYS:
                target[key] = value
            elif key in target:
                target[key] = _merge(target[key], value, path, f"{at}.{key}")
            else:
                target[key] = _new_value(template[key], value, path, f"{at}.{key}")
    return merged


def _new_value(template: Any, value: Any, path: str | Path, where: str) -> Any:
    """A field of a clinic-added item, shaped like the shipped one but not inheriting its items."""
    merged = _merge(template, value, path, where)
    if isinstance(merged, list) and isinstance(value, list) and merged is not value:
        wanted = {item.get("id") for item in value if isinstance(item, dict)}
        merged = [item for item in merged if not isinstance(item, dict) or item["id"] in wanted]
    return merged


def _check_placeholders(shipped: str, override: str, path: str | Path, where: str) -> None:
    """A clinic may drop a {placeholder} but not invent one the builder cannot fill."""
    allowed = _placeholders(shipped, path, where)
    unknown = _placeholders(override, path, where) - allowed
    if unknown:
        names = ", ".join("{" + name + "}" for name in sorted(unknown))
        hint = ", ".join("{" + name + "}" for name in sorted(allowed)) or "none"
        raise ValueError(f"{path}: {where} uses {names}; allowed placeholders: {hint}")


def _placeholders(text: str, path: str | Path, where: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        raise ValueError(f"{path}: {where} has unbalanced braces ({error})") from error


def _check_items(node: Any, path: str | Path, where: str) -> None:
    """Region, technique and advice codes of id'd items must be ones the builders know."""
    if isinstance(node, dict) and "id" in node:
        if "regions" in node:
            _check_codes(node["regions"], REGIONS, path, f"{where}.regions")
        if "areas" in node:
            _check_codes(node["areas"], ADVICE_AREAS, path, f"{where}.areas")
        if "techniques" in node:
            _check_codes(node["techniques"], _TECHNIQUES, path, f"{where}.techniques")
        if "kind" in node and node["kind"] not in ADVICE_KINDS:
            raise ValueError(
                f"{path}: {where}.kind must be one of {', '.join(sorted(ADVICE_KINDS))}"
            )
        if "hidden" in node and not isinstance(node["hidden"], bool):
            raise ValueError(f"{path}: {where}.hidden must be true or false")
    if isinstance(node, dict):
        for key, value in node.items():
            _check_items(value, path, _join(where, key))
    elif isinstance(node, list):
        for item in node:
            has_id = isinstance(item, dict) and "id" in item
            _check_items(item, path, f"{where}[id={item['id']}]" if has_id else where)


def _check_codes(value: Any, known: frozenset[str], path: str | Path, where: str) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValueError(f"{path}: {where} must be a list of codes")
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValueError(
            f"{path}: {where} has unknown {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )


@overload
def _without_hidden(node: Texts) -> Texts: ...


@overload
def _without_hidden(node: Any) -> Any: ...


def _without_hidden(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _without_hidden(value) for key, value in node.items()}
    if isinstance(node, list):
        return [
            _without_hidden(item)
            for item in node
            if not (isinstance(item, dict) and item.get("hidden") is True)
        ]
    return node


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
