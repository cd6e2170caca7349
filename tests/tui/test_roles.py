"""The app knows who is using it: it offers only what the role may do, refuses a form the core would
refuse before it opens, and names the app's keys where the CLI names commands."""

from __future__ import annotations

import zizhi.tui  # noqa: F401  (registers the app's texts)
from zizhi.core.errors import UserError
from zizhi.core.i18n import MESSAGES, t


def test_a_way_forward_names_the_command_in_a_terminal_and_the_key_in_the_app():
    error = UserError("review.pending", quote=7, deal=3, version=2, reason="")
    assert error.message("en").endswith("ask legal to run `zizhi review approve 7`.")
    assert str(error) == error.message()
    assert error.message("en", surface="tui").endswith("ask legal to press V on the deal's quote tab.")
    assert "V" in error.message("zh", surface="tui") and "zizhi" not in error.message("zh", surface="tui")
    assert t("review.pending", lang="en", quote=7, deal=3, version=2).endswith("`zizhi review approve 7`.")


def test_every_way_forward_exists_for_each_surface_in_both_languages():
    with_how = {key for key, texts in MESSAGES.items() if all("{how}" in text for text in texts)}
    assert len(with_how) >= 10
    assert {key for key, texts in MESSAGES.items() if any("{how}" in text for text in texts)} == with_how
    for key in with_how:
        assert f"{key}.how" in MESSAGES and f"tui.how.{key}" in MESSAGES, key
    assert {key[len("tui.how."):] for key in MESSAGES if key.startswith("tui.how.")} == with_how

