"""docs/reference.md is generated from the manifests' attrs definitions, every field described."""

from __future__ import annotations

from pathlib import Path

import attrs

from pnyx.plugin_api import reference

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_field_of_the_api_value_objects_has_a_description() -> None:
    assert reference.undocumented_fields() == [], (
        "add a `#:` comment above each of these fields (docs/reference.md is made from them)"
    )


def test_the_reference_page_is_up_to_date() -> None:
    assert (DOCS / "reference.md").read_text() == reference.page_text(), (
        "docs/reference.md is outdated: python -m pnyx.plugin_api.reference > docs/reference.md"
    )


def test_an_undocumented_field_is_reported(monkeypatch) -> None:
    @attrs.frozen
    class Sample:
        #: Described.
        described: int
        bare: str = ""

    monkeypatch.setattr(reference, "DOCUMENTED", (("api.Sample", Sample),))
    assert reference.undocumented_fields() == ["api.Sample.bare"]
    assert "**undocumented**" in reference.page_text()


def test_templates_page_documents_the_shells_blocks_and_globals() -> None:
    text = (DOCS / "templates.md").read_text()
    for name in (
        "component_admin_heading",
        "component_admin_nav",
        "component_admin_content",
        "component_content",
        "`can(",
        "`csrf_token()`",
        "`person_name(user)`",
        "`component_url(",
        "value\\|t",
        "error_summary",
        "pager(",
    ):
        assert name in text, f"docs/templates.md does not mention {name}"
