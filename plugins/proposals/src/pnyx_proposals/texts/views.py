"""The public pages of a participatory text: the whole document, and its earlier versions."""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import select

from pnyx import api
from pnyx_proposals.amendments.diff import word_diff
from pnyx_proposals.markdown import render
from pnyx_proposals.models import RESOURCE
from pnyx_proposals.texts import counts, publishing, revisions
from pnyx_proposals.texts.models import TextItem, TextVersion
from pnyx_proposals.views import blueprint


@blueprint.get("/text/")
@api.requires(api.actions.VIEW)
def text() -> str:
    return show_version(None)


@blueprint.get("/text/versions/<int:number>")
@api.requires(api.actions.VIEW)
def text_version(number: int) -> str:
    return show_version(number)


def show_version(number: int | None) -> str:
    session = api.db_session()
    component = api.current_component()
    version = publishing.published_version(session, component.id, number)
    if version is None:
        abort(404)
    latest = publishing.published_version(session, component.id)
    assert latest is not None
    ids = [item.proposal_id for item in version.items if item.proposal_id]
    previous = (
        publishing.published_version(session, component.id, version.number - 1)
        if version.number > 1
        else None
    )
    levels = outline(version.items)
    return render_template(
        "proposals/texts/show.html",
        version=version,
        latest=latest,
        levels=levels,
        bodies={item.id: render(item.body, top=levels[item.id] + 1) for item in version.items},
        changes=changes_since(previous, version),
        added=revisions.added(previous, version),
        removed=revisions.removed(previous, version),
        amendments=counts.amendments(ids),
        comments=api.comment_counts(RESOURCE, ids),
        versions=[v for v in publishing.versions(session, component.id) if v.is_published],
    )


def outline(items: list[TextItem]) -> dict[int, int]:
    """``{item id: heading level on the page}``: under the page's ``<h1>``, each heading at
    most one level below its parent, whatever levels the source used (a sound outline)."""
    shown: dict[int, int] = {}
    open_levels: list[tuple[int, int]] = []  # (level in the source, level on the page)
    for item in items:
        while open_levels and open_levels[-1][0] >= item.level:
            open_levels.pop()
        level = min(open_levels[-1][1] + 1 if open_levels else 2, 6)
        shown[item.id] = level
        if item.kind == "section":
            open_levels.append((item.level, level))
    return shown


def changes_since(previous: TextVersion | None, version: TextVersion) -> dict[int, object]:
    """``{item id: word diff}`` for the articles whose text changed since ``previous``."""
    if previous is None:
        return {}
    before = {item.proposal_id: item for item in previous.items if item.proposal_id}
    changed: dict[int, object] = {}
    for item in version.items:
        old = before.get(item.proposal_id) if item.proposal_id else None
        if old is not None and (old.title, old.body) != (item.title, item.body):
            # In the article's language; words removed from an other-language one in theirs.
            changed[item.id] = {
                "title": word_diff(old.title, item.title, old.language, item.language).html,
                "body": word_diff(old.body, item.body, old.language, item.language).html,
            }
    return changed


@blueprint.context_processor
def text_helpers() -> dict[str, object]:
    """``text_article(proposal)`` for a proposal's page: the text and article it belongs to."""

    def text_article(proposal: object) -> tuple[TextVersion, TextItem] | None:
        proposal_id = getattr(proposal, "id", None)
        if proposal_id is None:
            return None
        return publishing.article_of(api.db_session(), proposal_id)

    def has_text() -> bool:
        query = select(TextVersion.id).where(
            TextVersion.component_id == api.current_component().id,
            TextVersion.published_at.is_not(None),
        )
        return api.db_session().scalar(query.limit(1)) is not None

    return {"text_article": text_article, "has_participatory_text": has_text}
