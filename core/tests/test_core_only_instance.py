"""A core-only instance (no plugin enabled) starts, migrates, and serves a process."""

from __future__ import annotations

from pathlib import Path

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.demo import DEMO_SPACE, seed_demo
from pnyx.migrate import upgrade


def test_core_only_instance_migrates_and_serves_home_and_process(tmp_path: Path) -> None:
    app = create_app({"PLUGINS": "", "INSTANCE_PATH": str(tmp_path)})
    upgrade(app)
    with app.app_context():
        assert seed_demo(get_session()) == ["pnyx"]
    client = app.test_client()
    home = client.get("/", headers={"Accept-Language": "en"})
    assert home.status_code == 200
    assert f'href="/spaces/{DEMO_SPACE}"' in home.get_data(as_text=True)
    process = client.get(f"/spaces/{DEMO_SPACE}", headers={"Accept-Language": "en"})
    assert process.status_code == 200
    assert process.get_data(as_text=True).count('aria-current="step"') == 1
    # The demo's home page opens with a welcome banner; the budget's editions form a group.
    assert "Vote for your projects" in home.get_data(as_text=True)
    group = client.get(
        "/space-groups/budget-participatif?state=past", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Participatory budget 20" in group and "Past (1)" in group
    get_database(app).engine.dispose()


def test_demo_seeding_is_done_once(tmp_path: Path) -> None:
    app = create_app({"PLUGINS": "", "INSTANCE_PATH": str(tmp_path)})
    upgrade(app)
    with app.app_context():
        seed_demo(get_session())
    with app.app_context():
        assert seed_demo(get_session()) == []
    get_database(app).engine.dispose()
