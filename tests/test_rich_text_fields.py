"""Every rich-text field renders the XSS corpus inert, on every page that shows it.

The demo (every plugin enabled) gets the corpus (pnyx.testing.xss) in each rich-text field:
space and phase descriptions (core), official answers (proposals), minutes (meetings) and
project descriptions (budgets). A crawl then reads the site as a visitor and as an admin; each
field must be shown (its marker is rendered bold) and no page may carry active content.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.models import Space, Step, User
from pnyx.testing.crawl import crawl
from pnyx.testing.xss import RICH_TEXT_XSS_CORPUS, active_content
from pnyx_budgets.models import Project
from pnyx_meetings.models import Minutes
from pnyx_proposals.models import Proposal

pytestmark = pytest.mark.pnyx_plugins("*")

FIELDS = ("space", "phase", "answer", "minutes", "project")


def corpus(field: str) -> dict[str, str]:
    text = f"**mark-{field}** https://{field}.example/\n\n{RICH_TEXT_XSS_CORPUS}"
    return {"fr": text, "en": text}


def test_every_rich_text_field_renders_the_corpus_inert(client, session) -> None:
    seed_demo(session)
    session.execute(update(Space).values(description=corpus("space")))
    session.execute(update(Step).values(description=corpus("phase")))
    now = dt.datetime.now(dt.UTC)
    answered = func.coalesce(Proposal.answer_state, "evaluating")  # every proposal answered
    session.execute(
        update(Proposal).values(
            answer_state=answered, answer_text=corpus("answer"), answer_published_at=now
        )
    )
    session.execute(update(Minutes).values(text=corpus("minutes"), published=True))
    session.execute(update(Project).values(description=corpus("project")))
    session.commit()

    problems, shown = [], set()
    admin = session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[0].email))
    for visitor in (None, admin):
        if visitor is not None:
            client.sign_in(visitor)
        for page in crawl(client, ["/", "/admin/"], limit=300, per_endpoint=6):
            found = active_content(page.text, page=True)
            problems += [f"GET {page.url}: {problem}" for problem in found]
            shown |= {f for f in FIELDS if f"<strong>mark-{f}</strong>" in page.text}
            if page.status >= 500:
                problems.append(f"GET {page.url}: answered {page.status}")

    assert not problems, "active content:\n" + "\n".join(problems)
    assert shown == set(FIELDS), f"never rendered: {set(FIELDS) - shown}"
