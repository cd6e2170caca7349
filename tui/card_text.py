"""How a deal's card and a stage's head are written into the few cells a board column has.

At 80 columns a column has seven cells for a card. An amount is never cut there but written
shorter — whole yuan, then thousands or 万 — and a shorter form that is not the exact amount says
so with "≈": ``≈¥1,781`` is believed as roughly ¥1,780.80, where ``¥1,781`` would be read as
exact beside a ``¥466.40``. A card's title keeps a few characters before the "⚠" and the deal
number may take its place; the number then follows the amount when there is room, and the deal
screen has it always. Nothing here knows Textual.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rich.style import Style
from rich.text import Text

from zizhi.core.i18n import current_language, t
from zizhi.core.money import format_fen
from zizhi.tui.cells import first_fitting, fit, width

ROUGHLY = "≈"
TITLE_KEEPS = 4  # cells of the title a card keeps before its number gives way: two Chinese characters


def money_forms(fen: int) -> tuple[str, ...]:
    """An amount written ever shorter and never cut: ``¥2,782.50``, whole yuan ``≈¥2,783``,
    thousands (``≈¥3k``) or 万 (``≈¥0万``), then millions (``≈¥1.6M``) or 亿 (``≈¥0.2亿``) — each
    with "≈" unless it is still the exact amount (``¥3,000``, ``¥3k``). The column head's tooltip
    and the deal have it exact."""
    yuan = (fen + 50) // 100 if fen >= 0 else -((-fen + 50) // 100)
    (unit, word), (big, big_word) = (((10_000, "万"), (100_000_000, "亿")) if current_language() == "zh"
                                     else ((1_000, "k"), (1_000_000, "M")))
    units = round(yuan / unit)
    tenths = (Decimal(abs(yuan)) / big).quantize(Decimal("0.1"), ROUND_HALF_UP)
    sign = "-" if yuan < 0 else ""
    return (format_fen(fen), _roughly(yuan * 100 != fen) + format_fen(yuan * 100)[:-3],
            _roughly(units * unit * 100 != fen) + f"{format_fen(units * 100)[:-3]}{word}",
            _roughly(tenths * big * 100 != abs(fen)) + f"{sign}¥{tenths.normalize():,f}{big_word}")


def _roughly(rounded: bool) -> str:
    return ROUGHLY if rounded else ""


def fit_money(fen: int, room: int) -> str:
    """The most exact of :func:`money_forms` that fits ``room`` cells."""
    return first_fitting(room, *money_forms(fen))


def card(deal: dict, idle_days: int | None, room: int, styles: dict[str, Style]) -> Text:
    """Three lines: "⚠", number and title; the client; the amount (and, when stuck, the idle days).

    ``styles`` holds the list's ``stuck``, ``title`` and ``client`` styles."""
    found = Text(no_wrap=True)
    stuck = "⚠" if idle_days is not None else ""
    number = f"#{deal['id']}"
    title = Text(deal["title"], style=styles["title"])
    keeps = min(width(title), TITLE_KEEPS)
    numbered = room - width(stuck) - width(number) - 1 >= keeps + (width(title) > keeps)
    found.append(stuck, style=styles["stuck"])
    found.append_text(fit(Text(f"{number} ", style=styles["title"]) + title if numbered else title,
                          room - width(stuck)))
    found.append("\n")
    found.append_text(fit(Text(deal["client"], style=styles["client"]), room))
    found.append("\n")
    amount = fit_money(deal["value"], room)
    if idle_days is not None:  # the fen go first when short of room, then the days
        idle = t("tui.board.idle", days=idle_days)
        exact, yuan, *_ = money_forms(deal["value"])
        amount = first_fitting(room, f"{exact} {idle}", f"{yuan} {idle}", amount)
    found.append(amount, style=styles["stuck"] if idle_days is not None else "")
    if not numbered and width(amount) + 1 + width(number) <= room:
        found.append(f" {number}", style="dim")
    return found


def head(stage: str, summary: dict, room: int) -> Text:
    """Name (cut with "…" if it must be), count, and the weighted value written to fit whole."""
    found = Text(no_wrap=True)
    count = summary["count"]
    found.append_text(fit(Text(t(f"stage.{stage}"), style="bold"), room))
    stuck = f" ⚠{summary['stuck']}" if summary["stuck"] else ""
    found.append(f"\n{first_fitting(room, t('tui.board.count', count=count) + stuck, f'{count}{stuck}')}\n")
    found.append(fit_money(summary["weighted"], room))
    return found
