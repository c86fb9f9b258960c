"""Staff build a Nivelles-like consultation's resources page in the browser — three PDFs and a
plan with its alternative text, uploaded through the no-JavaScript forms — and a resident reads
it on a 320 px phone, axe-clean (issue 18, "Must show").

The space ("Nivelles 2030", a process with a ``pages`` component) is made in the database; the
page, its text and its files are made by the demo admin through the admin pages.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from pnyx.db import get_session
from pnyx.demo import DEMO_ACCOUNTS
from pnyx.testing.browser import assert_accessible, press
from pnyx.testing.factories import create_component, create_space
from pnyx.testing.files import PDF

pytestmark = pytest.mark.browser

ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
DOCUMENTS = ("diagnostic.pdf", "mobilite.pdf", "budget.pdf")
ALT = "Map of the town centre: the Grand-Place, the collegiate church and the park"


def nivelles(live_server: Any) -> tuple[str, int]:
    with live_server.app.app_context():
        session = get_session()
        space = create_space(
            session,
            slug="nivelles-2030",
            title={"fr": "Nivelles 2030", "en": "Nivelles 2030"},
            description={"en": "A consultation with resources to read."},
        )
        component = create_component(
            session, space, "pages", name={"fr": "Ressources", "en": "Resources"}
        )
        return space.slug, component.id


def plan() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (1600, 900), "#6aa84f").save(output, "PNG")
    return output.getvalue()


def upload(page: Any, form_field: str, name: str, data: bytes, mime: str) -> None:
    page.set_input_files(form_field, files=[{"name": name, "mimeType": mime, "buffer": data}])


def test_staff_build_a_resources_page_and_a_resident_reads_it_at_320px(
    live_server, new_context, sign_in_as
) -> None:
    slug, component_id = nivelles(live_server)
    admin_url = f"/admin/spaces/{slug}/pages/{component_id}/"

    staff = new_context("en", axe=True).new_page()
    sign_in_as(staff, ADMIN)
    staff.goto(f"{admin_url}new")
    assert_accessible(staff, "new page form", widths=(1280,), height=740)
    staff.fill('[name="title.fr"]', "Ressources à lire")
    staff.fill('[name="title.en"]', "Resources to read")
    staff.fill('[name="slug"]', "resources")
    staff.fill('[name="body.en"]', "Read these before the **workshop** on 12 March.")
    staff.check('[name="published"]')
    press(staff, "Save")
    assert "The page is saved." in staff.inner_text("body")
    with staff.expect_navigation():
        staff.get_by_role("link", name="Files of this page").click()
    for name in DOCUMENTS:
        upload(staff, "#f-upload-file", name, PDF, "application/pdf")
        press(staff, "Add the file")
        assert f"The file “{name}” is saved." in staff.inner_text("body")
    upload(staff, "#f-upload-file", "plan.png", plan(), "image/png")
    press(staff, "Add the file")  # no alternative text: refused, explained on the form
    assert "alt text" in staff.inner_text("main")
    assert_accessible(staff, "files page with an error", widths=(1280,), height=740)
    upload(staff, "#f-upload-file", "plan.png", plan(), "image/png")
    staff.fill('[name="upload.alt.en"]', ALT)
    staff.fill('[name="upload.alt.fr"]', "Plan du centre-ville")
    press(staff, "Add the file")
    assert "The file “plan.png” is saved." in staff.inner_text("body")

    resident = new_context("en", axe=True).new_page()
    sign_in_as(resident, RESIDENT)
    resident.set_viewport_size({"width": 320, "height": 740})
    resident.goto(f"/spaces/{slug}/pages/{component_id}/resources")
    main = resident.inner_text("main")
    assert "Resources to read" in main and "workshop" in main
    for name in DOCUMENTS:
        assert name in main
    image = resident.get_by_alt_text(ALT)
    assert image.count() == 1
    image.scroll_into_view_if_needed()  # a lazy image loads once near the screen
    image.element_handle().wait_for_element_state("visible")
    resident.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.naturalWidth") == 480  # the small thumbnail
    assert_accessible(resident, "resources page", widths=(320,), height=740)
    response = resident.request.get(
        resident.get_by_role("link", name=DOCUMENTS[0]).get_attribute("href")
    )
    assert response.headers["content-disposition"].startswith("attachment")
