"""How `zizhi ar watch` and `zizhi ar forecast` print: the watch list with each score's reasons, and
the forecast as a table and a bar chart of block characters, Chinese labels aligned by cells."""

import shutil

from rich.cells import cell_len

from zizhi.commands.common import echo, money_text
from zizhi.core.i18n import t

EIGHTHS = " ▏▎▍▌▋▊▉"  # a cell filled by eighths, from empty to all but one
FULL = "█"
BAR_WIDTH = (10, 60)  # the narrowest and widest a full bar is drawn, in cells


def watch_text(found: dict) -> None:
    if not found["clients"]:
        echo(t("watch.none", as_of=found["as_of"]))
        return
    echo(t("watch.head", as_of=found["as_of"], count=found["count"]))
    for client in found["clients"]:
        said = t("watch.client_line", owed=money_text(client["owed"]), overdue=money_text(client["overdue"]))
        flag = f"  ⚠ {t('watch.flagged')}" if client["flagged"] else ""
        echo(f"{client['score']:>3}  {client['client']}  {client['owner'] or '-'}  {said}{flag}")
        echo(f"     {client['explanation']}")
        for item in client["instalments"]:
            said = "" if item["explanation"] == client["explanation"] else f"  {item['explanation']}"
            echo(f"     · {item['score']:>3}  {item['instalment']}  {t('watch.due_on', due_on=item['due_on'])}  "
                 f"{money_text(item['owed'])}{said}")


def week_label(row: dict) -> str:
    return t("forecast.week", year=row["year"], week=row["week"])


def forecast_rows(found: dict) -> tuple[list[str], list[list[str]]]:
    heads = [t(f"col.{name}") for name in ("week", "from", "to", "instalments", "due", "expected")]
    lines = [[week_label(row), row["from"], row["to"], str(row["instalments"]), money_text(row["due"]),
              money_text(row["expected"])] for row in found["weeks"]]
    count = sum(row["instalments"] for row in found["weeks"])
    lines.append([t("ar.total_row"), found["as_of"], found["to"], str(count), money_text(found["due"]),
                  money_text(found["expected"])])
    return heads, lines


def forecast_text(found: dict) -> None:
    echo(t("forecast.head", start=found["as_of"], end=found["to"], count=len(found["weeks"])))
    heads, lines = forecast_rows(found)
    widths = [max(cell_len(line[i]) for line in [heads, *lines]) for i in range(len(heads))]
    for line in [heads, *lines]:
        cells = [_left(value, width) for value, width in zip(line[:3], widths[:3])]
        cells += [_right(value, width) for value, width in zip(line[3:], widths[3:])]
        echo("  ".join(cells).rstrip())
    if found["later"]:
        echo(t("forecast.later", end=found["to"], amount=money_text(found["later"])))
    if not found["all_clients"]:
        echo(t("forecast.mine"))
    echo("")
    echo(t("forecast.chart"))
    for line in chart([(week_label(row), row["expected"]) for row in found["weeks"]]):
        echo(line)


def chart(values: list[tuple[str, int]], columns: int | None = None) -> list[str]:
    """One line per (label, fen): the label, the amount, and a bar scaled so the largest fills the
    room the terminal leaves (in eighths of a cell; anything above nothing shows at least ▏)."""
    labels = [label for label, _ in values]
    amounts = [money_text(fen) for _, fen in values]
    label_width = max(cell_len(label) for label in labels)
    amount_width = max(cell_len(amount) for amount in amounts)
    room = (columns or shutil.get_terminal_size((80, 24)).columns) - label_width - amount_width - 4
    width = min(max(room, BAR_WIDTH[0]), BAR_WIDTH[1])
    widest = max((fen for _, fen in values), default=0)
    return [f"{_left(label, label_width)}  {_right(amount, amount_width)}  {bar(fen, widest, width)}".rstrip()
            for (label, fen), amount in zip(values, amounts)]


def bar(fen: int, widest: int, width: int) -> str:
    """``fen`` as a bar of block characters, ``width`` cells standing for ``widest``."""
    if fen <= 0 or widest <= 0:
        return ""
    eighths = max(fen * width * 8 // widest, 1)
    whole, part = divmod(eighths, 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def forecast_csv(found: dict) -> None:
    import csv
    import io
    import sys

    heads, lines = forecast_rows(found)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(heads)
    writer.writerows(lines)
    sys.stdout.write("\ufeff" + buffer.getvalue())


def _left(value: str, width: int) -> str:
    return value + " " * (width - cell_len(value))


def _right(value: str, width: int) -> str:
    return " " * (width - cell_len(value)) + value
