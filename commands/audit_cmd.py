"""`zizhi audit list` — who changed or exported what (managers and admins)."""

import json as jsonlib
from typing import Annotated, Optional

import typer

from zizhi.commands.common import Json, desk, output, output_read, table

app = typer.Typer(help="The audit trail of every change and export.", no_args_is_help=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    entity: Annotated[Optional[str], typer.Option("--entity", help="client, interaction, user …")] = None,
    entity_id: Annotated[Optional[int], typer.Option("--id", help="Only this record's history.")] = None,
    user: Annotated[Optional[str], typer.Option("--user", help="Only what this login did.")] = None,
    action: Annotated[Optional[str], typer.Option("--action", help="Action prefix, e.g. client.export.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many records.")] = 100,
    json: Json = False,
) -> None:
    """List audit records, newest first (managers and admins).

    Example: zizhi audit list --entity client --id 42
    """
    from zizhi.core.audit import list_entries

    output_read(ctx, "audit list", "audit", lambda d: list_entries(d, entity, entity_id, user, action, limit), json,
                _entries_table, of=entity, id=entity_id, user=user, action=action)


def _entries_table(rows: list[dict]) -> None:
    """Each entry's detail as one line of JSON, as the audit trail stored it."""
    for row in rows:
        row["detail"] = jsonlib.dumps(row["detail"], ensure_ascii=False) if row["detail"] else ""
    table(rows, ["id", "at", "user", "acting_admin", "action", "entity", "entity_id", "detail"])


@app.command("verify")
def verify(ctx: typer.Context, json: Json = False) -> None:
    """Recompute the audit hash chain; exit 3 naming the first row changed, deleted or inserted
    by hand (managers and admins). Remembers the head, so rows later cut from the end show too.

    Example: zizhi audit verify
    """
    from zizhi.core.audit import verify as verify_chain
    from zizhi.core.i18n import t

    report = verify_chain(desk(ctx))
    output(report, json, lambda r: typer.echo(t("audit.intact", short=r["head_hash"][:12], **r)))
