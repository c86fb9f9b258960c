"""Admin pages of one assembly's members: list, add, edit, remove.

A member is a registered person (found by their account's e-mail address;
their name comes from their account) or a name only, for people without an
account. Registered members see a private assembly and take part in a
"private but transparent" one (the space type's ``is_member``).
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from pnyx import api
from pnyx_assemblies.admin import Page, blueprint, current_assembly
from pnyx_assemblies.forms import member_schema
from pnyx_assemblies.kinds import MEMBER_RESOURCE, OTHER_POSITION, POSITIONS, position_labels
from pnyx_assemblies.lookup import members
from pnyx_assemblies.models import Assembly, Member


@blueprint.get("/members")
@api.requires(api.actions.ADMIN_SPACE)
def member_list() -> str:
    assembly = current_assembly()
    return render_template(
        "assemblies/admin/members.html",
        space=api.current_space(),
        assembly=assembly,
        members=members(assembly),
        positions=position_labels(),
    )


def load_member(member_id: int) -> Member:
    assembly = current_assembly()
    member = api.db_session().get(Member, member_id)
    if member is None or assembly.id is None or member.assembly_id != assembly.id:
        abort(404)
    return member


def values_of(member: Member | None) -> dict[str, Any]:
    if member is None:
        return {"position": "member"}
    return {
        "email": member.user.email if member.user is not None else "",
        "name": member.name or "",
        "position": member.position,
        "position_label": member.position_label,
    }


def read(form: api.Form) -> dict[str, Any] | None:
    """Column values from a valid form, or ``None`` with the errors put on it."""
    data = dict(form.data)
    data.pop("photo_alt", None)
    values: dict[str, Any] = {
        "position": data["position"],
        "position_rank": POSITIONS.index(data["position"]),
        "position_label": data["position_label"] if data["position"] == OTHER_POSITION else {},
        "user_id": None,
        "name": data["name"].strip() or None,
    }
    if data["position"] == OTHER_POSITION and not data["position_label"]:
        form.add_error("position_label", api._("Name the position."))
    email = data["email"].strip().lower()
    if email:
        user = api.db_session().scalar(select(api.User).where(func.lower(api.User.email) == email))
        if user is None:
            form.add_error("email", api._("No account has this e-mail address."))
        else:
            values["user_id"], values["name"] = user.id, None
    elif not values["name"]:
        form.add_error("name", api._("Give a name, or the e-mail address of an account."))
    return None if form.has_errors else values


def save(assembly: Assembly, member: Member | None) -> Page:
    form = api.Form(member_schema(), values_of(member))
    if request.method == "POST" and form.validate(request.form):
        values = read(form)
        if values is not None and store(assembly, member, values, form):
            flash(api._("The member is saved."), "success")
            return redirect(url_for("assemblies_admin.member_list"), 303)
        if values is not None and not form.has_errors:
            form.add_error("email", api._("This person is already a member."))
    status = 400 if form.has_errors else 200
    page = render_template(
        "assemblies/admin/member_form.html", form=form, space=api.current_space(), member=member
    )
    return page, status


def store(
    assembly: Assembly, member: Member | None, values: dict[str, Any], form: api.Form
) -> bool:
    """Save the member and their photo; ``False`` when the person is already listed or the
    photo is refused (the reason is put on the form)."""
    session = api.db_session()
    if assembly.id is None:  # the assembly's settings were never saved: its row starts now
        session.add(assembly)
        session.flush()
    member = member or Member(assembly_id=assembly.id)
    for key, value in values.items():
        setattr(member, key, value)
    session.add(member)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return False
    if not store_photo(member, form):
        session.rollback()
        return False
    api.log_action(
        session,
        "assemblies.member_saved",
        resource=("assemblies_member", member.id),
        extra={"space_id": assembly.space_id, "position": member.position},
    )
    session.commit()
    return True


def store_photo(member: Member, form: api.Form) -> bool:
    """Attach the uploaded photo (``api.attachments``: checked by content, alt text required);
    ``False`` with the reason on the form."""
    upload = request.files.get("photo")
    if upload is None or not upload.filename:
        return True
    alt = form.data.get("photo_alt", "").strip()
    try:
        api.attachments.attach(
            upload,
            (MEMBER_RESOURCE, member.id),
            space=api.current_space(),
            alt={str(get_locale()): alt} if alt else {},
            cover=True,
            user=api.current_user(),
        )
    except api.attachments.AttachmentError as error:
        form.add_error("photo_alt", str(error))
        return False
    return True


@blueprint.route("/members/new", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(api.actions.ADMIN_SPACE)
def member_new() -> Page:
    return save(current_assembly(), None)


@blueprint.route("/members/<int:member_id>/edit", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(api.actions.ADMIN_SPACE)
def member_edit(member_id: int) -> Page:
    member = load_member(member_id)
    return save(member.assembly, member)


@blueprint.route("/members/<int:member_id>/delete", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def member_delete(member_id: int) -> Page:
    member = load_member(member_id)
    page = api.confirm_first(
        title=api._("Remove %(name)s from the assembly?", name=member.display_name),
        consequence=api._("They are no longer listed, and lose what members may do."),
        button=api._("Yes, remove them"),
        cancel_url=url_for("assemblies_admin.member_list"),
    )
    if page is not None:
        return page
    session = api.db_session()
    api.attachments.remove_all(MEMBER_RESOURCE, member.id)
    session.delete(member)
    api.log_action(
        session,
        "assemblies.member_removed",
        resource=("assemblies_member", member.id),
        extra={"space_id": member.assembly.space_id},
    )
    session.commit()
    flash(api._("The member is removed."), "success")
    return redirect(url_for("assemblies_admin.member_list"), 303)
