"""The public pages: an assembly's page (texts, members, breadcrumbs, sub-assemblies) and the
directory with its filters."""

from __future__ import annotations

from pnyx import api


def test_an_assembly_page_shows_its_texts_members_and_family(
    client, make_organization, make_assembly, add_member, make_user
) -> None:
    make_organization()
    parent = make_assembly("environment")
    child = make_assembly(
        "riverbanks",
        parent=parent.space,
        kind="working_group",
        purpose={"en": "Design the **riverbanks**", "fr": "Aménager les berges"},
        duration={"en": "2026–2028"},
    )
    add_member(child, make_user(name="Ana Registered"), position="president")
    add_member(child, name="Bo Name-only", position="other", label={"en": "Liaison officer"})
    page = client.get("/spaces/riverbanks")
    assert page.status_code == 200
    text = page.text
    assert "<strong>riverbanks</strong>" in text  # rich text rendered
    assert "Working group" in text and "2026–2028" in text
    assert "Ana Registered" in text and "President" in text
    assert "Bo Name-only" in text and "Liaison officer" in text
    assert 'href="/spaces/environment"' in text  # breadcrumb to the parent
    parent_page = client.get("/spaces/environment").text
    assert "Sub-assemblies" in parent_page and 'href="/spaces/riverbanks"' in parent_page


def test_the_directory_lists_top_assemblies_with_children_and_filters(
    client, session, make_organization, make_assembly
) -> None:
    make_organization()
    theme = api.TaxonomyTerm(kind="theme", code="env", name={"en": "Environment"})
    session.add(theme)
    session.commit()
    top = make_assembly("environment", theme_id=theme.id)
    make_assembly("riverbanks", parent=top.space, kind="working_group")
    make_assembly("council", kind="government")
    make_assembly("secret-club", private=True)
    listing = client.get("/assemblies/").text
    assert "Environment" in listing and "Council" in listing
    assert 'href="/spaces/riverbanks"' in listing  # shown under its parent
    assert "secret-club" not in listing and "Secret Club" not in listing
    by_kind = client.get("/assemblies/?kind=working_group").text
    assert "Riverbanks" in by_kind and "Council" not in by_kind
    by_theme = client.get(f"/assemblies/?theme={theme.id}").text
    assert 'href="/spaces/environment"' in by_theme and "Council" not in by_theme
    assert client.get("/assemblies/?theme=abc").status_code == 400


def test_the_home_page_lists_assemblies(client, make_organization, make_assembly) -> None:
    make_organization()
    make_assembly("environment")
    assert 'href="/spaces/environment"' in client.get("/").text
