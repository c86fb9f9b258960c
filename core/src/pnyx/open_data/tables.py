"""One resource as a CSV file and its Table Schema (frictionless), from its OpenAPI schema.

The columns are the schema's fields minus the resource's ``personal_fields``; each
field's type comes from the JSON Schema apispec wrote (``integer``, ``string`` with
``format: date-time``…), so the CSV, its table schema and the API always agree.
Dicts (translated texts) and lists (theme ids) are written as JSON in their cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from pnyx.open_data.resources import ApiResource

#: JSON Schema ``format`` → Table Schema type, then JSON Schema ``type`` → Table Schema type.
FORMATS = {"date-time": "datetime", "date": "date"}
TYPES = {
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "object": "object",
    "array": "array",
    "string": "string",
}


def _json_type(prop: dict[str, Any]) -> str:
    kind = prop.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    return str(kind)


def table_schema(resource: ApiResource, json_schema: dict[str, Any]) -> dict[str, Any]:
    """The Table Schema descriptor of the resource's CSV file."""
    required = set(json_schema.get("required", ()))
    fields = []
    for name, prop in json_schema["properties"].items():
        if name in resource.personal_fields:
            continue
        kind = FORMATS.get(prop.get("format", ""), TYPES.get(_json_type(prop), "string"))
        field: dict[str, Any] = {"name": name, "type": kind}
        if prop.get("description"):
            field["description"] = prop["description"]
        if name in required and kind != "string":
            # An empty text is a value, but a CSV cell cannot tell it from a missing one.
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_text(schema: dict[str, Any], records: Iterable[dict[str, Any]]) -> str:
    """The CSV file: a header of the schema's field names, then one line per record."""
    names = [field["name"] for field in schema["fields"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for record in records:
        writer.writerow([cell(record.get(name)) for name in names])
    return out.getvalue()
