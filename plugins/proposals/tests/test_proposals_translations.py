"""The French catalogue covers every string of the code and templates, compiled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pnyx_proposals"
CATALOGUE = PACKAGE / "translations" / "fr" / "LC_MESSAGES"
METHODS = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**.py", "python"),
]
# The names the plugin translates with: api._, api._l, api.ngettext, and _ / ngettext in templates.
KEYWORDS = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2)}
KEYWORDS |= {f"api.{name}": spec for name, spec in KEYWORDS.items()}


def source_ids() -> set[str]:
    found = extract_from_dir(PACKAGE, METHODS, keywords=KEYWORDS)
    return {msg if isinstance(msg, str) else msg[0] for _file, _line, msg, *_ in found}


def test_every_string_is_translated_in_french() -> None:
    with (CATALOGUE / "messages.po").open("rb") as po:
        catalogue = read_po(po)
    source = source_ids()
    assert len(source) > 10
    missing = sorted(i for i in source if i not in catalogue or not catalogue[i].string)
    assert not missing, f"translate in messages.po: {missing}"
    unused = sorted(m.id for m in catalogue if m.id and _msgid(m.id) not in source)
    assert not unused, f"remove from messages.po: {unused}"
    assert not [m.id for m in catalogue if m.id and m.fuzzy], "fuzzy entries left"


def test_compiled_catalogue_is_up_to_date() -> None:
    with (CATALOGUE / "messages.po").open("rb") as po:
        source = {_key(m.id): _key(m.string) for m in read_po(po) if m.id}
    with (CATALOGUE / "messages.mo").open("rb") as mo:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(mo) if m.id}
    assert compiled == source, "run `make translations` after editing messages.po"


def _msgid(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _key(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    # Plural entries are tuples in a .po file and lists in a .mo file.
    return value if isinstance(value, str) else tuple(value)
