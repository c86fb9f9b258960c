"""Rich text (docs/rich-text.md): the Markdown subset, its safety, plain text kept, preview."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.models import Step
from pnyx.richtext import render_rich_text, rich_text_excerpt
from pnyx.testing.xss import RICH_TEXT_XSS_ATTACKS, RICH_TEXT_XSS_CORPUS, active_content

SAFE_SCHEMES = ("http:", "https:", "mailto:")
ALLOWED = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
ALLOWED |= {"h2", "h3", "h4", "h5", "h6"}


class Inspector(HTMLParser):
    """Lists every tag and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.problems.append(f"<{tag}> element")
        for name, value in attributes:
            if name.startswith("on") or name in ("style", "src", "srcdoc"):
                self.problems.append(f"{name} attribute on <{tag}>")
            if name == "href" and not (value or "").strip().lower().startswith(SAFE_SCHEMES):
                self.problems.append(f"href={value!r}")


def problems_in(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


@pytest.mark.parametrize("attack", RICH_TEXT_XSS_ATTACKS)
@pytest.mark.parametrize("ugc", [True, False])
def test_every_attack_of_the_corpus_renders_inert(attack: str, ugc: bool) -> None:
    html = str(render_rich_text(f"Intro\n\n{attack}\n\n- item {attack}", ugc=ugc))
    assert problems_in(html) == [] and active_content(html) == []
    assert "Intro" in html  # the text around the attack is kept


def test_the_corpus_checker_sees_active_content() -> None:
    assert active_content(RICH_TEXT_XSS_CORPUS.replace("\n", "")) != []
    html = '<p>x</p><svg onload=alert(1)></svg><a href=" data:text/html,x">d</a>'
    assert active_content(html) == [
        "<svg> element",
        "<svg onload> event handler",
        "<a href=' data:text/html,x'> dangerous URL",
    ]


def test_the_inspector_sees_what_it_must() -> None:
    found = problems_in('<a href="javascript:x">a</a><svg onload=x></svg><img src="data:x">')
    assert "href='javascript:x'" in found and "<svg> element" in found
    assert "src attribute on <img>" in found


def test_the_markdown_subset() -> None:
    source = "# Budget\n\nSome **bold** and *italics*.\n\n- one\n- two\n\n1. first\n\n> quoted"
    html = str(render_rich_text(source, top=2))
    for fragment in (
        "<h2>Budget</h2>",
        "<strong>bold</strong>",
        "<em>italics</em>",
        "<ul>\n<li>one</li>",
        "<ol>\n<li>first</li>",
        "<blockquote>\n<p>quoted</p>",
    ):
        assert fragment in html


def test_headings_nest_under_the_page_and_skip_no_level() -> None:
    html = str(render_rich_text("# A\n\n#### B\n\n# C", top=3))
    assert "<h3>A</h3>" in html and "<h4>B</h4>" in html and "<h3>C</h3>" in html


def test_links_of_residents_and_of_staff() -> None:
    resident = str(render_rich_text("[site](https://example.org)"))
    staff = str(render_rich_text("[site](https://example.org)", ugc=False))
    assert 'rel="nofollow ugc noopener"' in resident
    assert 'rel="noopener"' in staff and "nofollow" not in staff


def test_plain_text_already_stored_renders_without_loss() -> None:
    """Texts written before rich text: paragraphs, line breaks and addresses survive."""
    plain = (
        "Réunion publique le 3 mai.\nSalle des fêtes, 20 h.\n\n"
        "Programme : https://www.ville.example/budget?annee=2026&tour=2\n\n"
        "Coût < 5 000 € & délai > 2 mois ; fichier budget.pdf"
    )
    html = str(render_rich_text(plain))
    assert "<p>Réunion publique le 3 mai.<br>\nSalle des fêtes, 20 h.</p>" in html
    href = "https://www.ville.example/budget?annee=2026&amp;tour=2"
    assert f'<a href="{href}" rel="nofollow ugc noopener">{href}</a>' in html
    assert "Coût &lt; 5 000 € &amp; délai &gt; 2 mois ; fichier budget.pdf" in html
    # Nothing written was dropped: the words read back are the words stored.
    assert rich_text_excerpt(plain, 1000).split() == plain.split()


def test_empty_texts_and_translated_fields(app, make_organization) -> None:
    assert render_rich_text(None) == "" and render_rich_text("  \n") == ""
    assert "<em>oui</em>" in str(api.render_rich_text("*oui*"))
    with app.test_request_context():
        make_organization()
        text = {"fr": "**Gras** et [lien](https://x.example)", "en": "**Bold**"}
        assert rich_text_excerpt(text) == "Gras et lien"
        assert str(api.rich_translated(text, "en")) == "<p><strong>Bold</strong></p>\n"
    assert rich_text_excerpt("mot " * 100, 20) == "mot mot mot mot…"  # whole words only


# Pages ---------------------------------------------------------------------------------


@pytest.fixture
def admin(client, make_user, make_organization):
    make_organization()
    user = make_user(roles=["admin"])
    client.sign_in(user)
    return user


def test_space_and_phase_descriptions_render_as_rich_text(client, session, make_space) -> None:
    space = make_space(slug="budget", steps=1, description={"fr": "Voir *ici* : https://a.example"})
    step = session.scalar(select(Step).where(Step.space_id == space.id))
    step.description = {"fr": "## Comment\n\n- proposer\n- voter"}
    session.commit()
    page = client.get("/spaces/budget").get_data(as_text=True)
    assert '<em>ici</em> : <a href="https://a.example" rel="noopener">' in page
    assert "<h3>Comment</h3>" in page and "<li>proposer</li>" in page


def test_the_home_card_shows_plain_words(client, session, make_space) -> None:
    make_space(slug="budget", description={"fr": "**Gras** <b>x</b>", "en": "**Bold** <b>x</b>"})
    page = client.get("/").get_data(as_text=True)
    assert "Bold &lt;b&gt;x&lt;/b&gt;" in page and "**Bold**" not in page


def test_preview_shows_the_description_and_saves_nothing(client, session, make_space, admin):
    space = make_space(slug="old", description={"en": "Before"})
    data = {
        "slug": "old",
        "title.fr": "Titre",
        "description.fr": "*After* <script>alert(1)</script>",
        "preview": "1",
    }
    response = client.post_form("/admin/spaces/old/edit", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<div class="rich-text"><p><em>After</em> &lt;script&gt;' in page
    assert "*After* &lt;script&gt;" in page  # the text area keeps what was typed
    session.refresh(space)
    assert space.description == {"en": "Before"}
    del data["preview"]
    assert client.post_form("/admin/spaces/old/edit", data).status_code == 302
    session.refresh(space)
    assert space.description == {"fr": "*After* <script>alert(1)</script>"}


def test_phase_form_offers_the_preview_and_the_formatting_hint(client, make_space, admin):
    make_space(slug="p", steps=0)
    form = client.get("/admin/spaces/p/steps/new").get_data(as_text=True)
    assert 'name="preview"' in form and "**bold**" in form
    assert 'aria-describedby="f-description-hint f-description-format"' in form
    data = {"title.fr": "Vote", "description.fr": "> quoted", "preview": "1"}
    page = client.post_form("/admin/spaces/p/steps/new", data).get_data(as_text=True)
    assert "<blockquote>" in page
    assert client.get("/admin/spaces/p/steps").get_data(as_text=True).count("Vote") == 0
