"""The open-data bundle: a ZIP of CSV files, one per resource type, for the organization
or for one public space, with a README, the licence, a Table Schema per file and a
``datapackage.json`` (frictionless Data Package) that ties them together.

It holds what the API shows anonymous visitors (never a private space), minus personal
data (each resource's ``personal_fields``: authors' names), plus the statistics.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.models import Space, utcnow
from pnyx.open_data.core_resources import public_space
from pnyx.open_data.licences import LICENCE_TEXTS
from pnyx.open_data.listing import every_row
from pnyx.open_data.resources import api_resources
from pnyx.open_data.spec import openapi_document, schema_name
from pnyx.open_data.tables import csv_text, table_schema
from pnyx.organization import current_organization
from pnyx.statistics.collect import build_report, public_components
from pnyx.statistics.settings import open_data_settings

ORGANIZATION = "organization"


def bundle_folder() -> Path:
    folder = Path(current_app.config["INSTANCE_PATH"]) / "open_data"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def bundle_name(space: Space | None) -> str:
    return f"space-{space.slug}" if space is not None else ORGANIZATION


def bundle_path(space: Space | None) -> Path:
    return bundle_folder() / f"{bundle_name(space)}.zip"


def public_spaces(session: Session) -> list[Space]:
    query = select(Space).where(public_space()).order_by(Space.position, Space.id)
    return list(session.scalars(query))


def _resource_files(session: Session, space: Space | None) -> dict[str, tuple[str, dict]]:
    """``name → (CSV text, table schema)`` for every resource."""
    document = openapi_document(current_app)["components"]["schemas"]
    args = {"space": space.slug} if space is not None else {}
    files = {}
    for name, resource in api_resources().items():
        schema = table_schema(resource, document[schema_name(resource)])
        dumper = resource.schema()
        rows = every_row(session, resource, args)
        files[name] = (csv_text(schema, (dumper.dump(row) for row in rows)), schema)
    return files


def _statistics_csv(session: Session, space: Space | None) -> tuple[str, dict]:
    if space is None:
        components = public_components(session)
    else:
        components = [c for c in space.components if c.published]
    report = build_report(components, session)
    records = [{"name": "participants", "kind": "participants", "value": report.participants}]
    records += [{"name": f.name, "kind": f.kind, "value": f.value} for f in report.figures]
    schema = {
        "fields": [
            {"name": "name", "type": "string", "constraints": {"required": True}},
            {"name": "kind", "type": "string", "constraints": {"required": True}},
            {"name": "value", "type": "integer", "constraints": {"required": True}},
        ],
        "primaryKey": ["name"],
    }
    return csv_text(schema, records), schema


def build_bundle(session: Session, space: Space | None) -> bytes:
    """The ZIP's bytes for the organization (``space`` None) or one public space."""
    settings = open_data_settings(session)
    organization = current_organization()
    files = _resource_files(session, space)
    files["statistics"] = _statistics_csv(session, space)
    now = utcnow()
    package: dict[str, Any] = {
        "name": bundle_name(space),
        "created": now.isoformat(),
        "licenses": [{"name": settings.licence, "path": LICENCE_TEXTS[settings.licence][1]}],
        "resources": [],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (text, schema) in files.items():
            archive.writestr(f"{name}.csv", text)
            archive.writestr(f"{name}.schema.json", json.dumps(schema, indent=2))
            package["resources"].append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": f"{name}.schema.json",
                }
            )
        archive.writestr("datapackage.json", json.dumps(package, indent=2))
        locale = organization.default_locale if organization is not None else "fr"
        with force_locale(locale):
            readme = render_template(
                "pnyx/open_data/README.txt",
                organization=organization,
                space=space,
                files=list(files),
                licence=LICENCE_TEXTS[settings.licence],
                created=now,
            )
        archive.writestr("README.txt", readme)
        archive.writestr(
            "LICENCE.txt",
            f"{LICENCE_TEXTS[settings.licence][0]}\n{LICENCE_TEXTS[settings.licence][1]}\n",
        )
    return out.getvalue()


def write_bundle(session: Session, space: Space | None) -> Path:
    """Build and store a bundle (written aside, then renamed: a download never sees half)."""
    path = bundle_path(space)
    partial = path.with_suffix(".zip.part")
    partial.write_bytes(build_bundle(session, space))
    partial.replace(path)
    return path


def generated_at(space: Space | None) -> dt.datetime | None:
    path = bundle_path(space)
    if not path.exists():
        return None
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
