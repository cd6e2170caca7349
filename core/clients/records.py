"""Clients (rulebook §5): the record, its validation, ownership, classification and archive.

A client is never deleted — archiving hides it from lists and keeps its history.
"""

from __future__ import annotations

import re

from zizhi.core import access, audit, clock, validation
from zizhi.core.clients import follow_ups, pinyin
from zizhi.core.clients.names import name_key
from zizhi.core.clients.search import LIST_COLUMNS, escape_like, search_clients
from zizhi.core.errors import InputError, NotFound, UserError, ZizhiError
from zizhi.core.i18n import t
from zizhi.core.people import users as people
from zizhi.core.pipeline import ownership
from zizhi.core.vocab import choose

FIELDS = ("name", "credit_code", "contact", "phone", "email", "address", "city", "business_scope",
          "industry", "size", "needs", "urgency", "channel", "referrer", "credit_rating", "owner",
          "tags", "notes")
MULTILINE = ("business_scope", "needs", "notes")  # the fields where several lines make sense
_SELECT = """SELECT c.*, u.login AS owner, r.name AS referrer_name
             FROM clients c LEFT JOIN users u ON u.id = c.owner_id
             LEFT JOIN clients r ON r.id = c.referrer_id"""
_LEGAL_FORMS = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司|厂|\(.*?\)|（.*?）|\s)")


def add_client(desk, **fields) -> tuple[dict, list[str]]:
    """Create a client; returns it and warnings (a similar name already on file)."""
    with desk.store.unit_of_work() as db:
        access.require_add(desk.user)
        values = _clean(desk, fields, creating=True)
        warnings = similar_names(desk, values["name"])
        refuse_duplicate_code(desk, db, values.get("credit_code"))
        client_id = insert(desk, db, values)
        audit.record(db, desk.user, "client.add", "client", client_id,
                     name=values["name"], credit_code=values.get("credit_code"))
    return get_client(desk, str(client_id)), warnings


def insert(desk, db, values: dict, default_owner=None) -> int:
    """Write a new client from checked ``values`` (:func:`clean`), inside the caller's unit of work
    (:func:`row`: its owner, search keys and stamps), then its tags. Shared by adding one client
    and importing a file of them (which writes the rows without tags many at a time)."""
    return write(db, *row(desk, values, default_owner))


def write(db, columns: dict, tags: list[str]) -> int:
    """Write a new client's prepared columns and tags (:func:`row`); its id."""
    cursor = db.execute(f"INSERT INTO clients ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        list(columns.values()))
    _set_tags(db, cursor.lastrowid, tags)
    return cursor.lastrowid


def row(desk, values: dict, default_owner=None) -> tuple[dict, list[str]]:
    """A new client's columns from checked ``values``, and its tags: the owner named (someone
    else's only for those who assign) or the acting salesperson (``default_owner``,
    :func:`people.default_owner` unless given), its pinyin search keys, created and updated now."""
    columns = dict(values)
    if columns.get("owner_id") not in (None, desk.user["id"]):
        access.require_assign(desk.user)
    if "owner_id" not in columns and (own := (default_owner or people.default_owner)(desk)):
        columns["owner_id"] = own["id"]
    tags = columns.pop("tags", [])
    now = clock.stamp()
    columns.update(created_at=now, updated_at=now, pinyin=pinyin.keys(columns["name"], columns.get("contact")),
                   name_key=name_key(columns["name"]))
    return columns, tags



def edit_client(desk, ref: str, **fields) -> dict:
    """Change the given fields of a client the acting user may edit."""
    with desk.store.unit_of_work() as db:
        client = resolve(desk, ref)
        access.require_edit(desk.user, client)
        values = _clean(desk, {k: v for k, v in fields.items() if v is not None}, creating=False)
        if "owner_id" in values and values["owner_id"] != client["owner_id"]:
            access.require_assign(desk.user)
        tags = values.pop("tags", None)
        if values.get("credit_code") and values["credit_code"] != client["credit_code"]:
            refuse_duplicate_code(desk, db, values["credit_code"])
        changed = audit.changes(client, values)
        if tags is not None and tags != client["tags"]:
            changed["tags"] = [client["tags"], tags]
        if not changed:
            raise InputError("client.nothing_to_change")
        if set(changed) - {"tags"}:
            values["updated_at"] = clock.stamp()
            if "name" in values or "contact" in values:
                values["pinyin"] = pinyin.keys(values.get("name", client["name"]),
                                               values.get("contact", client["contact"]))
            if "name" in values:
                values["name_key"] = name_key(values["name"])
            sets = ", ".join(f"{k} = ?" for k in values)
            db.execute(f"UPDATE clients SET {sets} WHERE id = ?", [*values.values(), client["id"]])
        if "tags" in changed:
            db.execute("DELETE FROM client_tags WHERE client_id = ?", [client["id"]])
            _set_tags(db, client["id"], tags)
        audit.record(db, desk.user, "client.edit", "client", client["id"], **changed)
        if "owner_id" in changed:
            ownership.follow_client(db, desk, client["id"], people.owner_for(desk, fields["owner"].strip()))
    return get_client(desk, str(client["id"]))


def assign(desk, ref: str, owner: str) -> dict:
    """Give a client to another on-duty salesperson; managers and admins only."""
    with desk.store.unit_of_work() as db:
        access.require_assign(desk.user)
        client = resolve(desk, ref)
        new_owner = people.owner_for(desk, owner)
        if new_owner["id"] == client["owner_id"]:
            raise UserError("client.already_owner", client=client["name"], login=owner)
        db.execute("UPDATE clients SET owner_id = ?, updated_at = ? WHERE id = ?",
                   [new_owner["id"], clock.stamp(), client["id"]])
        audit.record(db, desk.user, "client.assign", "client", client["id"],
                     owner=[client["owner"], new_owner["login"]])
        ownership.follow_client(db, desk, client["id"], new_owner)
    return get_client(desk, str(client["id"]))


def archive(desk, ref: str, restore: bool = False) -> dict:
    """Archive (or restore) a client: it leaves the lists, its history stays."""
    with desk.store.unit_of_work() as db:
        client = resolve(desk, ref, include_archived=True)
        access.require_edit(desk.user, client)
        if bool(client["archived_at"]) != restore:
            raise UserError("client.already_restored" if restore else "client.already_archived",
                            client=client["name"])
        db.execute("UPDATE clients SET archived_at = ?, updated_at = ? WHERE id = ?",
                   [None if restore else clock.stamp(), clock.stamp(), client["id"]])
        audit.record(db, desk.user, "client.restore" if restore else "client.archive",
                     "client", client["id"])
    return get_client(desk, str(client["id"]), include_archived=True)


def get_client(desk, ref: str, include_archived: bool = True) -> dict:
    """The full record of one visible client, with tags and its latest interactions."""
    client = resolve(desk, ref, include_archived=include_archived)
    client["recent_log"] = desk.store.rows(
        """SELECT i.id, i.at, i.channel, i.summary, i.next_step, i.next_date, u.login AS user
           FROM interactions i JOIN users u ON u.id = i.user_id
           WHERE i.client_id = ? ORDER BY i.at DESC, i.id DESC LIMIT 5""", [client["id"]])
    return client


def resolve(desk, ref: str, include_archived: bool = True) -> dict:
    """Find a visible client by id, credit code or exact name; else by a unique search match."""
    ref = str(ref).strip()
    cond, params = access.visible(desk.user)
    if not include_archived:
        cond += " AND c.archived_at IS NULL"
    if validation.whole_number(ref) is not None and len(ref) <= 9:
        found = desk.store.rows(f"{_SELECT} WHERE c.id = ? AND {cond}", [validation.whole_number(ref), *params])
    else:
        found = desk.store.rows(f"{_SELECT} WHERE (c.credit_code = ? OR c.name = ?) AND {cond}",
                                [ref.upper(), ref, *params])
        if not found:
            hits = search_clients(desk, ref, limit=6, include_archived=include_archived)
            if len(hits) > 1:
                raise UserError("client.ambiguous", ref=ref,
                                candidates="; ".join(f"{h['id']} {h['name']}" for h in hits[:5]))
            found = desk.store.rows(f"{_SELECT} WHERE c.id = ?", [hits[0]["id"]]) if hits else []
    if not found:
        raise NotFound("client.not_found", ref=ref)
    if len(found) > 1:
        raise UserError("client.ambiguous", ref=ref,
                        candidates="; ".join(f"{r['id']} {r['name']}" for r in found[:5]))
    client = found[0]
    client["tags"] = [r["tag"] for r in desk.store.rows(
        "SELECT tag FROM client_tags WHERE client_id = ? ORDER BY tag", [client["id"]])]
    client.pop("pinyin", None)
    client.pop("urgency_rank", None)
    return client


def list_clients(desk, owner: str | None = None, size: str | None = None, industry: str | None = None,
                 urgency: str | None = None, channel: str | None = None, tag: str | None = None,
                 city: str | None = None, due: bool = False, archived: bool = False,
                 limit: int = 50, offset: int = 0) -> list[dict]:
    """Visible clients, urgent first then by name, filtered as asked; one page at a time."""
    cond, params = access.visible(desk.user)
    where = [cond, "c.archived_at IS NOT NULL" if archived else "c.archived_at IS NULL"]
    for column, value in (("size", choose("size", size)), ("urgency", choose("urgency", urgency)),
                          ("channel", choose("channel", channel)), ("industry", industry), ("city", city)):
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    if owner:
        if not desk.store.scalar("SELECT 1 FROM users WHERE login = ?", [owner]):
            raise InputError("people.unknown_owner", login=owner)
        where.append("u.login = ?")
        params.append(owner)
    if tag:
        where.append("c.id IN (SELECT client_id FROM client_tags WHERE tag = ?)")
        params.append(tag)
    if due:
        condition, today = follow_ups.due_condition()
        where.append(condition)
        params += today
    # The id last: no two rows tie, so pages never overlap or skip (the app pages by key, listing.py).
    order = "c.next_date, c.urgency_rank, c.name, c.id" if due else "c.urgency_rank, c.name, c.id"
    return desk.store.rows(
        f"""SELECT {LIST_COLUMNS} FROM clients c LEFT JOIN users u ON u.id = c.owner_id
            WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?""",
        [*params, limit, offset])


def list_page(desk, limit: int = 50, offset: int = 0, **filters) -> tuple[list[dict], bool]:
    """One page of :func:`list_clients`, and whether more follow it (so a short list can say so)."""
    rows = list_clients(desk, limit=limit + 1, offset=offset, **filters)
    return rows[:limit], len(rows) > limit


def count_clients(desk, archived: bool = False, due: bool = False) -> int:
    """How many clients the user sees (the app's total); ``due``: of those, how many are due."""
    cond, params = access.visible(desk.user)
    if not archived and not due:  # kept per owner by triggers (clients/schema.py)
        return desk.store.scalar(f"SELECT coalesce(sum(active), 0) FROM client_totals c WHERE {cond}", params)
    state = "IS NOT NULL" if archived else "IS NULL"
    if due:
        condition, today = follow_ups.due_condition()
        cond, params = f"{cond} AND {condition}", [*params, *today]
    return desk.store.scalar(f"SELECT count(*) FROM clients c WHERE {cond} AND c.archived_at {state}", params)


def similar_names(desk, name: str) -> list[str]:
    """Existing clients whose name, without its legal form, matches this one's core."""
    core_name = _LEGAL_FORMS.sub("", name)
    if len(core_name) < 2:
        return []
    rows = desk.store.rows(
        "SELECT c.id, c.name, c.owner_id FROM client_search s JOIN clients c ON c.id = s.rowid "
        "WHERE s.doc LIKE ? ESCAPE '\\' LIMIT 20",
        [f"%{escape_like(core_name)}%"])
    similar = [r for r in rows if core_name in _LEGAL_FORMS.sub("", r["name"])]
    shown = [f"{r['id']} {r['name']}" for r in similar if access.can_see(desk.user, r)][:5]
    if len(shown) < len(similar):
        shown.append(t("client.similar_hidden"))
    return shown


def refuse_duplicate_code(desk, db, code: str | None) -> None:
    """A credit code names one company: refused when a client has it (saying which, if visible)."""
    if not code:
        return
    row = db.execute("SELECT id, name, archived_at, owner_id FROM clients WHERE credit_code = ?", [code]).fetchone()
    if row and not access.can_see(desk.user, {"owner_id": row[3]}):
        raise UserError("client.duplicate_code_hidden", code=code)
    if row:
        key = "client.duplicate_code_archived" if row[2] else "client.duplicate_code"
        raise UserError(key, code=code, id=row[0], name=row[1])


def _set_tags(db, client_id: int, tags: list[str]) -> None:
    for tag in tags:
        db.execute("INSERT OR IGNORE INTO client_tags (client_id, tag) VALUES (?, ?)", [client_id, tag])


def field_problems(desk, fields: dict, creating: bool = False) -> list[UserError | InputError]:
    """Every field's own mistake at once (a bad credit code *and* a bad phone), each by the rule
    :func:`add_client` and :func:`edit_client` apply, so a form can point at all of them together
    instead of one per save. Rules across fields and records (a credit code already on file) are left to the save."""
    problems = []
    if creating and "name" not in fields:  # a name typed but blank is refused below, as the save would
        problems.append(InputError("input.required", field="name"))
    for key, value in fields.items():
        try:
            _clean(desk, {key: value}, creating=False)
        except (InputError, UserError) as problem:  # a bad value, or an owner or referrer not found
            problem.params.setdefault("field", key)  # which field it came from, when it does not say
            problems.append(problem)
    return problems


def clean(desk, fields: dict, owner_for=None) -> dict:
    """A new client's column values from what a person typed or a file's row held (every rule of
    :func:`add_client`'s input); ``owner_for`` looks an owner's login up (an import's remembers them)."""
    return _clean(desk, fields, creating=True, owner_for=owner_for)


def problems(desk, fields: dict, owner_for=None) -> list[tuple[str | None, ZizhiError]]:
    """Every field of a new client's ``fields`` that :func:`clean` refuses, each with its refusal
    (a file's bad row is reported whole, not its first bad cell only); a refusal of the whole
    (no name) names the field it is about, if any."""
    found: list[tuple[str | None, ZizhiError]] = []
    for key, raw in fields.items():
        try:
            _clean(desk, {key: raw}, creating=False, owner_for=owner_for)
        except ZizhiError as exc:
            found.append((key, exc))
    if not found:
        try:
            clean(desk, fields, owner_for)
        except ZizhiError as exc:
            found.append((exc.params.get("field"), exc))
    return found


def _clean(desk, fields: dict, creating: bool, owner_for=None) -> dict:
    """Validate and normalise user input into column values; the first bad field is refused."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise InputError("input.unknown_field", field=sorted(unknown)[0])
    values: dict = {}
    for key, raw in fields.items():
        for item in raw if isinstance(raw, (list, tuple)) else [raw]:
            if isinstance(item, str):
                validation.text(item, key, multiline=key in MULTILINE)
        text = raw.strip() if isinstance(raw, str) else raw
        if key == "name":
            if not text:
                raise InputError("input.required", field="name")
            values["name"] = text
        elif key == "credit_code":
            values[key] = validation.credit_code(text)
        elif key == "phone":
            values[key] = validation.phone(text)
        elif key == "email":
            values[key] = validation.email(text)
        elif key in ("size", "urgency", "channel"):
            values[key] = choose(key, text, key)
        elif key == "owner":
            if text:
                values["owner_id"] = (owner_for or people.owner_for)(desk, text)["id"]
        elif key == "referrer":
            if text:
                values["referrer_id"] = resolve(desk, text)["id"]
        elif key == "credit_rating":
            values[key] = _rating(desk, text)
        elif key == "tags":
            values["tags"] = _tags(text)
        else:
            values[key] = text or None
    if creating:
        if "name" not in values:
            raise InputError("input.required", field="name")
        values["urgency"] = values.get("urgency") or "normal"
        if values.get("referrer_id") and not values.get("channel"):
            values["channel"] = "referral"
    elif "urgency" in values and values["urgency"] is None:
        raise InputError("input.required", field="urgency")
    return values


def _rating(desk, value: str | None) -> str | None:
    if not value:
        return None
    rating = value.strip().upper()
    allowed = desk.settings.pricing.credit_policy
    if rating not in allowed:
        raise InputError("input.not_one_of", field="credit_rating", value=value, allowed=", ".join(allowed))
    return rating


def _tags(value) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,，;；]", value or "")
    return sorted({item.strip() for item in items if item and item.strip()})
