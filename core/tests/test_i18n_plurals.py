"""Counts read right in every language: "1 espace", never "1 espaces" (ngettext)."""

from __future__ import annotations


def test_the_dashboard_counts_with_plurals(client, make_organization, make_user, make_space):
    make_organization(default_locale="fr", available_locales=["fr", "en"])
    make_space(slug="budget-2026")
    admin = make_user(roles=["admin"])
    client.sign_in(admin)
    html = client.get("/admin/", headers={"Accept-Language": "fr"}).text
    assert "1 espace<" in html and "1 espaces" not in html
    assert "1 participant<" in html
    english = client.get("/admin/", headers={"Accept-Language": "en"}).text
    assert "1 space<" in english and "0 components<" in english
