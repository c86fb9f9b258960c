"""A person's messages are in their "download my data" archive."""

from __future__ import annotations

import csv
import io
import zipfile


def download(client) -> zipfile.ZipFile:
    assert client.post_form("/account/data").status_code == 302
    page = client.get("/account/data").get_data(as_text=True)
    start = page.index('href="/account/data/') + len('href="')
    link = page[start : page.index('"', start)]
    return zipfile.ZipFile(io.BytesIO(client.get(link).data))


def test_archive_holds_the_persons_messages_only(client, make_user, add_message) -> None:
    author, neighbour = make_user(name="Alix"), make_user(name="Bao")
    add_message("Plus de bancs au parc", author=author)
    add_message("Not mine", author=neighbour)
    client.sign_in(author)
    archive = download(client)
    rows = list(csv.DictReader(io.StringIO(archive.read("hello/messages.csv").decode())))
    assert [row["body"] for row in rows] == ["Plus de bancs au parc"]


def test_nothing_from_the_board_when_the_person_posted_nothing(client, make_user) -> None:
    client.sign_in(make_user())
    assert not [name for name in download(client).namelist() if name.startswith("hello/")]
