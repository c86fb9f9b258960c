"""A revised text imported after publication (the council's new draft) becomes the next version.

The imported file's articles are matched to the published version's articles,
so a matched article keeps its proposal — its amendments, comments, supports
and followers — and only its title and body change. The rules, in order, each
pairing only what is unambiguous (one candidate on each side), among the
articles not paired yet:

1. the same title (case and spacing aside);
2. the same heading words once the number is set aside ("Article 3 — Buses"
   and "Article 4 — Buses": an article was inserted before it);
3. the same body (the heading was rewritten, the text was not);
4. the same number, unless both headings and bodies say otherwise: "Art. 3" and
   "Article 3 — Bus lanes" pair, "Article 3 — Rents" and "Article 3 — Sidewalks" with
   unlike bodies do not (:func:`_alike`).

Articles of the file left unpaired become new proposals; published articles
left unpaired are withdrawn (never deleted: their page, amendments and
comments stay readable). Staff see the pairing before they publish, and
importing again replaces it (:mod:`pnyx_proposals.texts.admin`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.markdown import plain_text
from pnyx_proposals.models import Proposal
from pnyx_proposals.texts.models import TextItem, TextVersion

#: "Article 12", "Art. 12 bis", "12.", "Article IV": an optional label, then the number.
_NUMBERED = re.compile(
    r"^\s*(?:(?P<label>[^\W\d_]+\.?)\s+)?"
    r"(?P<number>\d+(?:\s*(?:bis|ter|quater))?|(?(label)[IVXLCDM]+|(?!)))"
    r"(?=$|[\s.:,)—–-])",
    re.IGNORECASE,
)

Key = Callable[[TextItem], str]


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def _title(item: TextItem) -> str:
    return _words(item.title)


def _heading_words(item: TextItem) -> str:
    """The title without its label and number: "Article 3 — Buses" → "buses"."""
    found = _NUMBERED.match(item.title)
    rest = item.title[found.end() :] if found else ""
    return _words(rest.strip(" .:,)—–-"))


def _body(item: TextItem) -> str:
    return _words(item.body)


def _number(item: TextItem) -> str:
    found = _NUMBERED.match(item.title)
    return _words(found.group("number")) if found else ""


def _alike(old: TextItem, new: TextItem) -> bool:
    """Nothing says two articles of the same number are different ones: a heading without
    words, headings nearly the same, or bodies mostly the same (a revision, not a rewrite)."""
    before, after = _heading_words(old), _heading_words(new)
    if not before or not after or SequenceMatcher(None, before, after).ratio() >= 0.8:
        return True
    return SequenceMatcher(None, _body(old).split(), _body(new).split()).ratio() >= 0.6


def _any(_old: TextItem, _new: TextItem) -> bool:
    return True


#: Each rule: the key two articles share, and what else the pair must satisfy.
RULES: tuple[tuple[Key, Callable[[TextItem, TextItem], bool]], ...] = (
    (_title, _any),
    (_heading_words, _any),
    (_body, _any),
    (_number, _alike),
)


def match(published: Sequence[TextItem], imported: Sequence[TextItem]) -> None:
    """Set ``proposal_id`` on the imported articles that match a published one (rules above)."""
    old = [item for item in published if item.is_article and item.proposal_id]
    new = [item for item in imported if item.is_article]
    for key, compatible in RULES:
        old_keys = Counter(key(item) for item in old)
        new_keys = Counter(key(item) for item in new)
        by_key = {key(item): item for item in old}
        for item in list(new):
            value = key(item)
            if not value or old_keys[value] != 1 or new_keys[value] != 1:
                continue
            if compatible(by_key[value], item):
                item.proposal_id = by_key[value].proposal_id
                old.remove(by_key[value])
                new.remove(item)


def removed(previous: TextVersion | None, version: TextVersion) -> list[TextItem]:
    """The articles of ``previous`` whose proposal ``version`` no longer holds (withdrawn)."""
    if previous is None:
        return []
    kept = {item.proposal_id for item in version.items if item.proposal_id}
    return [item for item in previous.items if item.proposal_id and item.proposal_id not in kept]


def added(previous: TextVersion | None, version: TextVersion) -> set[int]:
    """Ids of ``version``'s articles that ``previous`` did not hold (new in this version)."""
    if previous is None:
        return set()
    before = {item.proposal_id for item in previous.items if item.proposal_id}
    return {item.id for item in version.items if item.is_article and item.proposal_id not in before}


def revise_articles(session: Session, previous: TextVersion, version: TextVersion) -> list[int]:
    """Give matched proposals the imported title, body and language (a new proposal version,
    as an edit: an amendment decided on a page read before is refused); withdraw the proposals
    of removed articles. Returns the ids of the proposals withdrawn."""
    ids = [item.proposal_id for item in version.items if item.proposal_id]
    proposals = {p.id: p for p in session.scalars(select(Proposal).where(Proposal.id.in_(ids)))}
    for item in version.items:
        proposal = proposals.get(item.proposal_id) if item.proposal_id else None
        now = (proposal.title, proposal.body, proposal.language) if proposal else None
        if proposal is None or now == (item.title, item.body, item.language):
            continue
        proposal.title, proposal.body, proposal.language = item.title, item.body, item.language
        proposal.summary = plain_text(item.body)
        proposal.updated_at = api.utcnow()
        proposal.version = Proposal.version + 1  # type: ignore[assignment]
        api.log_action(
            session,
            "proposals.updated",
            resource=proposal.resource,
            component=version.component,
            visibility="public",
            extra={"text_version": version.number},
        )
    gone = [item.proposal_id for item in removed(previous, version) if item.proposal_id]
    for proposal in session.scalars(select(Proposal).where(Proposal.id.in_(gone))):
        if not proposal.is_withdrawn:
            lifecycle.withdraw(session, proposal)
    return gone
