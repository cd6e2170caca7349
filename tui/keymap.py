"""Every key binding of the app, as data: one table to read, one id per binding to rebind.

Ids are what a user keymap names (``App.set_keymap({"clients.add": "n"})``). A binding's
description is a message key, translated each time the footer or help asks for it
(:class:`TranslatedBindings`): Textual merges ``BINDINGS`` once, when a class is defined, which
can be before the desk has chosen the language — and the language can change while the app runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import ActiveBinding, Binding

from zizhi.core.i18n import t


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    label: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.show,
                       key_display=self.key_display, priority=self.priority, id=self.id)


APP = (
    Key("app.palette", "ctrl+p", "command_palette", "tui.key.palette", show=False, priority=True),
)
DESK = (
    Key("desk.help", "question_mark,f1", "help", "tui.key.help", key_display="?"),
    Key("desk.quit", "q", "app.quit", "tui.key.quit"),
)
CLIENTS = (
    Key("clients.search", "slash", "focus_search", "tui.key.search", key_display="/"),
    # the morning's order — due follow-ups, log each call — first: a narrow footer keeps these
    Key("clients.due", "d", "toggle_due", "tui.key.due"),
    Key("clients.log", "l", "log_interaction", "tui.key.log"),
    Key("clients.add", "a", "add_client", "tui.key.add"),
    Key("clients.pipeline", "p", "show_pipeline", "tui.key.pipeline"),
    Key("clients.receivables", "r", "show_receivables", "tui.key.receivables"),
    Key("clients.edit", "e", "edit_client", "tui.key.edit"),
    Key("clients.credit", "c", "check_credit", "tui.key.credit", show=False),
    Key("clients.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
    Key("clients.to_table", "down", "focus_table", "tui.key.table", show=False),
    Key("clients.back", "escape", "back", "tui.key.back", show=False),
    Key("clients.deal", "n", "new_deal", "tui.key.new_deal", show=False),
    Key("clients.today", "t", "show_today", "tui.key.today"),
    Key("clients.import", "i", "import_clients", "tui.key.import", show=False),
    Key("clients.export", "x", "export_clients", "tui.key.export", show=False),
    Key("clients.reports", "k", "show_reports", "tui.key.reports", show=False),
    Key("clients.risks", "R", "show_risks", "tui.key.risks", show=False),
    Key("clients.notices", "N", "show_notices", "tui.key.notices", show=False),
)
# The first screen: the person's agenda, each item one key from the screen that deals with it.
AGENDA = (  # on the agenda's table, where Enter is the table's own choice of a row
    Key("today.open", "enter", "select_cursor", "tui.key.open_item", key_display="⏎"),
)
TODAY = (
    Key("today.done", "d", "reminder_done", "tui.key.reminder_done"),
    Key("today.snooze", "z", "snooze", "tui.key.snooze"),
    Key("today.clients", "c", "show_clients", "tui.key.clients"),
    Key("today.pipeline", "p", "show_pipeline", "tui.key.pipeline"),
    Key("today.receivables", "r", "show_receivables", "tui.key.receivables"),
    Key("today.reports", "k", "show_reports", "tui.key.reports"),
    Key("today.risks", "R", "show_risks", "tui.key.risks", show=False),
    Key("today.notices", "N", "show_notices", "tui.key.notices", show=False),
    Key("today.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)
CARDS = (
    Key("cards.open", "enter", "screen.open_deal", "tui.key.open_deal"),
)
PIPELINE = (
    Key("pipeline.forward", "right_square_bracket,shift+right", "move_forward", "tui.key.forward", key_display="]"),
    Key("pipeline.backward", "left_square_bracket,shift+left", "move_backward", "tui.key.backward",
        key_display="["),
    Key("pipeline.new", "n", "new_deal", "tui.key.new_deal"),
    Key("pipeline.lose", "L", "lose_deal", "tui.key.lose"),
    Key("pipeline.cancel", "x", "cancel_deal", "tui.key.cancel_deal"),
    Key("pipeline.mine", "m", "toggle_mine", "tui.key.mine"),
    Key("pipeline.owner", "o", "choose_owner", "tui.key.owner", show=False),
    Key("pipeline.assess", "a", "assess", "tui.key.assess", show=False),
    Key("pipeline.clients", "c", "show_clients", "tui.key.clients"),
    Key("pipeline.receivables", "r", "show_receivables", "tui.key.receivables", show=False),
    # esc steps back, as on every screen: the board was opened from the clients
    Key("pipeline.back", "escape", "show_clients", "tui.key.clients", show=False),
    Key("pipeline.left", "left", "column(-1)", "tui.key.column_left", show=False),
    Key("pipeline.right", "right", "column(1)", "tui.key.column_right", show=False),
    Key("pipeline.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
    Key("pipeline.reports", "k", "show_reports", "tui.key.reports", show=False),
    Key("pipeline.risks", "R", "show_risks", "tui.key.risks", show=False),
    Key("pipeline.notices", "N", "show_notices", "tui.key.notices", show=False),
)
DEAL = (
    Key("deal.back", "escape", "back", "tui.key.back"),  # to the board, or to the screen that opened the deal
    # k, R and N reach the three places from here as from every main screen; the footer shows N
    # while the deal touches a policy notice the reader has not acknowledged (tui/screens/deal.py)
    Key("deal.notices", "N", "show_notices", "tui.key.notices", show=False),
    Key("deal.reports", "k", "show_reports", "tui.key.reports", show=False),
    Key("deal.risks", "R", "show_risks", "tui.key.risks", show=False),
    Key("deal.tab_overview", "1", "tab('overview')", "tui.key.tab_overview", show=False),
    Key("deal.tab_quote", "2", "tab('quote')", "tui.key.tab_quote", show=False),
    Key("deal.tab_contract", "3", "tab('contract')", "tui.key.tab_contract", show=False),
    Key("deal.tab_processing", "4", "tab('processing')", "tui.key.tab_processing", show=False),
    Key("deal.tab_delivery", "5", "tab('delivery')", "tui.key.tab_delivery", show=False),
    Key("deal.forward", "right_square_bracket", "move_forward", "tui.key.forward", key_display="]"),
    Key("deal.backward", "left_square_bracket", "move_backward", "tui.key.backward", key_display="[", show=False),
    Key("deal.assess", "a", "assess", "tui.key.assess"),
    Key("deal.edit", "E", "edit_deal", "tui.key.edit_deal", show=False),
    Key("deal.resolve", "u", "resolve_block", "tui.key.resolve", show=False),  # u: unblock
    Key("deal.quote", "n", "new_quote", "tui.key.new_quote"),  # n: new, as on the clients and the board
    Key("deal.edit_line", "e", "edit_line", "tui.key.edit_line"),
    Key("deal.send", "S", "send_quote", "tui.key.send_quote"),
    Key("deal.accept", "A", "accept_quote", "tui.key.accept_quote"),
    Key("deal.document", "D", "quote_document", "tui.key.quote_document"),
    Key("deal.reject", "J", "reject_quote", "tui.key.reject_quote", show=False),
    Key("deal.expedite", "X", "toggle_expedited", "tui.key.expedite", show=False),
    Key("deal.review", "V", "approve_review", "tui.key.approve_review", show=False),
    Key("deal.approve_pricing", "P", "approve_pricing", "tui.key.approve_pricing", show=False),
    Key("deal.lose", "L", "lose_deal", "tui.key.lose", show=False),
    Key("deal.cancel", "x", "cancel_deal", "tui.key.cancel_deal", show=False),
    Key("deal.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)
# The later steps of a deal, one group per tab: the footer shows a group while its tab is open,
# and each key works from any tab (it opens its tab first).
DEAL_CONTRACT = (
    Key("deal.contract", "C", "new_contract", "tui.key.new_contract"),
    Key("deal.sign", "s", "sign_contract", "tui.key.sign"),
    Key("deal.file", "f", "file_copy", "tui.key.file_copy"),
    Key("deal.pay", "p", "record_payment", "tui.key.payment"),
    Key("deal.amend", "M", "amend_contract", "tui.key.amend", show=False),
    Key("deal.terminate", "T", "terminate_contract", "tui.key.terminate", show=False),
)
DEAL_PROCESSING = (
    Key("deal.handover", "H", "hand_over", "tui.key.handover"),
    Key("deal.step", "t", "mark_step", "tui.key.step"),
    Key("deal.delay", "d", "record_delay", "tui.key.delay"),
    Key("deal.outcome", "o", "record_outcome", "tui.key.outcome"),
)
DEAL_DELIVERY = (
    Key("deal.deliver", "c", "deliver_certificate", "tui.key.deliver"),
    Key("deal.visit", "v", "record_visit", "tui.key.visit"),
)
DEAL_TABS = {"contract": DEAL_CONTRACT, "processing": DEAL_PROCESSING, "delivery": DEAL_DELIVERY}
# Keys of the early stages, left out of the footer on the later tabs to make room (they still work).
DEAL_EARLY = ("deal.assess", "deal.quote", "deal.edit_line", "deal.send", "deal.accept", "deal.document")
RECEIVABLES = (
    Key("ar.pay", "p", "record_payment", "tui.key.client_payment"),
    Key("ar.reverse", "v", "reverse_payment", "tui.key.reverse"),
    Key("ar.invoice", "i", "issue_invoice", "tui.key.invoice"),
    Key("ar.dunning", "l", "log_dunning", "tui.key.dunning"),
    Key("ar.tab_aging", "1", "tab('aging-tab')", "tui.key.tab_aging", show=False),
    Key("ar.tab_dunning", "2", "tab('dunning-tab')", "tui.key.tab_dunning", show=False),
    Key("ar.tab_watch", "3", "tab('watch-tab')", "tui.key.tab_watch", show=False),
    Key("ar.as_of", "d", "as_of", "tui.key.as_of"),
    Key("ar.clients", "c", "show_clients", "tui.key.clients"),
    Key("ar.pipeline", "b", "show_pipeline", "tui.key.pipeline"),
    Key("ar.back", "escape", "back", "tui.key.back", show=False),
    Key("ar.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
    Key("ar.reports", "k", "show_reports", "tui.key.reports", show=False),
    Key("ar.risks", "R", "show_risks", "tui.key.risks", show=False),
    Key("ar.notices", "N", "show_notices", "tui.key.notices", show=False),
)
FORM = (
    Key("form.save", "ctrl+s", "save", "tui.key.save", priority=True),
    Key("form.cancel", "escape", "cancel", "tui.key.cancel"),
)
IMPORT = (
    Key("import.cancel", "escape", "cancel", "tui.key.cancel"),
)
EXPORT = (
    Key("export.cancel", "escape", "cancel", "tui.key.cancel"),
)
HELP = (
    Key("help.close", "escape,question_mark,f1,q", "close", "tui.key.close", key_display="esc"),
)
# Reports: a person's KPIs for a quarter, the team side by side, the weekly review, channels.
REPORTS = (
    Key("reports.drill", "enter", "drill", "tui.key.drill", key_display="⏎"),
    Key("reports.quarter_back", "left_square_bracket", "quarter(-1)", "tui.key.quarter_back", key_display="["),
    Key("reports.quarter_on", "right_square_bracket", "quarter(1)", "tui.key.quarter_on", key_display="]"),
    Key("reports.metric", "m", "next_metric", "tui.key.metric"),
    Key("reports.quarterly", "Q", "show_quarterly", "tui.key.quarterly"),
    # the number keys follow the tabs the role is offered, in order (the help names each)
    Key("reports.tab_1", "1", "tab_at(1)", "tui.key.tab_kpi", show=False),
    Key("reports.tab_2", "2", "tab_at(2)", "tui.key.tab_team", show=False),
    Key("reports.tab_3", "3", "tab_at(3)", "tui.key.tab_weekly", show=False),
    Key("reports.tab_4", "4", "tab_at(4)", "tui.key.tab_channels", show=False),
    Key("reports.tab_5", "5", "tab_at(5)", "tui.key.tab_market", show=False),
    Key("reports.market_by", "g", "market_by", "tui.key.market_by"),
    Key("reports.risks", "R", "show_risks", "tui.key.risks", show=False),
    Key("reports.notices", "N", "show_notices", "tui.key.notices", show=False),
    Key("reports.back", "escape", "back", "tui.key.back"),
    Key("reports.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)
DRILL = (
    Key("drill.back", "escape", "back", "tui.key.back"),
)
# The risk register: the heat map above, the risks below; Enter shows one, v reviews it.
RISKS = (
    Key("risks.show", "enter", "show_risk", "tui.key.show_risk", key_display="⏎"),
    Key("risks.review", "v", "review_risk", "tui.key.review_risk"),
    Key("risks.notices", "N", "show_notices", "tui.key.notices"),
    Key("risks.reports", "k", "show_reports", "tui.key.reports", show=False),
    Key("risks.back", "escape", "back", "tui.key.back"),
    Key("risks.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)
RISK_VIEW = (
    Key("risk.review", "v", "review_risk", "tui.key.review_risk"),
    Key("risk.back", "escape", "back", "tui.key.back"),
)
# The quarterly personal report (季度个人工作总结): one person's, and the managers' list of who filed.
QUARTERLY = (
    Key("quarterly.write", "e", "write_report", "tui.key.write_report"),
    Key("quarterly.file", "f", "file_report", "tui.key.file_report"),
    Key("quarterly.review", "v", "review_report", "tui.key.review_report"),
    Key("quarterly.quarter_back", "left_square_bracket", "quarter(-1)", "tui.key.quarter_back", key_display="["),
    Key("quarterly.quarter_on", "right_square_bracket", "quarter(1)", "tui.key.quarter_on", key_display="]"),
    Key("quarterly.back", "escape", "back", "tui.key.back"),
    Key("quarterly.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)
ROSTER_TABLE = (  # on the list's table, where Enter is the table's own choice of a row
    Key("roster.open", "enter", "select_cursor", "tui.key.open_report", key_display="⏎"),
)
QUARTERLY_ROSTER = (
    Key("roster.quarter_back", "left_square_bracket", "quarter(-1)", "tui.key.quarter_back", key_display="["),
    Key("roster.quarter_on", "right_square_bracket", "quarter(1)", "tui.key.quarter_on", key_display="]"),
    Key("roster.back", "escape", "back", "tui.key.back"),
    Key("roster.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)
CONFIRM = (
    Key("confirm.yes", "y,enter", "yes", "tui.key.confirm_file", key_display="y"),
    Key("confirm.no", "escape,n", "no", "tui.key.cancel", key_display="esc"),
)
# Policy notices: the list, the one under the cursor beside it, a to acknowledge it.
NOTICES = (
    Key("notices.acknowledge", "a", "acknowledge", "tui.key.acknowledge"),
    Key("notices.read", "enter", "read_notice", "tui.key.read_notice", key_display="⏎", show=False),
    Key("notices.risks", "R", "show_risks", "tui.key.risks"),
    Key("notices.reports", "k", "show_reports", "tui.key.reports", show=False),
    Key("notices.back", "escape", "back", "tui.key.back"),
    Key("notices.refresh", "ctrl+r", "refresh", "tui.key.refresh", show=False),
)


def bindings(*groups: tuple[Key, ...]) -> list[Binding]:
    return [key.binding() for group in groups for key in group]


_TYPED = {"slash": "/", "question_mark": "?", "escape": "esc", "right_square_bracket": "]",
          "left_square_bracket": "["}


def shown(*groups: tuple[Key, ...], keep=lambda binding_id: True) -> list[tuple[str, str]]:
    """(keys as a person types them, description) for the help screen; ``keep`` answers, by binding
    id, which keys to list (those the acting user may use)."""
    return [(" ".join(_TYPED.get(k, k) for k in key.keys.split(",")), t(key.label))
            for group in groups for key in group if keep(key.id)]


def translated(found: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """``Screen.active_bindings`` with each description (a message key) in the current language."""
    return {key: active._replace(binding=replace(active.binding, description=t(active.binding.description)))
            for key, active in found.items()}


class TranslatedBindings:
    """Mix into a screen: the footer reads binding descriptions in the current language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)  # type: ignore[misc]
