"""The prober's inputs (issue 7): each bad value is one line on stderr naming it, its exit code, and
a database exactly as it was.

``{client}``, ``{deal}``, ``{quote}`` and ``{tmp}`` in a probe are filled in from the desk the
``desk`` fixture sets up; ``named`` is what the one line must contain (the field and the value).
"""

from __future__ import annotations

import os

import pytest

from tests.commands.conftest import run_zizhi

HUGE = "99999999999999999999"
INT64_FEN_PLUS = "92233720368547758.07"  # one fen beyond SQLite's integer
DEAL = ("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS")
LINE = ("quote", "line", "{quote}", "TRADE-RIGHTS")
RENDER = ("quote", "render", "{quote}", "--format")

PROBES = [  # (arguments, exit code, text the line names)
    # numbers: finite, ASCII or full-width digits, within the documented bounds
    ((*DEAL, "--value", "-5"), 65, "value: '-5' is negative"),
    ((*DEAL, "--value", INT64_FEN_PLUS), 65, f"value: '{INT64_FEN_PLUS}' is larger than"),
    ((*DEAL, "--value", "1000000000.01"), 65, "¥1,000,000,000.00"),
    ((*DEAL, "--value", "NaN"), 65, "value: 'NaN'"),
    ((*DEAL, "--value", "٣"), 65, "value: '٣'"),
    ((*DEAL, "--probability", "NaN"), 65, "probability: 'NaN'"),
    (("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS*0"), 65, "quantity: '0'"),
    (("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS*1000"), 65, "quantity: '1000' is not a whole number from 1 to 999"),
    (("deal", "new", "--client", "{client}", "-q", f"TRADE-RIGHTS*{HUGE}"), 65, f"quantity: '{HUGE}'"),
    (("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS*²"), 65, "quantity: '²'"),
    (("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS*999", "-q", "trade-rights"), 65, "quantity: '1000'"),
    ((*LINE, "--quantity", "1000"), 65, "quantity: '1000' is not a whole number from 1 to 999"),
    ((*LINE, "--quantity", "²"), 65, "quantity: '²'"),
    ((*LINE, "--discount", "NaN"), 65, "discount: 'NaN'"),
    ((*LINE, "--service-fee", INT64_FEN_PLUS), 65, f"service fee: '{INT64_FEN_PLUS}'"),
    (("client", "show", "²"), 1, "'²'"),
    (("client", "list", "--offset", HUGE), 65, f"--offset: '{HUGE}'"),
    (("client", "list", "--limit", HUGE), 65, f"--limit: '{HUGE}'"),
    (("client", "list", "--limit", "-1"), 65, "--limit: '-1'"),
    (("client", "search", "x", "--limit", HUGE), 65, f"--limit: '{HUGE}'"),
    (("log", "list", "--limit", HUGE), 65, f"--limit: '{HUGE}'"),
    (("audit", "list", "--id", HUGE), 65, f"--id: '{HUGE}'"),
    (("deal", "show", HUGE), 65, f"deal: '{HUGE}'"),
    (("log", "edit", HUGE, "--summary", "x"), 65, f"ENTRY: '{HUGE}'"),
    (("user", "exam", "zhao", "²"), 65, "SCORE: '²'"),
    (("demo", "--clients", "10000000000", "--add"), 65, "--clients: 10000000000 is not from 1 to 1,000,000"),
    # text: no control characters, no direction overrides; one line where one line is meant
    (("client", "add", "--name", "宁波\u202e司公限有"), 65, "'宁波\\u202e司公限有'"),
    (("client", "add", "--name", "宁波\u2066恒通\u2069"), 65, "U+2066"),
    (("client", "add", "--name", "宁波\n恒通"), 65, "name: '宁波\\u000a恒通' has a line break"),
    (("client", "add", "--name", "Bell\aCo"), 65, "U+0007"),
    (("client", "edit", "{client}", "--contact", "王\u200f芳"), 65, "U+200F"),
    (("log", "add", "{client}", "--channel", "phone", "--summary", "red\x1b[31m"), 65, "'red\\u001b[31m'"),
    ((*DEAL, "--title", "A\u202dB"), 65, "U+202D"),
    (("user", "add", "ev\u200eil", "--role", "sales"), 65, "'ev\\u200eil'"),
    # file outputs: the target is checked, nothing half-written
    ((*RENDER, "pdf", "-o", "{tmp}"), 65, "--output: {tmp} is a folder"),
    ((*RENDER, "text", "-o", "{tmp}"), 65, "--output: {tmp} is a folder"),
    ((*RENDER, "pdf", "-o", "{tmp}/nonexistent/dir/x.pdf"), 65, "{tmp}/nonexistent/dir is not an existing folder"),
    ((*RENDER, "pdf", "-o", "/proc/x.pdf"), 65, "--output: cannot write /proc/x.pdf"),
]


@pytest.fixture
def desk(cli, tmp_path):
    """A client of li's with a deal and a draft quote, and the values that name them."""
    client = cli.json("client", "add", "--name", "宁波恒通进出口有限公司", "--owner", "li")
    deal = cli.json("deal", "new", "--client", str(client["id"]), "-q", "TRADE-RIGHTS")
    quote = cli.json("quote", "new", str(deal["id"]))
    folder = tmp_path / "out"
    folder.mkdir()
    return {"client": client["id"], "deal": deal["id"], "quote": quote["id"], "tmp": folder}


@pytest.mark.parametrize(("args", "code", "named"), PROBES, ids=[" ".join(p[0]) for p in PROBES])
def test_a_bad_input_is_one_line_naming_it_and_changes_nothing(cli, desk, args, code, named):
    before = cli.dump()
    result = cli(*(arg.format(**desk) for arg in args), code=code)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("zizhi: ")
    assert named.format(**desk) in result.stderr
    assert cli.dump() == before
    assert os.listdir(desk["tmp"]) == []


@pytest.mark.parametrize(("args", "check"), [
    (("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS*２", "--value", "１２，３４５．６"),
     lambda deal: (deal["value"], deal["qualifications"][0]["quantity"]) == (1_234_560, 2)),
    (("deal", "new", "--client", "{client}", "-q", "TRADE-RIGHTS", "--probability", "５０％"),
     lambda deal: deal["probability"] == 5000),
])
def test_full_width_digits_from_a_chinese_input_method_are_accepted(cli, desk, args, check):
    deal = cli.json(*(arg.format(**desk) for arg in args))
    assert check(deal), deal


def test_a_full_width_limit_pages_the_client_list(cli, desk):
    cli("client", "add", "--name", "杭州圣森灯饰有限公司")
    assert len(cli.json("client", "list", "--limit", "１")) == 1


def test_a_multi_line_note_is_kept_where_several_lines_make_sense(cli, desk):
    client = cli.json("client", "edit", str(desk["client"]), "--notes", "第一行\n第二行")
    assert client["notes"] == "第一行\n第二行"


def test_a_written_quote_replaces_the_old_file_whole_and_private(cli, desk):
    target = desk["tmp"] / "报价单.txt"
    target.write_text("old")
    cli("quote", "render", str(desk["quote"]), "--format", "text", "-o", str(target))
    assert "宁波恒通" in target.read_text(encoding="utf-8")
    assert os.listdir(desk["tmp"]) == ["报价单.txt"] and target.stat().st_mode & 0o777 == 0o600


# configuration and the database file, run as a cron line would


def _one_line(result, code: int, *named: str) -> None:
    assert (result.returncode, result.stdout) == (code, "")
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("zizhi: "), result.stderr
    for part in named:
        assert part in result.stderr, result.stderr


@pytest.fixture
def filled(env):
    """A real demo database file on disk and its bytes."""
    assert run_zizhi("demo", "--clients", "20", env_root=env).returncode == 0
    return env / "zizhi.db"


def test_a_settings_file_that_is_not_utf8_is_a_configuration_error_naming_it(env, filled):
    (env / "config").mkdir()
    (env / "config" / "settings.toml").write_bytes('# 设置\nlanguage = "中文"\n'.encode("gbk"))
    before = filled.read_bytes()
    result = run_zizhi("client", "list", env_root=env)
    _one_line(result, 78, str(env / "config" / "settings.toml"), "line 1 is not UTF-8")
    assert filled.read_bytes() == before


@pytest.mark.parametrize("fee", ['"92233720368547758.07"', "92233720368547758"])
def test_a_catalogue_fee_beyond_the_bound_names_file_line_and_key(env, fee):
    assert run_zizhi("config", "init", env_root=env).returncode == 0
    catalogue = env / "config" / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('service_fee = "1,500.00"', f"service_fee = {fee}", 1), encoding="utf-8")
    line = text[:text.index('service_fee = "1,500.00"')].count("\n") + 1
    result = run_zizhi("catalogue", "list", env_root=env)
    _one_line(result, 78, f"{catalogue}:{line}", "qualification.0.service_fee", "¥1,000,000,000.00")


def test_a_database_path_in_a_folder_that_cannot_exist_is_one_line(env):
    result = run_zizhi("--db", "/proc/nope/x.db", "client", "list", env_root=env)
    _one_line(result, 1, "/proc/nope/x.db")


def test_a_folder_given_as_the_database_is_named_and_left_as_it_was(env):
    folder = env / "folder"
    folder.mkdir()
    folder.chmod(0o755)  # explicit: mkdir's mode is cut by the umask
    result = run_zizhi("--db", str(folder), "client", "list", env_root=env)
    _one_line(result, 1, str(folder), "directory")
    assert folder.stat().st_mode & 0o777 == 0o755 and os.listdir(folder) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_database_is_named(env, filled):
    filled.chmod(0)
    _one_line(run_zizhi("client", "list", env_root=env), 1, str(filled))


@pytest.mark.parametrize("command", [("client", "list"), ("client", "search", "宁波"),
                                     ("client", "add", "--name", "新公司"), ("user", "list")])
def test_a_database_garbled_in_the_middle_says_so_and_points_at_restore(env, filled, command):
    size = filled.stat().st_size
    with open(filled, "r+b") as handle:
        handle.seek(size // 4)
        handle.write(bytes(range(256)) * (size // 2 // 256))
    before = filled.read_bytes()
    result = run_zizhi(*command, env_root=env)
    _one_line(result, 74, str(filled), "damaged", "zizhi restore")
    assert filled.read_bytes() == before


def test_a_file_that_is_no_database_says_so_and_points_at_restore(env):
    notes = env / "notes.db"
    notes.write_text("这不是数据库\n" * 200, encoding="utf-8")
    result = run_zizhi("--db", str(notes), "client", "list", env_root=env)
    _one_line(result, 74, str(notes), "damaged", "zizhi restore")
    assert notes.read_text(encoding="utf-8") == "这不是数据库\n" * 200
    # the folder is untouched too: no -wal or -shm beside it
    assert sorted(p.name for p in env.iterdir() if p.name.startswith("notes")) == ["notes.db"]


def test_a_config_folder_that_cannot_be_written_is_a_configuration_error(env):
    result = run_zizhi("config", "init", env_root=env, extra_env={"ZIZHI_CONFIG": "/proc/nope"})
    _one_line(result, 78, "/proc/nope/catalogue.toml", "ZIZHI_CONFIG")
