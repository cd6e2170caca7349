"""The early warning's weights in pricing.toml [watch]: shipped as documented, and an edit that
would make the score fall as a debt worsens, or weigh a rating nobody has, refused by name."""

from __future__ import annotations

import pytest

from zizhi.core import settings
from zizhi.core.errors import ConfigError
from zizhi.core.paths import SHIPPED_CONFIG


def edited(isolated, old: str, new: str) -> str:
    """Load the shipped pricing.toml with one line changed; the error message, if it is refused."""
    text = (SHIPPED_CONFIG / "pricing.toml").read_text(encoding="utf-8")
    assert old in text
    (isolated / "pricing.toml").write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.load()
    return caught.value.message("en")


def test_the_shipped_weights_are_whole_numbers_and_fen():
    weights = settings.load().pricing.watch
    assert (weights.overdue_points_per_30_days, weights.overdue_max, weights.amount_max) == (20, 40, 15)
    assert (weights.small_amount, weights.large_amount) == (100_000, 10_000_000)
    assert weights.rating_points == {"A": 0, "B": 5, "C": 15, "D": 25}
    assert list(weights.step_points.values()) == [0, 2, 5, 10, 15, 20]


def test_a_step_scoring_less_than_a_milder_one_is_refused(isolated):
    message = edited(isolated, "visit = 15", "visit = 5")
    assert "watch.step_points" in message and "must not fall up the ladder" in message


def test_a_rating_outside_the_credit_policy_is_refused(isolated):
    message = edited(isolated, "D = 25\n", "D = 25\nE = 40\n")
    assert "rating E is not in credit_policy" in message


def test_the_large_amount_must_be_above_the_small(isolated):
    message = edited(isolated, 'large_amount = "100,000.00"', 'large_amount = "500.00"')
    assert "large_amount must be more than small_amount" in message


def test_a_float_weight_is_refused(isolated):
    message = edited(isolated, "broken_promise_points = 20", "broken_promise_points = 20.5")
    assert "watch.broken_promise_points" in message
