"""The OpenAPI 3.1 document of ``/api/v1/``, generated from the resources' schemas.

apispec's marshmallow plugin turns each schema into a JSON Schema component; the
paths, parameters and envelopes are written here from the :class:`ApiResource`
manifests, so a plugin's resource is documented the moment it is registered.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

from pnyx.open_data.listing import DEFAULT_LIMIT, MAX_LIMIT
from pnyx.open_data.resources import ApiResource, api_resources
from pnyx.open_data.schemas import OrganizationSchema

SPEC_KEY = "pnyx.openapi"

PARAMETERS: dict[str, dict[str, Any]] = {
    "cursor": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    "space": {"type": "string", "pattern": "^[a-z0-9-]{1,80}$"},
    "component": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    "theme": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    "territory": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    "state": {"type": "string", "pattern": "^[a-z0-9_-]{1,80}$"},
    "updated_since": {"type": "string", "format": "date-time"},
}
DESCRIPTIONS = {
    "cursor": "Where the page starts: after the record with this id (the `next` link gives it).",
    "limit": "How many records per page.",
    "space": "Only the records of the space with this slug.",
    "component": "Only the records of this component.",
    "theme": "Only the records filed under this theme (or a theme under it).",
    "territory": "Only the records filed under this territory (or a territory under it).",
    "state": "Only the records in this state.",
    "updated_since": "Only the records changed since this moment (ISO 8601).",
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
        }
    },
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


COMMON_RESPONSES = {
    "304": {"description": "Not modified since the ETag given in If-None-Match."},
    "429": _error("Too many requests from this address: wait a minute."),
}


def _parameter(name: str, where: str = "query") -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": DESCRIPTIONS.get(name, ""),
        "schema": PARAMETERS.get(name, {"type": "integer", "minimum": 1}),
    }


def schema_name(resource: ApiResource) -> str:
    """The resource's schema in ``components/schemas`` (``budgets_projects``: BudgetsProjects)."""
    return resource.name.title().replace("_", "")


def _add_resource(spec: APISpec, resource: ApiResource) -> None:
    name = schema_name(resource)
    spec.components.schema(name, schema=resource.schema)
    reference = {"$ref": f"#/components/schemas/{name}"}
    envelope = {
        "type": "object",
        "required": ["data", "next"],
        "properties": {
            "data": {"type": "array", "items": reference},
            "next": {"type": ["string", "null"], "description": "The next page, if any."},
        },
    }
    listing = {
        "get": {
            "summary": f"List {resource.name}",
            "description": resource.description,
            "operationId": f"list_{resource.name}",
            "parameters": [_parameter(name) for name in ("cursor", "limit", *resource.filters())],
            "responses": {
                "200": {
                    "description": "One page.",
                    "content": {"application/json": {"schema": envelope}},
                },
                "400": _error("A parameter could not be read."),
                **COMMON_RESPONSES,
            },
        }
    }
    spec.path(path=f"/{resource.name}", operations=listing)
    identifier = _parameter(resource.id_argument, "path")
    identifier["schema"] = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}
    item = {
        "get": {
            "summary": f"One of the {resource.name}",
            "operationId": f"get_{resource.name}",
            "parameters": [identifier],
            "responses": {
                "200": {
                    "description": "The record.",
                    "content": {"application/json": {"schema": reference}},
                },
                "404": _error("No such record, or not public."),
                **COMMON_RESPONSES,
            },
        }
    }
    spec.path(path=f"/{resource.name}/{{{resource.id_argument}}}", operations=item)


def build_document(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="Pnyx open data API",
        version="1",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Read-only: what anyone sees on the public pages, never a private "
            "space, no personal data beyond authors' public names."
        },
        servers=[{"url": "/api/v1"}],
    )
    spec.components.schema("Organization", schema=OrganizationSchema)
    organization = {
        "get": {
            "summary": "The organization",
            "operationId": "get_organization",
            "responses": {
                "200": {
                    "description": "The organization and the licence of its data.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Organization"}
                        }
                    },
                },
                "404": _error("Not set up yet."),
                **COMMON_RESPONSES,
            },
        }
    }
    spec.path(path="/organization", operations=organization)
    for resource in api_resources(app).values():
        _add_resource(spec, resource)
    return spec.to_dict()


def openapi_document(app: Flask) -> dict[str, Any]:
    """Built once per app (its resources do not change while it runs)."""
    if SPEC_KEY not in app.extensions:
        app.extensions[SPEC_KEY] = build_document(app)
    return app.extensions[SPEC_KEY]
