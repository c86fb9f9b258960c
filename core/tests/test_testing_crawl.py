"""The kit's crawler: links and forms read from a page, one page per view."""

from __future__ import annotations

from pnyx.testing.crawl import crawl, local_path, parse_page

PAGE = """<!doctype html><html><body>
<a href="/spaces/a">A</a> <a href="https://elsewhere.test/">B</a> <a href="#main">skip</a>
<form method="post" action="/locale">
  <input type="hidden" name="csrf_token" value="t">
  <input name="title" value="x" maxlength="10">
  <textarea name="body">Hi</textarea>
  <select name="locale"><option value="fr">fr<option value="en" selected>en</select>
  <input type="checkbox" name="notify" value="yes" checked>
  <input type="checkbox" name="other">
  <button type="submit" name="action" value="save">Save</button>
  <button type="submit" name="action" value="delete">Delete</button>
</form>
<form><input type="search" name="q"></form>
</body></html>"""


def test_links_and_forms_are_read() -> None:
    links, forms = parse_page("http://localhost/spaces/", PAGE)
    assert links == [
        "http://localhost/spaces/a",
        "https://elsewhere.test/",
        "http://localhost/spaces/#main",
    ]
    post, search = forms
    assert (post.method, post.action) == ("post", "http://localhost/locale")
    assert [c.name for c in post.text_controls] == ["title", "body"]
    assert post.text_controls[0].attributes["maxlength"] == "10"
    assert post.default_data() == [
        ("csrf_token", "t"),
        ("title", "x"),
        ("body", "Hi"),
        ("locale", "en"),
        ("notify", "yes"),
        ("action", "save"),
    ]
    assert (search.method, search.action) == ("get", "http://localhost/spaces/")


def test_an_unnamed_save_button_is_pressed_not_the_preview_after_it() -> None:
    page = """<form method="post"><textarea name="text">x</textarea>
    <button type="submit">Save</button> <button type="submit" name="preview" value="1">P</button>
    </form>"""
    _links, (form,) = parse_page("http://localhost/", page)
    assert form.default_data() == [("text", "x")]


def test_only_same_site_paths_are_followed() -> None:
    assert local_path("http://localhost/a?b=1#c") == "/a?b=1"
    assert local_path("https://elsewhere.test/") is None
    assert local_path("mailto:someone@example.org") is None


def test_crawl_keeps_one_page_per_view(client, make_space) -> None:
    for _ in range(3):
        make_space()
    pages = crawl(client, ["/"])
    space_pages = [page for page in pages if page.url.startswith("/spaces/")]
    assert len(space_pages) == 1
    assert all(page.status == 200 for page in pages)
    more = crawl(client, ["/"], per_endpoint=5)
    assert len([page for page in more if page.url.startswith("/spaces/")]) == 3
