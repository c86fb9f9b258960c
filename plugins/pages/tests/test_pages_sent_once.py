"""The admin's "new section" form sent twice (a double click, the back button) adds one
section: its one-time token is taken in the section's transaction (api.submissions,
docs/forms.md "Sent once"). A new page needs no token: its unique web address already
refuses the second one."""

from __future__ import annotations

from sqlalchemy import func, select

from pnyx_pages.models import Page, PageSection

TOKEN = "Page-section-sent-once-0123456789"


def test_a_section_form_sent_again_adds_one_section(client, session, component, admin) -> None:
    page = Page(component_id=component.id, title={"fr": "Ressources"}, slug="resources")
    session.add(page)
    session.commit()
    url = f"/admin/spaces/{component.space.slug}/pages/{component.id}/{page.id}/sections/new"
    assert 'name="submission_token"' in client.get(url).text
    section = {"title.fr": "Le diagnostic", "body.fr": "Lisez-le.", "submission_token": TOKEN}
    first = client.post_form(url, section)
    again = client.post_form(url, section)
    assert first.status_code == 302 and again.location == first.location
    assert "This form was already sent" in client.get(again.location).text
    assert session.scalar(select(func.count()).select_from(PageSection)) == 1
    edit = client.get(f"{url.rsplit('/new', 1)[0]}/{session.scalar(select(PageSection.id))}/edit")
    assert edit.status_code == 200 and 'name="submission_token"' not in edit.text
