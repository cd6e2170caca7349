"""No salesperson ever sees another's client: not a name, a contact, a phone, an email, nor a count.

Two salespeople each keep a generated book of clients — with logged contact, a quoted deal and a
delivered one with its contract and after-sales visits — and Li Na runs every command there is:
each read, plain and as JSON, over her records and over Wang Qiang's by id; each change aimed at
Wang Qiang's records; searches for his clients' names and phones. None of his clients' details
appears in anything she is shown, on stdout or stderr, and her counts are her own.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.commands.conftest import Cli
from tests.core.conftest import credit_code
from tests.core.test_delivery import NOTES, approved_deal
from zizhi.commands.main import NOUNS, _build
from zizhi.core import clock, i18n
from zizhi.core.clients import interactions
from zizhi.core.clients import records as clients
from zizhi.core.desk import init_database, open_desk
from zizhi.core.people import users as people
from zizhi.core.pipeline import deals, delivery, quotes
from zizhi.core.receivables import invoices

# Disjoint alphabets: nothing of one book can turn up in the other's by chance.
ALPHABETS = {"li": "甲乙丙丁戊己庚辛", "wang": "子丑寅卯辰巳午未"}
MOBILES = {"li": "138", "wang": "139"}


def book(login: str):
    letters = ALPHABETS[login]
    client = st.fixed_dictionaries({
        "stem": st.text(alphabet=letters, min_size=3, max_size=5),
        "contact": st.text(alphabet=letters, min_size=2, max_size=3),
        "phone": st.integers(0, 10**8 - 1).map(lambda n: f"{MOBILES[login]}{n:08d}"),
        "mailbox": st.text(alphabet="abcdefgh", min_size=3, max_size=6),
    }).map(lambda c: {"name": f"{c['stem']}贸易有限公司", "contact": c["contact"], "phone": c["phone"],
                      "email": f"{c['mailbox']}@{login}-clients.cn", "stem": c["stem"]})
    return st.lists(client, min_size=1, max_size=3, unique_by=lambda c: c["stem"])


# ---------------------------------------------------------------- every command, classified

READS = {"client show", "client list", "client search", "log list", "user list", "user show", "audit list",
         "deal show", "deal list", "quote show", "quote list", "quote render", "contract show",
         "process show", "visit list", "pipeline", "catalogue list", "catalogue show", "ar aging", "ar balance",
         "ar payments", "credit show", "invoice list", "invoice show", "dunning due", "dunning history",
         "dunning letter", "ar statement", "ar reconcile", "ar watch", "ar forecast", "remind", "export clients",
         "export interactions", "export deals", "export receivables", "kpi", "kpi drill", "kpi team",
         "report weekly", "report channels", "report market",
         "report quarterly"}  # its edit, file, review, list and render are swept as `report quarterly …`
CHANGES = {"client edit", "client archive", "client assign", "log add", "log edit", "user add", "user edit",
           "user exam", "user train", "deal new", "deal edit", "deal move", "deal assess", "deal resolve",
           "deal lose", "deal cancel", "quote new", "quote line", "quote send", "quote accept", "quote reject",
           "quote approve", "quote expire", "review approve", "review reject", "contract new", "contract sign",
           "contract file", "contract pay", "contract allow-payments", "contract amend", "contract terminate", "credit check", "backup", "restore", "audit verify", "process handover", "process step", "process delay",
           "process outcome", "deliver", "visit done", "ar pay", "ar reverse", "ar apply-credit", "ar refund",
           "ar write-off", "invoice issue", "invoice void", "invoice red", "dunning log", "remind done",
           "remind snooze", "import deals", "import payments", "kpi target"}
# What the user typed comes back (client add, import clients: the file), nothing of the clients is read (SSH keys, a new database,
# the person's own language, the holiday calendar), or another command runs (shell: the command sent over the key, swept above as itself).
# Policy notices, the risk register and training hold no client record: what legal, a manager or a risk's owner
# wrote, and who read it or trained (a salesperson sees only the risks and training that are theirs).
OUTSIDE = {"client add", "import clients", "import interactions", "config check", "config init", "config path", "config show", "demo", "init", "shell",
           "user key", "user language", "calendar show", "calendar import", "calendar check",
           "notice add", "notice list", "notice show", "notice ack", "risk add", "risk update", "risk review",
           "risk list", "risk show", "risk map", "training add", "training list", "training overdue"}


def every_command() -> set[str]:
    found = set()
    for noun in NOUNS:
        built = _build(noun)
        subs = getattr(built, "commands", {})
        found |= {f"{noun} {sub}" for sub in subs} if subs else {noun}
        if subs and getattr(built, "invoke_without_command", False):  # `zizhi remind` runs on its own too
            found.add(noun)
    return found


def test_every_command_is_swept_or_reads_nothing_of_the_database():
    assert every_command() == READS | CHANGES | OUTSIDE


def reads(own: dict, other: dict) -> list[tuple[str, ...]]:
    """Every read, over Li Na's records (which must work) and over Wang Qiang's (which must not show)."""
    lists = [("client", "list"), ("client", "list", "--limit", "1000"), ("client", "list", "--owner", "wang"),
             ("client", "list", "--due"), ("log", "list"), ("deal", "list"), ("deal", "list", "--closed"),
             ("deal", "list", "--owner", "wang"), ("visit", "list"), ("visit", "list", "--owner", "wang"),
             ("pipeline",), ("pipeline", "--owner", "wang"), ("user", "list"), ("user", "show", "wang"),
             ("user", "show", "li"), ("audit", "list"), ("catalogue", "list"), ("catalogue", "show", "TRADE-RIGHTS"),
             ("ar", "aging"), ("ar", "aging", "--by", "owner"), ("ar", "aging", "--csv"), ("ar", "payments"),
             ("invoice", "list"),
             ("dunning", "due"), ("dunning", "due", "--as-of", "2027-06-30"), ("dunning", "due", "--user", "wang"),
             ("ar", "reconcile", "--period", "2026-11"), ("ar", "reconcile", "--period", "2026-11", "--csv"),
             ("ar", "watch"), ("ar", "watch", "--as-of", "2027-06-30"), ("ar", "forecast"),
             ("ar", "forecast", "--as-of", "2027-06-30", "--csv"),
             ("remind", "--user", "li"), ("remind", "--user", "li", "--as-of", "2027-06-30", "--json"),
             ("remind", "--user", "wang"), ("remind",), ("export", "clients"), ("export", "clients", "--format", "json"),
             ("export", "interactions"), ("export", "deals"), ("export", "receivables"),
             ("export", "receivables", "--as-of", "2027-06-30"),
             ("kpi",), ("kpi", "--json"), ("kpi", "--csv"), ("kpi", "--user", "wang"), ("kpi", "--all"), ("kpi", "team"),
             *(("kpi", "drill", metric) for metric in ("revenue", "contract_value", "new_clients", "satisfaction",
                                                       "success_rate", "win_rate", "stage_days")),
             ("kpi", "drill", "revenue", "--user", "wang"), ("kpi", "drill", "new_clients", "--csv"),
             ("report", "weekly"), ("report", "weekly", "--json"),
             ("report", "weekly", "--week", "last", "--csv"), ("report", "weekly", "--user", "wang"),
             ("report", "channels", "--quarter", "2026Q4"), ("report", "channels", "--from", "2026-01-01", "--json"),
             ("report", "channels", "--csv"), ("report", "market", "--by", "region"),
             ("report", "market", "--by", "qualification", "--json"), ("report", "market", "--csv"),
             ("report", "quarterly"), ("report", "quarterly", "--json"), ("report", "quarterly", "--user", "wang"),
             ("report", "quarterly", "list"), ("report", "quarterly", "render"),
             ("report", "quarterly", "render", "--user", "wang")]
    found = []
    for ids in (own, other):
        for client in ids["clients"]:
            found += [("client", "show", str(client)), ("log", "list", str(client)), ("ar", "balance", str(client)),
                      ("ar", "payments", str(client)), ("credit", "show", str(client)), ("invoice", "list", str(client)),
                      ("dunning", "history", str(client)),
                      ("ar", "statement", str(client)), ("ar", "statement", str(client), "--format", "json"),
                      ("deal", "list", "--client", str(client)), ("visit", "list", "--client", str(client))]
        found += [("deal", "show", str(ids["quoted"])), ("deal", "show", str(ids["delivered"])),
                  ("quote", "list", str(ids["quoted"])), ("quote", "show", str(ids["quote"])),
                  ("quote", "render", str(ids["quote"])), ("quote", "render", str(ids["quote"]), "--format", "markdown"),
                  ("dunning", "letter", str(ids["contract"]), "--as-of", "2027-06-30"),
                  ("contract", "show", str(ids["contract"])), ("process", "show", str(ids["delivered"])),
                  ("invoice", "show", ids["invoice"])]
    searches = [("client", "search", word) for c in other["book"] for word in (c["stem"], c["phone"], c["contact"])]
    return lists + searches + found


def changes(other: dict) -> list[tuple[str, ...]]:
    """Each change, aimed at Wang Qiang's records: refused, and saying nothing about them."""
    client, deal, quote = str(other["clients"][0]), str(other["quoted"]), str(other["quote"])
    done, contract = str(other["delivered"]), str(other["contract"])
    code = credit_code(other["clients"][-1])  # the delivered deal's client has one
    return [("client", "edit", client, "--notes", "x"), ("client", "archive", client), ("client", "assign", client, "li"),
            ("log", "add", client, "--channel", "phone", "--summary", "x"), ("log", "edit", str(other["entry"]),
                                                                          "--summary", "x"),
            ("user", "add", "x", "--role", "sales"), ("user", "edit", "wang", "--phone", "13700000000"),
            ("user", "exam", "wang", "10"), ("user", "train", "wang", "--topic", "x"),
            ("deal", "new", "--client", client, "-q", "TRADE-RIGHTS"), ("deal", "edit", deal, "--title", "x"),
            ("deal", "move", deal, "contract"), ("deal", "assess", deal, "--findings", "x"),
            ("deal", "resolve", deal, "--resolution", "x"), ("deal", "lose", deal, "--reason", "x"),
            ("deal", "cancel", deal, "--reason", "x"), ("quote", "new", deal),
            ("quote", "line", quote, "TRADE-RIGHTS", "--discount", "1%"), ("quote", "send", quote),
            ("quote", "accept", quote), ("quote", "reject", quote, "--reason", "x"),
            ("quote", "approve", quote, "--note", "x"), ("review", "approve", quote),
            ("review", "reject", quote, "--reason", "x"), ("contract", "new", deal), ("contract", "sign", contract),
            ("contract", "file", contract, "--with", "legal"), ("contract", "pay", contract, "1"),
            ("contract", "allow-payments", contract, "--reason", "x"),
            ("contract", "amend", contract, "--instalment", "2026-12-01=1", "--reason", "x"),
            ("contract", "terminate", contract, "--reason", "x"), ("contract", "terminate", contract, "--reason", "x",
                                                                  "--write-off"),
            ("credit", "check", client, "--rating", "A", "--method", "registry"),
            ("process", "handover", deal, "--to", "sun"), ("process", "step", done, "TRADE-RIGHTS", "1"),
            ("process", "delay", done, "--cause", "x", "--days", "1"), ("process", "outcome", done, "approved"),
            ("deliver", done, "--code", "TRADE-RIGHTS", "--number", "1", "--notes", "x"),
            ("visit", "done", str(other["visit"]), "--satisfaction", "5"),
            ("ar", "pay", client, "1"), ("ar", "reverse", "1", "--reason", "x"), ("ar", "apply-credit", client),
            ("ar", "refund", client, "1", "--reason", "x"), ("ar", "write-off", f"{contract}:1", "--reason", "x"),
            ("invoice", "issue", client), ("invoice", "void", other["invoice"], "--reason", "x"),
            ("invoice", "red", other["invoice"], "--reason", "x"),
            ("dunning", "log", f"{contract}:1", "--action", "call", "--outcome", "reached"),
            ("dunning", "log", client, "--action", "call", "--outcome", "reached"),
            ("ar", "reconcile", "--period", "2026-10", "--mark"),
            ("kpi", "target", "set", "--user", "wang", "--quarter", "2026Q4", "--revenue", "1"),
            ("remind", "done", f"follow_up:client:{client}:2026-12-01"),
            ("remind", "snooze", f"follow_up:client:{client}:2026-12-01", "2027-01-04"),
            # a file naming his client by its credit code (what she typed comes back, nothing of his)
            ("import", "deals", _file("deals", ["统一社会信用代码", "资质"], [code, "TRADE-RIGHTS"])),
            ("import", "payments", _file("payments", ["统一社会信用代码", "金额", "到账日期", "流水号"],
                                         [code, "1", "2026-11-27", "X-1"])),
            # the whole database at once: admins (backup, restore) and managers (verify) only
            ("backup", "/tmp/zizhi-no-leak-copy.db"), ("restore", "/tmp/zizhi-no-leak-copy.db"), ("audit", "verify")]


def _file(kind: str, header: list[str], row: list[str]) -> str:
    path = Path(f"/tmp/zizhi-no-leak-{kind}.csv")
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- two books on one database

def fill(db: Path, books: dict[str, list[dict]]) -> dict[str, dict]:
    """Each salesperson's clients, log, a quoted deal and a delivered one; their ids, by login."""
    init_database(db, admin="boss")
    boss = open_desk(db=db, as_user="boss", lang="en")
    for login, name, role in (("li", "李娜", "sales"), ("wang", "王强", "sales"), ("qian", "钱会计", "finance"),
                              ("sun", "孙运营", "operations")):
        people.add_user(boss, login, name, role)
    for login in ("li", "wang"):
        people.record_exam(boss, login, 90)
    finance, ops = open_desk(db=db, as_user="qian", lang="en"), open_desk(db=db, as_user="sun", lang="en")
    ids = {login: _book(open_desk(db=db, as_user=login, lang="en"), entries, finance, ops)
           for login, entries in books.items()}
    for desk in (boss, finance, ops):
        desk.close()
    return ids


def _book(desk, entries: list[dict], finance, ops) -> dict:
    made = []
    for entry in entries:
        client, _ = clients.add_client(desk, name=entry["name"], contact=entry["contact"], phone=entry["phone"],
                                       email=entry["email"], channel="online")
        log = interactions.log_interaction(desk, str(client["id"]), "phone", f"{entry['contact']}询价",
                                           next_step="发送报价", next_date="2026-11-27")
        made.append(client["id"])
    quoted = deals.open_deal(desk, str(made[0]), ["TRADE-RIGHTS"])
    deals.assess(desk, quoted["id"], "需要进出口经营权")
    deals.move(desk, quoted["id"], "proposal")
    quote = quotes.new_quote(desk, quoted["id"])
    done = approved_deal(desk, finance)
    first = entries[0]
    clients.edit_client(desk, str(done["client_id"]), name=f"{first['stem']}分公司", phone=first["phone"],
                        contact=first["contact"], email=first["email"], credit_code=credit_code(done["client_id"]))
    invoice = invoices.issue_invoice(finance, done["client_id"])["number"]
    for code in ("TRADE-RIGHTS", "CUSTOMS-REG"):
        delivery.deliver(ops, done["id"], code, f"N{done['id']}{code[:2]}", "2026-11-25", NOTES)
    visit = delivery.list_visits(desk, client=str(done["client_id"]))[0]["id"]
    contract = desk.store.scalar("SELECT number FROM contracts WHERE deal_id = ?", [done["id"]])
    desk.close()
    return {"clients": [*made, done["client_id"]], "quoted": quoted["id"], "quote": quote["id"],
            "delivered": done["id"], "contract": contract, "visit": visit, "entry": log["id"], "book": entries,
            "invoice": invoice,
            "deals": 2}


@contextmanager
def fresh_cli(monkeypatch):
    with TemporaryDirectory() as root:
        for name, value in (("ZIZHI_DB", f"{root}/zizhi.db"), ("ZIZHI_CONFIG", f"{root}/config"),
                            ("ZIZHI_STATE", f"{root}/state"), ("ZIZHI_NOW", "2026-11-27T09:00:00"),
                            ("ZIZHI_LANG", "en")):
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("ZIZHI_USER", raising=False)
        os.makedirs(f"{root}/config")
        clock.set_now("2026-11-27 09:00:00")
        i18n.choose_language("en")
        try:
            yield Path(root), Cli(Path(root))
        finally:
            clock.set_now(None)


def secrets(entries: list[dict]) -> list[str]:
    return [value for c in entries for value in (c["stem"], c["contact"], c["phone"], c["email"])]


def leaked(result, hidden: list[str]) -> list[str]:
    said = result.stdout + result.stderr
    return [word for word in hidden if word in said]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(li_book=book("li"), wang_book=book("wang"))
def test_a_salesperson_sees_nothing_of_a_colleagues_clients(monkeypatch, li_book, wang_book):
    with fresh_cli(monkeypatch) as (root, cli):
        ids = fill(root / "zizhi.db", {"li": li_book, "wang": wang_book})
        hidden = secrets(wang_book)
        for args in reads(ids["li"], ids["wang"]):
            documents = args[:2] in (("quote", "render"), ("dunning", "letter"), ("ar", "statement")) or (
                args[:3] == ("report", "quarterly", "render"))
            printed = documents or "--csv" in args  # a document, or a CSV: the one form it has
            for form in ((), ("--json",)) if not printed else ((),):
                result = cli(*args, *form, user="li", code=None)
                assert not leaked(result, hidden), (args, form, leaked(result, hidden))
                assert result.exit_code in (0, 1), (args, result.stderr)
        for args in changes(ids["wang"]):
            result = cli(*args, user="li", code=None)
            assert result.exit_code != 0 and not leaked(result, hidden), (args, result.stdout, result.stderr)
        assert_counts_are_her_own(cli, ids["li"], li_book)


def assert_counts_are_her_own(cli, own: dict, entries: list[dict]) -> None:
    listed = json.loads(cli("client", "list", "--json", user="li").stdout)
    assert sorted(c["id"] for c in listed) == sorted(own["clients"])
    board = json.loads(cli("pipeline", "--json", user="li").stdout)
    assert board["totals"]["count"] == own["deals"]
    colleagues = {u["login"]: u for u in json.loads(cli("user", "list", "--json", user="li").stdout)}
    assert "clients" not in colleagues["wang"] and colleagues["li"]["clients"] == len(entries) + 1
    for client in own["clients"]:
        cli("client", "show", str(client), user="li")
