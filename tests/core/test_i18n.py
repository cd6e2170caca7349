"""Chinese and English: which language is chosen, and that every message exists in both."""

from __future__ import annotations

import ast
import functools
import json
import string
import subprocess
import sys
from pathlib import Path

import pytest

from zizhi.core import i18n
from zizhi.core.clients import records as clients
from zizhi.core.errors import InputError, UserError, ZizhiError
from zizhi.core.paths import SHIPPED_CONFIG

CORE = Path(i18n.__file__).resolve().parent
ROOT = CORE.parent
LAYERS = ("core", "commands", "tui")
ERRORS = {"ZizhiError", "UserError", "NotFound", "Refused", "InputError", "Busy", "ConfigError"}


@pytest.fixture
def no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "ZIZHI_LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_option_beats_everything(no_locale):
    no_locale.setenv("ZIZHI_LANG", "zh")
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.choose_language("en", "zh") == "en"
    assert i18n.current_language() == "en"


def test_the_environment_beats_the_setting(no_locale):
    no_locale.setenv("ZIZHI_LANG", "zh")
    assert i18n.choose_language(None, "en") == "zh"


def test_the_setting_beats_the_locale(no_locale):
    no_locale.setenv("LANG", "en_US.UTF-8")
    assert i18n.choose_language(None, "zh") == "zh"


def test_the_locale_decides_when_nothing_else_does(no_locale):
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.choose_language(None, None) == "zh"
    no_locale.setenv("LC_ALL", "en_GB.UTF-8")  # LC_ALL overrides LANG, as in POSIX
    assert i18n.choose_language(None, None) == "en"


def test_an_unknown_language_falls_through_to_the_next_choice(no_locale):
    no_locale.setenv("ZIZHI_LANG", "fr")
    assert i18n.choose_language("de", "zh") == "zh"


@pytest.mark.parametrize(("given", "lang"), [("zh_CN.UTF-8", "zh"), ("zh-Hans", "zh"), ("ZH", "zh"),
                                             ("en_US", "en"), ("C", "en"), ("fr_FR", None), ("", None)])
def test_normalise(given, lang):
    assert i18n.normalise(given) == lang


def test_the_configured_language_applies_when_opening_a_desk(no_locale, isolated, desk_as):
    text = (SHIPPED_CONFIG / "settings.toml").read_text(encoding="utf-8")
    (isolated / "settings.toml").write_text(text.replace('# language = "zh"', 'language = "zh"'), encoding="utf-8")
    from zizhi.core.desk import open_desk

    desk = desk_as("boss")
    zh_desk = open_desk(db=desk.store.path, as_user="boss")
    try:
        assert i18n.current_language() == "zh"
        with pytest.raises(UserError) as caught:
            clients.resolve(zh_desk, "999")
        assert str(caught.value) == "客户：在您可查看的客户中找不到 '999'。"
    finally:
        zh_desk.close()


def test_an_error_reads_in_both_languages_with_its_values_filled_in():
    error = InputError("money.too_precise", field="service fee", value="12.345")
    en, zh = error.message("en"), error.message("zh")
    assert en != zh
    assert "service fee" in en and "12.345" in en
    assert "service fee" in zh and "12.345" in zh
    assert "{" not in en + zh
    i18n.choose_language("zh")
    assert str(error) == zh


def test_an_unknown_key_shows_itself_rather_than_crashing():
    assert i18n.t("no.such_key", lang="en") == "no.such_key"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@functools.cache
def written_messages() -> list[tuple[str, int, str, tuple[str, ...]]]:
    """Every message as written in the source: (file, line, key, texts), duplicates included.

    A message table is a module-level ``MESSAGES`` dict literal of ``"key": ("english", "chinese")``
    entries, in any module of core/, commands/ or tui/; reading the source (not the merged table)
    sees a key written twice.
    """
    found = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            tables = [node.value for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                      and "MESSAGES" in ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
                      and isinstance(node.value, ast.Dict)]
            for table in tables:
                entries = list(zip(table.keys, table.values))
                if not any(_is_message(key, value) for key, value in entries):
                    continue
                file = str(path.relative_to(ROOT))
                for key, value in entries:
                    assert _is_message(key, value), f"{file}:{value.lineno}: not a literal (english, chinese) message"
                    found.append((file, key.lineno, key.value, tuple(text.value for text in value.elts)))
    return found


def _is_message(key, value) -> bool:
    return (isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Tuple)
            and all(isinstance(text, ast.Constant) and isinstance(text.value, str) for text in value.elts))


def test_the_source_scan_finds_every_messages_module():
    files = {file for file, _, _, _ in written_messages()}
    assert {"core/messages.py", "core/columns.py", "core/people/messages.py", "core/clients/messages.py",
            "core/pipeline/messages.py", "core/documents/messages.py", "tui/messages/keys.py"} <= files
    assert len(written_messages()) > 700


def test_every_message_has_both_languages_with_the_same_placeholders():
    problems = [f"{file}:{line}: {key}: " + " / ".join(f"{sorted(placeholders(text))}" for text in texts)
                for file, line, key, texts in written_messages()
                if len(texts) != 2 or not all(text.strip() for text in texts)
                or placeholders(texts[0]) != placeholders(texts[1])]
    assert problems == []


@functools.cache
def _core_trees() -> tuple[ast.Module, ...]:
    """Every core module parsed once: a key may be passed to a rule from another module."""
    return tuple(ast.parse(path.read_text(encoding="utf-8")) for path in sorted(CORE.rglob("*.py")))


def test_no_message_key_is_defined_twice():
    """In one module a second entry silently replaces the first; across modules, register() refuses."""
    places = {}
    for file, line, key, _ in written_messages():
        places.setdefault(key, []).append(f"{file}:{line}")
    assert {key: where for key, where in places.items() if len(where) > 1} == {}


def test_every_message_module_reaches_the_one_table():
    """A module nobody registers (or one shadowed by a package of the same name) is never shown."""
    import zizhi.commands.main  # noqa: F401  (the CLI registers its own texts, if it has any)
    import zizhi.tui  # noqa: F401  (registers the app's labels)

    written = {key: texts for _, _, key, texts in written_messages()}
    assert {key for key in written if i18n.MESSAGES.get(key) != written[key]} == set()
    assert set(i18n.MESSAGES) - set(written) == set()


def test_the_app_labels_live_in_the_app_and_the_core_holds_none():
    misplaced = [f"{file}: {key}" for file, _, key, _ in written_messages()
                 if key.startswith("tui.") != file.startswith("tui/")]
    assert misplaced == []


def test_the_core_table_needs_none_of_the_core_areas_code():
    """i18n merges plain dicts: finding a message imports no operation, query or store."""
    probe = "import json, sys, zizhi.core.i18n; print(json.dumps([m for m in sys.modules if m.startswith('zizhi.')]))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=True)
    areas = ("people", "clients", "pipeline", "documents", "receivables", "workdays", "credit", "reminders",
             "exchange", "kpi", "compliance", "reports", "quarterly")
    assert set(json.loads(result.stdout)) == {"zizhi.core", "zizhi.core.i18n", "zizhi.core.messages",
                                              "zizhi.core.columns", *(f"zizhi.core.{area}" for area in areas),
                                              *(f"zizhi.core.{area}.messages" for area in areas)}


def core_messages() -> dict[str, tuple[str, str]]:
    """The core's own messages: an error raised in core must not depend on a layer above it."""
    return {key: texts for table in i18n.CORE_MESSAGES for key, texts in table.items()}


def error_calls() -> list[tuple[str, int, str, set[str] | None]]:
    """Every (file, line, key, keyword names) an error of the core is raised with.

    Keys are taken from literal first arguments, from ``a if c else b``, from a local variable
    assigned such values, and from a parameter (``_require(desk, roles, "people.admins_only")``)
    by reading what the function's callers pass.
    """
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name not in ERRORS or not call.args:
                continue
            kwargs = {kw.arg for kw in call.keywords if kw.arg}
            for key in _keys(call.args[0], call, parents, functions, tree):
                found.append((str(path.relative_to(CORE)), call.lineno, key, kwargs))
    return found


def _keys(node, call, parents, functions, tree) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _keys(node.body, call, parents, functions, tree) + _keys(node.orelse, call, parents, functions, tree)
    if isinstance(node, ast.Name):
        function = call
        while function is not None and not isinstance(function, ast.FunctionDef):
            function = parents.get(function)
        assert function is not None, f"line {call.lineno}: key {node.id} outside a function"
        values = [a.value for a in ast.walk(function) if isinstance(a, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)]
        if values:
            return [k for v in values for k in _keys(v, call, parents, functions, tree)]
        params = [a.arg for a in function.args.args]
        assert node.id in params, f"line {call.lineno}: cannot tell which key {node.id} holds"
        index = params.index(node.id)
        keys = []
        for caller_tree in [tree, *(t for t in _core_trees() if t is not tree)]:
            caller_parents = {child: n for n in ast.walk(caller_tree) for child in ast.iter_child_nodes(n)}
            for caller in (n for n in ast.walk(caller_tree) if isinstance(n, ast.Call)):
                name = getattr(caller.func, "id", None) or getattr(caller.func, "attr", None)
                if name == function.name and len(caller.args) > index:
                    keys += _keys(caller.args[index], caller, caller_parents, functions, caller_tree)
            if keys:
                break
        assert keys, f"no caller of {function.name} passes a key"
        return keys
    raise AssertionError(f"line {call.lineno}: cannot read the message key {ast.dump(node)}")


def test_the_source_scan_finds_the_errors():
    keys = {key for _, _, key, _ in error_calls()}
    assert len(keys) >= 35
    assert {"client.duplicate_code", "client.duplicate_code_archived", "client.already_restored",
            "people.admins_only", "people.trainers_only", "money.too_precise"} <= keys


def test_every_error_raised_in_core_has_a_message_with_its_values():
    messages = core_messages()
    problems = []
    for file, line, key, kwargs in error_calls():
        if key not in messages:
            problems.append(f"core/{file}:{line}: {key} has no message in the core's messages modules")
        elif missing := placeholders(messages[key][0]) - kwargs - {"how"}:
            problems.append(f"core/{file}:{line}: {key} is raised without {sorted(missing)}")
        elif missing := placeholders(messages.get(f"{key}.how", ("",))[0]) - kwargs:
            problems.append(f"core/{file}:{line}: {key}'s way forward needs {sorted(missing)}")
    assert problems == []


def test_errors_carry_their_exit_codes():
    from zizhi.core.errors import Busy, ConfigError, NotFound, Refused

    assert [cls.exit_code for cls in (ZizhiError, UserError, NotFound, Refused, InputError, Busy, ConfigError)] == [
        1, 1, 1, 1, 65, 75, 78]


def test_a_role_named_in_a_message_is_in_the_message_language():
    from zizhi.core.errors import Refused

    refusal = Refused("access.cannot_assign", role="finance")
    assert "财务" in refusal.message("zh") and "finance" not in refusal.message("zh")
    assert "(your role is finance)" in refusal.message("en")


def test_a_count_of_one_reads_in_the_singular_and_keeps_its_way_forward():
    assert "still owns 1 client; reassign it first" in i18n.t("people.still_owns_clients", "en", login="li", count=1)
    assert "still owns 2 clients; reassign them first" in i18n.t("people.still_owns_clients", "en", login="li",
                                                                 count=2)
    one = i18n.t("gate.steps_pending", "en", deal=3, count=1, steps="CIQ-FILING 1")
    assert one.startswith("deal 3: 1 processing step not done: CIQ-FILING 1; mark each done (`zizhi process step 3")
    assert "仍负责 1 个客户" in i18n.t("people.still_owns_clients", "zh", login="li", count=1)


def test_every_singular_has_its_plural_and_no_placeholder_of_its_own():
    written = {key: texts for _, _, key, texts in written_messages()}
    singulars = [key for key in written if key.endswith(".one")]
    assert len(singulars) >= 5
    for key in singulars:
        plural = written.get(key.removesuffix(".one"))
        assert plural is not None, key
        assert placeholders(written[key][0]) <= placeholders(plural[0]), key


def test_a_list_is_joined_as_each_language_writes_one():
    from zizhi.core.i18n import listed

    assert listed(["满意度", "办理成功率"], "zh") == "满意度、办理成功率"
    assert listed(["satisfaction", "success rate"], "en") == "satisfaction, success rate"
