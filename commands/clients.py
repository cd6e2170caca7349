"""`zizhi client …` — add, edit, show, list, search, assign, archive."""

from typing import Annotated

import typer

from zizhi.commands.common import (
    Json,
    Opt,
    desk,
    fields,
    more_hint,
    output,
    output_read,
    read_shown,
    table,
    table_of,
    warn,
)

app = typer.Typer(help="Clients: add, find, edit, classify and assign.", no_args_is_help=True)

LIST_COLUMNS = ["id", "name", "contact", "phone", "city", "industry", "size", "urgency", "owner", "next_date"]
LIST_DROPS = ("size", "industry", "city", "contact", "urgency")  # at 80 columns: name, phone, owner, follow-up
SHOW_FIELDS = ["id", "name", "credit_code", "contact", "phone", "email", "address", "city", "business_scope",
               "industry", "size", "needs", "urgency", "channel", "referrer_name", "credit_rating", "owner",
               "tags", "notes", "last_contact_at", "next_step", "next_date", "created_at", "archived_at"]


def _record_fields(name, credit_code, contact, phone, email, address, city, scope, industry, size,
                   needs, urgency, channel, referrer, rating, owner, tags, notes) -> dict:
    return {"name": name, "credit_code": credit_code, "contact": contact, "phone": phone, "email": email,
            "address": address, "city": city, "business_scope": scope, "industry": industry, "size": size,
            "needs": needs, "urgency": urgency, "channel": channel, "referrer": referrer,
            "credit_rating": rating, "owner": owner, "tags": tags, "notes": notes}


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help="Company name, e.g. 宁波恒通进出口贸易有限公司.")],
    credit_code: Annotated[Opt, typer.Option("--credit-code", help="Unified social credit code (18 characters).")] = None,
    contact: Annotated[Opt, typer.Option("--contact", help="Contact person.")] = None,
    phone: Annotated[Opt, typer.Option("--phone", help="Mobile (13812345678) or landline (021-68881234).")] = None,
    email: Annotated[Opt, typer.Option("--email", help="Email address.")] = None,
    address: Annotated[Opt, typer.Option("--address", help="Street address.")] = None,
    city: Annotated[Opt, typer.Option("--city", help="City, e.g. 宁波.")] = None,
    scope: Annotated[Opt, typer.Option("--scope", help="Business scope (经营范围).")] = None,
    industry: Annotated[Opt, typer.Option("--industry", help="Industry, e.g. 纺织.")] = None,
    size: Annotated[Opt, typer.Option("--size", help="micro, small, medium or large.")] = None,
    needs: Annotated[Opt, typer.Option("--needs", help="Needs and intent.")] = None,
    urgency: Annotated[Opt, typer.Option("--urgency", help="low, normal (default), high or urgent.")] = None,
    channel: Annotated[Opt, typer.Option("--channel", help="trade-show, online, referral, inquiry or other.")] = None,
    referrer: Annotated[Opt, typer.Option("--referrer", help="The client who referred this one (id or name).")] = None,
    rating: Annotated[Opt, typer.Option("--rating", help="Credit rating from the credit policy (A–D).")] = None,
    owner: Annotated[Opt, typer.Option("--owner", help="Login of the on-duty salesperson who owns it.")] = None,
    tags: Annotated[Opt, typer.Option("--tags", help="Comma-separated tags.")] = None,
    notes: Annotated[Opt, typer.Option("--notes", help="Free notes.")] = None,
    json: Json = False,
) -> None:
    """Add a client.

    Example: zizhi client add --name 宁波恒通进出口贸易有限公司 --credit-code 91330200MA2AB3C70X --contact 陈静 --phone 13857401234 --city 宁波 --urgency high --owner wang.fang
    """
    from zizhi.core.clients.records import add_client
    from zizhi.core.i18n import t

    client, warnings = add_client(desk(ctx), **_record_fields(
        name, credit_code, contact, phone, email, address, city, scope, industry, size, needs, urgency,
        channel, referrer, rating, owner, tags, notes))
    for similar in warnings:
        warn(t("client.similar_name", name=similar))
    output(client, json, _client_text)


@app.command("edit")
def edit(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
    name: Annotated[Opt, typer.Option("--name", help="Company name.")] = None,
    credit_code: Annotated[Opt, typer.Option("--credit-code", help="Unified social credit code.")] = None,
    contact: Annotated[Opt, typer.Option("--contact", help="Contact person.")] = None,
    phone: Annotated[Opt, typer.Option("--phone", help="Mobile or landline.")] = None,
    email: Annotated[Opt, typer.Option("--email", help="Email address.")] = None,
    address: Annotated[Opt, typer.Option("--address", help="Street address.")] = None,
    city: Annotated[Opt, typer.Option("--city", help="City.")] = None,
    scope: Annotated[Opt, typer.Option("--scope", help="Business scope.")] = None,
    industry: Annotated[Opt, typer.Option("--industry", help="Industry.")] = None,
    size: Annotated[Opt, typer.Option("--size", help="micro, small, medium or large.")] = None,
    needs: Annotated[Opt, typer.Option("--needs", help="Needs and intent.")] = None,
    urgency: Annotated[Opt, typer.Option("--urgency", help="low, normal, high or urgent.")] = None,
    channel: Annotated[Opt, typer.Option("--channel", help="trade-show, online, referral, inquiry or other.")] = None,
    referrer: Annotated[Opt, typer.Option("--referrer", help="Referring client.")] = None,
    rating: Annotated[Opt, typer.Option("--rating", help="Credit rating (A–D).")] = None,
    owner: Annotated[Opt, typer.Option("--owner", help="New owner (managers only).")] = None,
    tags: Annotated[Opt, typer.Option("--tags", help="Replace the tags (comma-separated).")] = None,
    notes: Annotated[Opt, typer.Option("--notes", help="Free notes.")] = None,
    json: Json = False,
) -> None:
    """Change fields of a client; only the fields given change.

    Example: zizhi client edit 42 --urgency urgent --tags 展会,VIP
    """
    from zizhi.core.clients.records import edit_client

    changes = _record_fields(name, credit_code, contact, phone, email, address, city, scope, industry,
                             size, needs, urgency, channel, referrer, rating, owner, tags, notes)
    output(edit_client(desk(ctx), client, **{k: v for k, v in changes.items() if v is not None}), json, _client_text)


@app.command("show")
def show(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
    json: Json = False,
) -> None:
    """Show one client with its latest contact, next follow-up and recent log.

    Example: zizhi client show 42
    """
    from zizhi.core.clients.records import get_client

    output_read(ctx, "client show", "client", lambda d: get_client(d, client), json, _client_text, client=client)


@app.command("list")
def list_(
    ctx: typer.Context,
    owner: Annotated[Opt, typer.Option("--owner", help="Only this salesperson's clients.")] = None,
    size: Annotated[Opt, typer.Option("--size", help="micro, small, medium or large.")] = None,
    industry: Annotated[Opt, typer.Option("--industry", help="Industry.")] = None,
    urgency: Annotated[Opt, typer.Option("--urgency", help="low, normal, high or urgent.")] = None,
    channel: Annotated[Opt, typer.Option("--channel", help="trade-show, online, referral, inquiry or other.")] = None,
    tag: Annotated[Opt, typer.Option("--tag", help="Clients carrying this tag.")] = None,
    city: Annotated[Opt, typer.Option("--city", help="City.")] = None,
    due: Annotated[bool, typer.Option("--due", help="Only clients whose follow-up is due today or earlier.")] = False,
    archived: Annotated[bool, typer.Option("--archived", help="Archived clients instead.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows (paging).")] = 0,
    json: Json = False,
) -> None:
    """List the clients you can see, urgent first (follow-ups due: oldest first).

    Example: zizhi client list --due --owner wang.fang
    """
    from zizhi.core.clients.records import list_page

    filters = {"owner": owner, "size": size, "industry": industry, "urgency": urgency, "channel": channel,
               "tag": tag, "city": city, "due": due, "archived": archived}
    rows, more = read_shown(ctx, "client list", "client", lambda d: list_page(d, limit, offset, **filters), json,
                            limit=limit, offset=offset, **filters)
    output(rows, json, table_of(LIST_COLUMNS, LIST_DROPS))
    if more:
        more_hint(offset + limit)


@app.command("search")
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Any part of name, contact, phone, credit code or notes; or pinyin.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 20,
    archived: Annotated[bool, typer.Option("--archived", help="Include archived clients.")] = False,
    json: Json = False,
) -> None:
    """Find clients by any part of their name, contact, phone, credit code or notes, or by pinyin.

    Example: zizhi client search 华为   (also: zizhi client search hw)
    """
    from zizhi.core.clients.search import search_clients

    output_read(ctx, "client search", "client",
                lambda d: search_clients(d, text, limit=limit, include_archived=archived), json,
                table_of(LIST_COLUMNS, LIST_DROPS), text=text, archived=archived)


@app.command("assign")
def assign(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
    owner: Annotated[str, typer.Argument(help="Login of an on-duty salesperson.")],
    json: Json = False,
) -> None:
    """Give a client to an on-duty salesperson (managers and admins).

    Example: zizhi client assign 42 li.qiang
    """
    from zizhi.core.clients.records import assign as assign_client

    output(assign_client(desk(ctx), client, owner), json, _client_text)


@app.command("archive")
def archive(
    ctx: typer.Context,
    client: Annotated[str, typer.Argument(help="Client id, credit code or name.")],
    restore: Annotated[bool, typer.Option("--restore", help="Bring an archived client back.")] = False,
    json: Json = False,
) -> None:
    """Archive a client (never deleted: its history stays), or restore it.

    Example: zizhi client archive 42   (undo: zizhi client archive 42 --restore)
    """
    from zizhi.core.clients.records import archive as archive_client

    output(archive_client(desk(ctx), client, restore=restore), json, _client_text)


def _client_text(client: dict) -> None:
    from zizhi.commands.common import echo
    from zizhi.core.i18n import t

    fields(client, SHOW_FIELDS)
    if client.get("recent_log"):
        echo("")
        echo(t("client.recent_log"))
        table(client["recent_log"], ["at", "channel", "user", "summary", "next_step", "next_date"])
