"""Plugin API 1.0 names: the old names work for one minor version and warn (docs/hooks.md)."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from pnyx import api, create_app
from pnyx.plugin_api.deprecation import PnyxDeprecationWarning

RENAMED = {
    "ADMIN": api.actions.ADMIN,
    "VIEW": api.actions.VIEW,
    "PUBLIC": api.actions.PUBLIC,
    "ACCOUNT": api.actions.ACCOUNT,
    "AuthorizationHandler": api.verification.Handler,
    "AuthorizationResult": api.verification.Result,
    "AuthorizationStatus": api.verification.Status,
    "grant_authorization": api.verification.grant,
    "authorization_data": api.verification.data,
    "link_resources": api.links.link,
    "describe_resources": api.links.describe,
    "send_plugin_mail": api.send_mail,
    "gettext": api._,
    "lazy_gettext": api._l,
}


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_an_old_name_still_works_and_warns_with_the_new_one(old: str) -> None:
    with pytest.warns(PnyxDeprecationWarning, match=r"use api\.") as caught:
        found = getattr(api, old)
    assert found is RENAMED[old]
    assert caught[0].filename == __file__  # the warning points at the caller's line


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        api.nothing_here  # noqa: B018


def test_action_names_are_apart_from_audiences() -> None:
    assert api.actions.ADMIN != api.Audience.ADMIN
    assert "ADMIN" not in api.__all__ and "ADMIN" in api.actions.__all__


def test_authorizable_becomes_verifiable() -> None:
    with pytest.warns(DeprecationWarning, match="verifiable"):
        old = api.Action("demo.read", "Read", authorizable=False)
    assert old.verifiable is False and old.authorizable is False
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert api.Action("demo.read", "Read", verifiable=False) == old


def test_the_old_hook_name_still_registers_a_handler_and_warns(
    fake_plugins: Callable[..., None], tmp_path: Path
) -> None:
    fake_plugins(oldhandler="oldhandler_plugin")
    with pytest.warns(DeprecationWarning, match="'oldhandler' implements register_authoriz"):
        app = create_app({"PLUGINS": "oldhandler", "INSTANCE_PATH": str(tmp_path)})
    assert "oldhandler_card" in app.extensions["pnyx.plugins"].registry.authorization_handlers


def test_no_plugin_of_the_repository_uses_an_old_name(tmp_path: Path) -> None:
    """Every plugin and the example start with the deprecation warnings turned into errors."""
    code = (
        "import warnings\n"
        "from pnyx.plugin_api.deprecation import PnyxDeprecationWarning\n"
        "warnings.simplefilter('error', PnyxDeprecationWarning)\n"
        "warnings.filterwarnings('error', message='.*deprecated since Pnyx')\n"
        "from pnyx import create_app\n"
        f"create_app({{'PLUGINS': '*', 'INSTANCE_PATH': {str(tmp_path)!r}}})\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
