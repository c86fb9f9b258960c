"""Checks that a package's catalogue covers its strings and is compiled.

Used by the repository's tests for the core and every plugin; a third-party
plugin can call :func:`catalogue_problems` from its own tests::

    from pnyx.testing.translations import catalogue_problems

    def test_french_is_complete():
        assert catalogue_problems(Path(pnyx_mine.__file__).parent, "fr") == []

The same extraction settings (:data:`METHODS`, :data:`KEYWORDS`, :data:`SKIPPED`)
are used by ``scripts/update_catalogues.py``, so what the script extracts is
what these checks expect.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

#: Where strings are: Python code, page templates and e-mail templates (``.txt``).
METHODS = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**.py", "python"),
]
#: The names code translates with: gettext, _, _l, ngettext, and the same through ``api.``.
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "_l": None,
    "gettext": None,
    "lazy_gettext": None,
    "ngettext": (1, 2),
    "lazy_ngettext": (1, 2),
}
KEYWORDS |= {f"api.{name}": spec for name, spec in KEYWORDS.items()}
#: Folders of a package that hold no interface strings.
SKIPPED = ("testing", "migrations", "tests")
#: A named placeholder (``%(name)s``, ``%(num)d``) or an escaped percent sign.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%%")
#: Languages written with French typography: a narrow no-break space (U+202F) before
#: ``: ; ! ?`` ("Résultats : …"), so that the sign never starts a line. Corsican follows it.
FRENCH_TYPOGRAPHY = ("fr", "co")
NARROW_NO_BREAK_SPACE = "\u202f"
#: A sign that ends a clause (followed by a space, the end, a closing quote or bracket), with
#: the space before it, if any: not the colon of "18:30" or "https://".
_SPACED_SIGN = re.compile(r"(?<=\S)[ \u00a0\u202f]?([:;!?])(?=\s|$|[»)\]])")


#: A number and its unit ("70 %", "5 €") separated by a plain space.
_SPACED_UNIT = re.compile(r"(?<=\d) (?=[%€])")


#: A straight apostrophe inside a word (``l'organisation``, ``Contr'à``); not a quote around
#: one (``'x'``), which has no letter on one side.
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
TYPOGRAPHIC_APOSTROPHE = "\u2019"


def french_spacing(text: str) -> str:
    """``text`` with a narrow no-break space before each ``: ; ! ?`` that ends a clause, a
    no-break space between a number and its unit (``70 %``), and typographic apostrophes
    (``l’organisation``, the style guide's; translators may type ``'``)."""
    text = _SPACED_SIGN.sub(lambda match: NARROW_NO_BREAK_SPACE + match.group(1), text)
    text = _STRAIGHT_APOSTROPHE.sub(TYPOGRAPHIC_APOSTROPHE, text)
    return _SPACED_UNIT.sub("\u00a0", text)


def with_french_spacing(message: Message) -> str | tuple[str, ...]:
    """The message's translation (each plural form) with :func:`french_spacing`."""
    if isinstance(message.string, str):
        return french_spacing(message.string)
    return tuple(french_spacing(form) for form in message.string)


def source_ids(package: Path) -> set[str]:
    """Every msgid used in the package's Python code and templates."""
    found = extract_from_dir(
        package,
        METHODS,
        keywords=KEYWORDS,
        directory_filter=lambda path: Path(path).name not in SKIPPED,
    )
    return {msg if isinstance(msg, str) else msg[0] for _file, _line, msg, *_ in found}


def read_catalogue(package: Path, locale: str) -> Catalog:
    with (package / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def is_translated(message: Message) -> bool:
    """A message is translated when every form is (a plural's empty forms do not count)."""
    if isinstance(message.string, str):
        return bool(message.string)
    return bool(message.string) and all(message.string)


def catalogue_problems(package: Path, locale: str, *, complete: bool = True) -> list[str]:
    """What is wrong with ``package``'s catalogue for ``locale`` (empty: nothing).

    ``complete=False`` accepts untranslated strings (a catalogue in progress,
    such as Corsican) but still requires it to be compiled, to keep every
    placeholder, and to be free of stale and fuzzy entries.
    """
    catalogue = read_catalogue(package, locale)
    source = source_ids(package)
    problems = []
    missing = sorted(i for i in source if i not in catalogue or not is_translated(catalogue[i]))
    if complete and missing:
        problems.append(f"{locale}: untranslated: {missing}")
    stale = sorted(_first(m.id) for m in catalogue if m.id and _first(m.id) not in source)
    if stale:
        problems.append(f"{locale}: no longer used (run `make messages`): {stale}")
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    if fuzzy:
        problems.append(f"{locale}: fuzzy entries to review: {fuzzy}")
    broken = [m.id for m in catalogue if m.id and is_translated(m) and not _placeholders_kept(m)]
    if broken:
        problems.append(f"{locale}: placeholders changed in the translation of: {broken}")
    if locale in FRENCH_TYPOGRAPHY:
        spaced = [m.id for m in catalogue if m.id and m.string != with_french_spacing(m)]
        if spaced:
            problems.append(
                f"{locale}: a narrow no-break space goes before : ; ! ? and apostrophes are "
                f"typographic (’) (`make messages` puts them): {spaced}"
            )
    if not _compiled_matches(package, locale, catalogue):
        problems.append(f"{locale}: messages.mo is out of date (run `make translations`)")
    return problems


def translated_share(package: Path, locale: str, msgids: set[str] | None = None) -> float:
    """The share (0 to 1) of ``msgids`` (default: all the package's strings) translated."""
    catalogue = read_catalogue(package, locale)
    wanted = source_ids(package) if msgids is None else msgids
    done = [i for i in wanted if i in catalogue and is_translated(catalogue[i])]
    return len(done) / len(wanted) if wanted else 1.0


def _placeholders_kept(message: Message) -> bool:
    """Each form keeps the msgid's placeholders; a plural form may leave out the count."""
    if isinstance(message.id, str):
        return _placeholders(message.string) == _placeholders(message.id)
    allowed = _placeholders(message.id[0]) | _placeholders(message.id[1])
    named = {p for p in allowed if not p.startswith("%(num)")}
    return all(named <= _placeholders(form) <= allowed for form in message.string)


def _placeholders(text: str) -> set[str]:
    found = set(PLACEHOLDER.findall(text))
    # A lone "%" would break the formatting the templates apply to every string.
    if text.count("%") > sum(text.count(p) * p.count("%") for p in found):
        found.add("%")
    return found


def _compiled_matches(package: Path, locale: str, catalogue: Catalog) -> bool:
    path = package / "translations" / locale / "LC_MESSAGES" / "messages.mo"
    if not path.exists():
        return False
    with path.open("rb") as mo:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(mo) if m.id and m.string}
    source = {
        _key(m.id): _key(m.string) for m in catalogue if m.id and is_translated(m) and not m.fuzzy
    }
    return compiled == source


def _first(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _key(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    # Plural entries are tuples in a .po file and lists in a .mo file.
    return value if isinstance(value, str) else tuple(value)
