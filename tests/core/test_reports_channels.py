"""Channels and referrals over November 2026, on a month set up by hand (all Li Na's clients):

- R (trade show) signed in October and paid ¥1,000.00 on 5 November;
- X (referral, referred by R): deals opened 5 and 20 November, signed the 15th (¥3,000.00, 10 days)
  and the 25th (¥2,000.00, 5 days); paid ¥1,000.00 on the 20th;
- Y (online): ¥500.00 paid 30 October and reversed 3 November (a reversal crossing into the month);
  a deal opened the 10th, signed the 14th (¥4,000.00, 4 days); ¥2,000.00 paid and reversed the 16th
  (counts in neither), ¥300.00 paid the 17th;
- Z (online): a deal opened the 20th, not signed;
- W (phone/email inquiry): a deal opened 20 October, signed 3 November (¥1,000.00, 14 days);
- V (channel never recorded): a deal opened the 21st.
"""

from __future__ import annotations

import pytest

from tests.core.reporting import at_contract, client, on, opened, signed, won
from zizhi.core.errors import Refused
from zizhi.core.receivables import ledger
from zizhi.core.reports.channels import channels


@pytest.fixture
def november(li, finance):
    on("2026-10-20")
    r = client(li, "瑞安荣达鞋业有限公司", "trade_show")
    w = client(li, "温州万达阀门有限公司", "inquiry")
    y = client(li, "义乌永盛饰品有限公司", "online")
    won(li, r, "2026-10-20", "2026-10-28", 100_000)
    w_deal = at_contract(li, w, "2026-10-20", 100_000)
    on("2026-10-30")
    early = ledger.record_payment(finance, y, 50_000, "2026-10-30")
    on("2026-11-03")
    ledger.reverse_payment(finance, early["id"], "重复登记", "2026-11-03")
    signed(li, w_deal, "2026-11-03")
    on("2026-11-04")
    x = client(li, "厦门鑫源贸易有限公司", "referral", referrer=str(r))
    on("2026-11-05")
    ledger.record_payment(finance, r, 100_000, "2026-11-05")
    x1 = at_contract(li, x, "2026-11-05", 300_000)
    y1 = at_contract(li, y, "2026-11-10", 400_000)
    signed(li, y1, "2026-11-14")
    signed(li, x1, "2026-11-15")
    on("2026-11-16")
    mistaken = ledger.record_payment(finance, y, 200_000, "2026-11-16")
    ledger.reverse_payment(finance, mistaken["id"], "串户", "2026-11-16")
    on("2026-11-17")
    ledger.record_payment(finance, y, 30_000, "2026-11-17")
    z = client(li, "镇江中和化工有限公司", "online")
    opened(li, z, "2026-11-20")
    x2 = at_contract(li, x, "2026-11-20", 200_000)
    ledger.record_payment(finance, x, 100_000, "2026-11-20")
    on("2026-11-21")
    opened(li, client(li, "无名贸易有限公司", None), "2026-11-21")
    signed(li, x2, "2026-11-25")
    on("2026-11-27 09:00:00")
    return {"R": r}


def figures(row: dict) -> tuple:
    return (row["inquiries"], row["converted"], row["conversion"], row["won"], row["won_value"], row["clients_won"],
            row["received"], row["reversed"], row["revenue"], row["days_to_close"]["median"],
            row["days_to_close"]["mean"])


def test_each_channel_counts_its_clients_inquiries_wins_and_money(li, november):
    report = channels(li, "2026-11-01", "2026-11-30")
    rows = {row["name"]: figures(row) for row in report["channels"]}
    assert rows == {
        "trade_show": (0, 0, None, 0, 0, 0, 100_000, 0, 100_000, None, None),
        "online": (2, 1, 5000, 1, 400_000, 1, 30_000, 50_000, -20_000, 4.0, 4.0),
        "referral": (2, 2, 10000, 2, 500_000, 1, 100_000, 0, 100_000, 7.5, 7.5),
        "inquiry": (0, 0, None, 1, 100_000, 1, 0, 0, 0, 14.0, 14.0),
        "other": (0, 0, None, 0, 0, 0, 0, 0, 0, None, None),
        "unrecorded": (1, 0, 0, 0, 0, 0, 0, 0, 0, None, None),
    }
    # the days 4, 10, 5 and 14: median (5 + 10) / 2, mean 33 / 4 = 8.25, to a tenth half up
    assert figures(report["totals"]) == (5, 3, 6000, 4, 1_000_000, 3, 230_000, 50_000, 180_000, 7.5, 8.3)


def test_the_channels_add_up_to_the_total(li, november):
    report = channels(li, "2026-11-01", "2026-11-30")
    for figure in ("inquiries", "converted", "won", "won_value", "clients_won", "received", "reversed", "revenue"):
        assert sum(row[figure] for row in report["channels"]) == report["totals"][figure]


def test_a_referring_client_is_credited_with_what_their_referrals_brought(li, november):
    [referrer] = channels(li, "2026-11-01", "2026-11-30")["referrers"]
    assert (referrer["client_id"], referrer["name"]) == (november["R"], "瑞安荣达鞋业有限公司")
    assert figures(referrer) == (2, 2, 10000, 2, 500_000, 1, 100_000, 0, 100_000, 7.5, 7.5)


def test_october_keeps_the_payment_the_november_reversal_undid(li, november):
    october = channels(li, "2026-10-01", "2026-10-31")["totals"]
    assert (october["received"], october["reversed"], october["revenue"]) == (50_000, 0, 50_000)
    assert (october["inquiries"], october["won"], october["won_value"]) == (2, 1, 100_000)  # R and W opened


def test_a_salesperson_sees_only_her_clients_and_legal_none(li, wang, desk_as, desk, november):
    assert channels(wang, "2026-11-01", "2026-11-30")["totals"]["inquiries"] == 0
    from zizhi.core.people import users as people

    people.add_user(desk, "zhou", "周静", "legal")
    with pytest.raises(Refused):
        channels(desk_as("zhou"), "2026-11-01", "2026-11-30")
