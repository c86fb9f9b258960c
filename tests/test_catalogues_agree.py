"""Each package's strings read its own catalogue first, and the core's words agree with the
plugins' where a page shows both.

The packages' catalogues are chained into one (``pnyx.i18n.chained_translations``), so when two
packages translated a msgid differently only one translation showed, on every page: a
survey's results table read « Répondre » (mutual aid's verb) for "Answer", the proposals'
report form comments' « le », the core's admin list of spaces surveys' « Publiées ». Now a
plugin's templates (``pnyx.template_i18n``) and its Python strings (``api._``, ``api._l``:
``pnyx.package_i18n``) read its own catalogue first, the core's strings the core's: two
plugins may word a string differently (the tests below check each shows its own).

What may still show wrongly is a plugin's page showing a core string (a permission notice, a
form error, the admin shell) next to its own translation of the same msgid, or one package
using one English string for two things (the core's "Published" for a space, masculine, and
a component, feminine): :data:`KNOWN` lists the strings the core and a plugin translate
differently, to resolve one by one; the test fails on a new one, and on one resolved but
still listed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from pnyx import api

ROOT = Path(__file__).resolve().parents[1]
COMPLETE_LOCALES = ("fr", "co")
CORE = "pnyx"

#: Strings the core and a plugin translate differently (in French or Corsican).
KNOWN = frozenset({
    # Only the number of plural forms differs (Babel now writes three in French).
    '%(num)d comment',
    '%(num)d minute',
    # Each package's word for its own thing (gender, sense): right where each shows.
    'Details',  # the action log's « Détails », the proposals' report field « Précisions »
    'Expired',  # an authorization (m.) in the core, a post (f.) in mutual aid
    'None',  # the core's « Néant » (an empty choice in any form), the plugins' « Aucun »
    'Not published',
    'Published',  # a space (m.), but the core also says it of a component (f.)
    'Register',  # staff register a participant (« Inscrire »), meetings' « M’inscrire »
    'To',  # the core's mail recipient, meetings' date range
    # Synonyms and spellings (the Corsican ones are for a native speaker to settle).
    'Accept',
    'Cancel',
    'Choose among the options.',
    'Delete',
    'Deleted participant',
    'Enter a date as year-month-day, such as 2026-09-30.',
    'Hello %(name)s,',
    'Image',
    'Older messages',
    'Some answers need to be corrected',
    'Status',
    'This cannot be undone.',
    'Write at most %(num)d character.',
})  # fmt: skip


def packages() -> list[Path]:
    """The core, every plugin and example (as ``tests/test_catalogues.py`` lists them)."""
    found = [ROOT / "core/src/pnyx", *sorted(ROOT.glob("plugins/*/src/pnyx_*"))]
    found += sorted(ROOT.glob("examples/*/src/pnyx_*"))
    return [package for package in found if package.is_dir() and package.suffix != ".egg-info"]


def translations(locale: str) -> dict[str, dict[str, str]]:
    """msgid -> {package name: its translation} for every translated entry."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for package in packages():
        path = package / "translations" / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as file:
            for message in read_po(file):
                if message.id and message.string and not message.fuzzy:
                    msgid = message.id if isinstance(message.id, str) else message.id[0]
                    found[msgid][package.name] = str(message.string)
    return found


def core_disagreements(locale: str) -> dict[str, dict[str, str]]:
    """msgid -> its translations, for the strings a plugin translates unlike the core."""
    return {
        msgid: by_package
        for msgid, by_package in translations(locale).items()
        if CORE in by_package and any(text != by_package[CORE] for text in by_package.values())
    }


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_plugins_translate_the_cores_strings_as_the_core_does(locale: str) -> None:
    disagreeing = {
        msgid: by_package
        for msgid, by_package in core_disagreements(locale).items()
        if msgid not in KNOWN
    }
    assert disagreeing == {}, (
        "a plugin's page may show the core's translation next to the plugin's: use the "
        "core's translation, or a more precise English string in the plugin"
    )


def test_known_disagreements_are_still_there() -> None:
    """A resolved string leaves :data:`KNOWN`, so that the list only shrinks."""
    found = set().union(*(core_disagreements(locale) for locale in COMPLETE_LOCALES))
    assert sorted(KNOWN - found) == []


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["proposals", "comments", "mutual_aid", "surveys"]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("proposals/report.html", "Pourquoi la signalez-vous\u202f? | Réponse | Masquée"),
        ("comments/report.html", "Pourquoi le signalez-vous\u202f? | Réponse | Masqué"),
        ("mutual_aid/post.html", "Pourquoi le signalez-vous\u202f? | Réponse | Masqué"),
    ],
)
def test_a_plugins_templates_read_its_own_catalogue_first(app, template, expected) -> None:
    """Comments' « le » (a comment) showed on the proposals' report form (a proposal: « la »)."""
    source = "{{ _('Why do you report it?') }} | {{ _('Answer') }} | {{ _('Hidden') }}"
    with app.test_request_context("/"), force_locale("fr"):
        page = app.jinja_env.from_string(source)
        page.name = template  # where the core looks for the plugin that owns it
        assert page.render() == expected


def test_a_plugins_python_strings_read_its_own_catalogue_first(
    client, session, make_organization, make_component, make_user
) -> None:
    """A validation error and a flash message translated in Python (``api._``) by two plugins
    that word them differently: each page shows its own plugin's words, in French."""
    from pnyx_mutual_aid.models import AidCategory, AidPost
    from pnyx_proposals.models import Proposal

    make_organization()
    proposals, board = make_component("proposals"), make_component("mutual_aid")
    author = make_user()
    proposal = Proposal(
        component_id=proposals.id,
        author_id=author.id,
        title="Un banc",
        body="Un banc sous le tilleul.",
        summary="Un banc sous le tilleul.",
        published_at=api.utcnow(),
    )
    category = AidCategory(component_id=board.id, code="shopping", name={"fr": "Courses"})
    session.add_all([proposal, category])
    session.flush()
    post = AidPost(
        component_id=board.id,
        author_id=author.id,
        kind="request",
        category_id=category.id,
        title="Des courses",
        body="Pour ma voisine.",
        expires_at=api.utcnow() + dt.timedelta(days=14),
    )
    session.add(post)
    session.commit()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    client.sign_in(make_user())
    forms = {
        "proposals": f"/spaces/{proposals.space.slug}/proposals/{proposals.id}/{proposal.id}",
        "mutual_aid": f"/spaces/{board.space.slug}/mutual_aid/{board.id}/posts/{post.id}",
    }
    too_long = {
        plugin: client.post_form(f"{form}/report", {"reason": "spam", "details": "x" * 1001}).text
        for plugin, form in forms.items()
    }
    assert "Les précisions comptent au plus 1 000 caractères." in too_long["proposals"]
    assert "Les détails font 1000 caractères au plus." in too_long["mutual_aid"]
    thanked = {
        plugin: client.post_form(f"{form}/report", {"reason": "spam"}, follow_redirects=True).text
        for plugin, form in forms.items()
    }
    assert "l’équipe de modération examinera votre signalement" in thanked["proposals"]
    assert "les modérateurs examineront votre signalement" in thanked["mutual_aid"]


def made_in(module: str, source: str) -> object:
    """What ``source`` gives when code of ``module`` runs it (``api._`` looks at its caller)."""
    return eval(source, {"__name__": module, "api": api})


def test_lazy_strings_keep_their_package_and_read_each_requests_language(app) -> None:
    """Form labels are made at import time, outside any request: each still reads its own
    package's catalogue, in the language of the request that shows it."""
    hidden = {
        package: made_in(f"{package}.forms", 'api._l("Hidden")')
        for package in ("pnyx_proposals", "pnyx_comments")
    }
    reports = made_in("pnyx_proposals.forms", 'api.lazy_ngettext("%(num)d report", "x", 3)')
    expected = {"fr": ("Masquée", "Masqué"), "co": ("Piattata", "Piattatu"), "en": ("Hidden",) * 2}
    # Outside an application (a command's set-up): the English msgid, its variables filled in.
    assert str(hidden["pnyx_proposals"]) == "Hidden"
    assert made_in("pnyx_proposals.forms", 'api._("%(num)s left", num=2)') == "2 left"
    for locale, words in expected.items():
        with app.test_request_context("/", headers={"Accept-Language": locale}):
            assert (str(hidden["pnyx_proposals"]), str(hidden["pnyx_comments"])) == words
    with app.test_request_context("/"), force_locale("fr"):
        assert str(reports) == "3 signalements"
        assert made_in("pnyx_comments.views", 'api._("Hidden")') == "Masqué"
        assert (
            made_in("pnyx_proposals", 'api.ngettext("%(num)d report", "x", 1)') == "1 signalement"
        )


def test_the_cores_strings_read_its_own_catalogue_first(
    client, make_organization, make_space, make_user
) -> None:
    """A plugin's catalogue answered before the core's: the spaces' admin list read surveys'
    « Publiées » (its forms) for a space, which the core calls « Publié »."""
    make_organization()
    make_space(published=True)
    client.sign_in(make_user(roles=["admin"]))
    page = client.get("/admin/spaces", headers={"Accept-Language": "fr"}).text
    assert "Publié<" in page and "Publiée" not in page
    with client.application.test_request_context("/"), force_locale("fr"):
        assert made_in("pnyx.admin", 'api._("Published")') == "Publié"
        assert made_in("pnyx_surveys.views", 'api._("Published")') == "Publiées"
