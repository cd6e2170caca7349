"""Who is acting is known, not claimed: databases made on purpose, SSH keys bound to people, `--as` for admins.

The shell tests run `zizhi shell LOGIN` as a subprocess with ``SSH_ORIGINAL_COMMAND`` set, exactly as
sshd runs a key's forced command.
"""

from __future__ import annotations

import json
import stat

import pytest

from tests.commands.conftest import run_zizhi
from zizhi.core import identity

# Two real ed25519 public keys and their fingerprints as `ssh-keygen -lf` prints them.
WANG_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFKUiQIaEvn/xYF4zb5DAjEcgzpjEAdsnustUG5P1AB4 wang@laptop"
WANG_PRINT = "SHA256:DSJMGShDijAajBmH5jN1bLR2cl0RHqyupVcQLxMj3zM"
LI_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHMj/USRam3yR88dqZapKYuH6VfbyTlHpNVl3c2JwToi li@office"


def ssh(env, login: str, command: str, stdin=None, **extra_env) -> object:
    """What sshd does for a key bound to ``login`` when its holder types ``ssh server COMMAND``."""
    return run_zizhi("--db", str(env / "zizhi.db"), "shell", login, env_root=env, stdin=stdin,
                     extra_env={"SSH_ORIGINAL_COMMAND": command, **extra_env})


@pytest.fixture
def team(cli, env):
    """li and zhao each own one client; boss is the admin."""
    cli("user", "exam", "zhao", "85")
    cli("client", "add", "--name", "李的客户有限公司", "--phone", "13800000001", "--owner", "li")
    cli("client", "add", "--name", "赵的客户有限公司", "--phone", "13800000002", "--owner", "zhao")
    return env


def test_a_mistyped_database_path_creates_nothing_and_says_how_to_make_one(env, tmp_path):
    missing = tmp_path / "nonexistent" / "dir" / "x.db"
    result = run_zizhi("--db", str(missing), "client", "list", env_root=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert str(missing) in result.stderr and "zizhi init" in result.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_init_makes_a_private_database_whose_admins_are_its_creator_and_the_named_person(env, tmp_path):
    path = tmp_path / "team" / "zizhi.db"
    made = run_zizhi("--db", str(path), "init", "--admin", "wang.admin", "--json", env_root=env)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["admins"] == [identity.os_login(), "wang.admin"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    users = json.loads(run_zizhi("--db", str(path), "user", "list", "--json", env_root=env).stdout)
    assert sorted((u["login"], u["role"]) for u in users) == sorted(
        [(identity.os_login(), "admin"), ("wang.admin", "admin")])
    again = run_zizhi("--db", str(path), "init", env_root=env)
    assert again.returncode == 1 and "already" in again.stderr


def test_over_a_key_the_person_sees_only_their_own_clients(team):
    result = ssh(team, "li", "zizhi client list --json")
    assert result.returncode == 0, result.stderr
    assert [c["name"] for c in json.loads(result.stdout)] == ["李的客户有限公司"]


def test_over_a_key_nothing_typed_or_set_changes_who_acts(team):
    def changes():
        entries = json.loads(run_zizhi("--as", "boss", "audit", "list", "--json", env_root=team).stdout)
        return [e for e in entries if not e["action"].endswith(".export")]

    before = changes()
    claimed = ssh(team, "li", "zizhi --as boss client list --json")
    assert claimed.returncode == 1 and "only an admin may act as someone else" in claimed.stderr
    via_env = ssh(team, "li", "zizhi client list --json", ZIZHI_USER="boss")
    assert [c["name"] for c in json.loads(via_env.stdout)] == ["李的客户有限公司"]
    for attempt in ("zizhi user add evil --role admin", "zizhi shell boss"):
        assert ssh(team, "li", attempt).returncode == 1
    assert changes() == before


def test_over_a_key_no_other_database_and_no_server_file_can_be_named(team, tmp_path):
    other = tmp_path / "other.db"
    result = ssh(team, "li", f"zizhi --db {other} init")
    assert result.returncode == 1 and "--db" in result.stderr
    via_env = ssh(team, "li", "zizhi client list --json", ZIZHI_DB=str(other))
    assert via_env.returncode == 0 and "李的客户有限公司" in via_env.stdout
    written = ssh(team, "li", "zizhi config init --force")
    assert written.returncode == 1
    assert not other.exists() and not (team / "config" / "settings.toml").exists()


def test_over_a_key_no_output_option_writes_and_no_import_reads_a_server_file(cli, team, tmp_path):
    """The service account's own files (its authorized_keys, its database) are out of reach of what a
    person sends: an export, a report, a calendar or an import's refused rows never land there, and an
    import reads only what the person sends on standard input."""
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-ed25519 AAAA the-admins-own-key\n")
    kept = keys.read_text()
    before = cli.dump()
    leads = tmp_path / "leads.csv"
    leads.write_text("name,phone\n新客户有限公司,123\n", encoding="utf-8")
    for command in (f"zizhi export clients --format csv -o {keys}", f"zizhi report weekly -o {keys}.csv",
                    f"zizhi remind --user li --ics {keys}", f"zizhi export deals -o {team / 'zizhi.db'} --format csv",
                    f"zizhi import clients {keys} --format csv",
                    f"zizhi import clients - --format csv --skip-invalid --errors {keys}"):
        with leads.open() as sent:
            result = ssh(team, "li", command, stdin=sent)
        assert (result.returncode, result.stderr.count("\n")) == (1, 1), (command, result.stderr)
        assert "server's files are not yours" in result.stderr, command
    assert keys.read_text() == kept and not (tmp_path / "authorized_keys.csv").exists()
    assert cli.dump() == before
    piped = ssh(team, "li", "zizhi export clients --format csv")
    assert piped.returncode == 0 and "李的客户有限公司" in piped.stdout


def test_only_the_account_holding_the_database_binds_a_key_to_a_login(cli, team):
    """`zizhi shell LOGIN` run by hand is a claim to be LOGIN, as --as is: a login that is not an admin
    of the database (here the OS account demoted to sales) cannot make itself the admin boss by it."""
    cli("user", "edit", identity.os_login(), "--role", "sales")
    before = cli.dump()
    result = ssh(team, "boss", "zizhi user add evil --role admin")
    assert (result.returncode, result.stderr.count("\n")) == (1, 1), result.stderr
    assert "only the account that holds the database" in result.stderr
    assert ssh(team, "li", "zizhi client list").returncode == 1
    assert cli.dump() == before


def test_over_a_key_no_editor_runs_on_the_server(team, tmp_path):
    """An editor runs as the service account and can start a shell (vi's :!sh): never over a key."""
    ran = tmp_path / "editor-ran"
    result = ssh(team, "li", "zizhi report quarterly edit", EDITOR=f"touch {ran}")
    assert (result.returncode, result.stderr.count("\n")) == (1, 1), result.stderr
    assert "no editor runs on the server" in result.stderr and "--from-file -" in result.stderr
    assert not ran.exists()


def test_an_export_never_overwrites_a_database_or_its_journal(cli, env):
    database = env / "zizhi.db"
    before = cli.dump()
    for target in (database, env / "zizhi.db-wal"):
        for command in (("export", "clients", "--format", "csv", "-o", str(target)),
                        ("remind", "--ics", str(target))):
            result = run_zizhi("--as", "boss", *command, env_root=env)
            assert result.returncode == 65 and "is a database" in result.stderr, (command, result.stderr)
    assert cli.dump() == before


def test_over_a_key_only_zizhi_commands_run(team):
    for command in ("bash -c id", "scp -t /tmp", "rm -rf /", "zizhi client list 'unbalanced"):
        result = ssh(team, "li", command)
        assert (result.returncode, result.stderr.count("\n")) == (1, 1), (command, result.stderr)
        assert "Only zizhi commands run here" in result.stderr
    no_terminal = ssh(team, "li", "")
    assert no_terminal.returncode == 2


def test_an_admin_over_a_key_may_act_as_someone_and_the_audit_names_both(team):
    made = ssh(team, "boss", "zizhi --as li log add 李的客户有限公司 --channel phone --summary 询价")
    assert made.returncode == 0, made.stderr
    entries = json.loads(run_zizhi("--as", "boss", "audit", "list", "--action", "log.add", "--json",
                                   env_root=team).stdout)
    assert (entries[0]["user"], entries[0]["acting_admin"]) == ("li", "boss")


def test_keys_bind_people_and_keep_the_admins_own_lines(cli, env, tmp_path, monkeypatch):
    keys = tmp_path / "ssh" / "authorized_keys"
    keys.parent.mkdir()
    keys.write_text("ssh-ed25519 AAAAadminsown root@server\n", encoding="utf-8")
    monkeypatch.setenv("ZIZHI_AUTHORIZED_KEYS", str(keys))
    (tmp_path / "wang.pub").write_text(WANG_KEY + "\n", encoding="utf-8")
    cli("user", "add", "wang.fang", "--role", "sales")
    added = cli.json("user", "key", "add", "wang.fang", str(tmp_path / "wang.pub"))
    assert (added["login"], added["fingerprint"]) == ("wang.fang", WANG_PRINT)
    cli("user", "key", "add", "li", LI_KEY)
    lines = keys.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "ssh-ed25519 AAAAadminsown root@server"
    wang_line = next(line for line in lines if "wang@laptop" in line)
    assert f'--db {env / "zizhi.db"} shell -- wang.fang",restrict,pty ssh-ed25519 ' in wang_line
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    assert [k["login"] for k in cli.json("user", "key", "list")] == ["wang.fang", "li"]
    assert "one key belongs to one person" in cli("user", "key", "add", "li", WANG_KEY, code=1).stderr
    assert cli("user", "key", "add", "li", "ssh-ed25519 notakey", code=65).stderr.count("\n") == 1
    assert cli("user", "key", "list", user="li", code=1).stderr.startswith("zizhi: Only an admin")
    cli("user", "key", "remove", "wang.fang")
    assert [k["login"] for k in cli.json("user", "key", "list")] == ["li"]
    assert keys.read_text(encoding="utf-8").splitlines()[0] == "ssh-ed25519 AAAAadminsown root@server"
    actions = [e["action"] for e in cli.json("audit", "list", "--action", "user.key")]
    assert actions == ["user.key.remove", "user.key.add", "user.key.add"]


def test_a_leavers_key_runs_nothing_even_what_reads_no_database(cli, team):
    cli("user", "add", "gone", "--role", "finance")
    cli("user", "edit", "gone", "--inactive")
    for command in ("zizhi config show", "zizhi client list", ""):
        result = ssh(team, "gone", command)
        assert result.returncode == 1 and "deactivated" in result.stderr, (command, result.stderr)
    assert ssh(team, "nobody", "zizhi config show").returncode == 1


def test_an_admin_login_that_could_read_as_an_option_is_refused(env, tmp_path):
    for login in ("-x", "a b", 'he"llo', ".hidden"):
        result = run_zizhi("--db", str(tmp_path / "t.db"), "init", "--admin", login, env_root=env)
        assert result.returncode == 65 and "not a valid login" in result.stderr, (login, result.stderr)
        assert not (tmp_path / "t.db").exists() or (tmp_path / "t.db").stat().st_size == 0


def test_removing_a_persons_key_leaves_their_keys_to_other_databases(cli, env, tmp_path, monkeypatch):
    keys = tmp_path / "authorized_keys"
    monkeypatch.setenv("ZIZHI_AUTHORIZED_KEYS", str(keys))
    other = tmp_path / "other.db"
    assert run_zizhi("--db", str(other), "init", "--admin", "boss", env_root=env).returncode == 0
    assert run_zizhi("--db", str(other), "--as", "boss", "user", "add", "li", "--role", "sales", env_root=env,
                     extra_env={"ZIZHI_AUTHORIZED_KEYS": str(keys)}).returncode == 0
    added = run_zizhi("--db", str(other), "--as", "boss", "user", "key", "add", "li", LI_KEY, env_root=env,
                      extra_env={"ZIZHI_AUTHORIZED_KEYS": str(keys)})
    assert added.returncode == 0, added.stderr
    cli("user", "key", "add", "li", WANG_KEY)
    cli("user", "key", "remove", "li")
    assert [(k["login"], k["database"]) for k in cli.json("user", "key", "list")] == [("li", str(other))]
