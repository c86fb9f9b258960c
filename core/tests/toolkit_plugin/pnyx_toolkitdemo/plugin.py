"""``toolkitdemo``: items of a component, paged, loaded, filed under a territory, guarded."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from marshmallow import Schema
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api

public = Blueprint("toolkitdemo", __name__)
admin = Blueprint("toolkitdemo_admin", __name__)
rules = api.PermissionRules()


class Item(api.Model):
    __tablename__ = "toolkitdemo_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    locked: Mapped[bool] = mapped_column(default=False)


@rules.on("toolkitdemo.edit", Item)
def _unlocked(user: api.User | None, item: Item) -> bool:
    return not item.locked


@public.get("/items")
@api.requires(api.actions.VIEW)
def index() -> str:
    query = select(Item).where(Item.component_id == api.current_component().id)
    page = api.paginate(query.order_by(Item.id), count=request.args.get("count") == "1")
    return render_template("toolkitdemo/list.html", page=page)


@public.get("/feed")
@api.requires(api.actions.VIEW)
def feed() -> str:
    query = select(Item).where(Item.component_id == api.current_component().id)
    page = api.paginate_keyset(query, (Item.id,))
    return render_template("toolkitdemo/list.html", page=page)


@public.get("/items/<int:item_id>")
@api.requires(api.actions.VIEW)
def item(item_id: int) -> str:
    return api.get_or_404(Item, item_id).title


@public.post("/items/<int:item_id>")
@api.requires("toolkitdemo.edit")
def edit(item_id: int) -> str:
    found = api.get_or_404(Item, item_id)
    api.require("toolkitdemo.edit", found)
    return f"edited {found.title}"


@public.route("/territory", methods=["GET", "POST"])
@api.requires(api.actions.VIEW)
def territory() -> Any:
    under = request.args.get("under")

    class TerritorySchema(Schema):
        territory = api.term_field("territory", "Territory", under=under)
        themes = api.term_field("theme", "Themes", many=True)

    form = api.Form(TerritorySchema)
    if request.method == "POST" and form.validate(request.form):
        return f"chosen {form.data['territory']} {form.data['themes']}"
    return render_template("toolkitdemo/form.html", form=form), 400 if form.has_errors else 200


@admin.get("/")
@api.requires(api.actions.ADMIN)
def manage() -> str:
    return render_template("toolkitdemo/admin.html")


@api.hookimpl
def register_component_types() -> list[api.ComponentType]:
    return [
        api.ComponentType(
            name="toolkitdemo",
            label="Toolkit demo",
            actions=[api.Action("toolkitdemo.edit", "Edit an item")],
            public_blueprint=public,
            admin_blueprint=admin,
        )
    ]


@api.hookimpl
def permission_check(user: api.User | None, action: str, target: Any) -> bool | None:
    return rules.check(user, action, target)
