"""The admin's "new section" form sent twice (a double click, the back button) adds one
section: its one-time token is taken in the section's transaction (api.submissions,
docs/forms.md "Sent once"). A new page needs no token: its unique web address already
refuses the second one."""

from __future__ import annotations

from sqlalchemy import func, select

from pnyx.testing.submissions import sent_twice
from pnyx_pages.models import Page, PageSection


def test_a_section_form_sent_again_adds_one_section(client, session, component, admin) -> None:
    page = Page(component_id=component.id, title={"fr": "Ressources"}, slug="resources")
    session.add(page)
    session.commit()
    url = f"/admin/spaces/{component.space.slug}/pages/{component.id}/{page.id}/sections/new"
    sent_twice(client, url, {"title.fr": "Le diagnostic", "body.fr": "Lisez-le."})
    assert session.scalar(select(func.count()).select_from(PageSection)) == 1
    edit = client.get(f"{url.rsplit('/new', 1)[0]}/{session.scalar(select(PageSection.id))}/edit")
    assert edit.status_code == 200 and 'name="submission_token"' not in edit.text
