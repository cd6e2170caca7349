"""Compliance review: only legal decides, a rejection says why, the latest decision on the
quote as it stands counts, and an edit after approval sends the quote back to legal."""

from __future__ import annotations

import pytest

from zizhi.core import audit
from zizhi.core.errors import InputError, Refused, UserError
from zizhi.core.pipeline import quotes, reviews


@pytest.mark.parametrize("who", ["li", "manager", "desk", "finance"])
def test_only_legal_decides_a_review(request, quote, who):
    colleague = request.getfixturevalue(who)
    with pytest.raises(Refused, match=r"Only legal decides compliance reviews \(role legal; your role is \w+\)"):
        reviews.approve(colleague, quote["id"])
    assert reviews.review_status(colleague, quote["id"])["status"] == "pending"


def test_legal_approves_with_an_optional_note(legal, quote):
    status = reviews.approve(legal, quote["id"], "服务承诺与资质目录一致")
    assert (status["status"], status["reviewer"], status["reason"], status["revision"]) == (
        "approved", "zhou", "服务承诺与资质目录一致", 1)
    assert quotes.get_quote(legal, quote["id"])["review"]["status"] == "approved"


def test_a_rejection_needs_its_reason_and_stops_sending(li, legal, quote):
    with pytest.raises(InputError, match="needs the reason"):
        reviews.reject(legal, quote["id"], "  ")
    reviews.reject(legal, quote["id"], "不得承诺“保证通过”")
    with pytest.raises(UserError, match=r"legal rejected its compliance review \(不得承诺“保证通过”\); change the quote"):
        quotes.send_quote(li, quote["id"])


def test_the_latest_decision_counts(li, legal, quote):
    reviews.approve(legal, quote["id"])
    assert reviews.reject(legal, quote["id"], "材料清单缺少授权书")["status"] == "rejected"
    assert reviews.approve(legal, quote["id"], "已确认无需授权书")["status"] == "approved"
    assert quotes.send_quote(li, quote["id"])["status"] == "sent"


def test_a_quote_changed_after_approval_needs_a_new_review(li, legal, quote):
    reviews.approve(legal, quote["id"])
    quotes.set_line(li, quote["id"], "CUSTOMS-REG", quantity=3)
    status = reviews.review_status(li, quote["id"])
    assert (status["status"], status["revision"], status["reviewed_revision"]) == ("outdated", 2, 1)
    with pytest.raises(UserError, match=r"was changed after legal's review; ask legal to review it again "
                                        rf"\(`zizhi review approve {quote['deal_id']}-v1`\)"):
        quotes.send_quote(li, quote["id"])
    reviews.approve(legal, quote["id"])
    assert quotes.send_quote(li, quote["id"])["status"] == "sent"
    history = reviews.review_status(li, quote["id"])["history"]
    assert [(h["revision"], h["decision"]) for h in history] == [(1, "approved"), (2, "approved")]


def test_a_sent_quote_is_not_reviewed_again(legal, quote, send):
    send(quote)
    with pytest.raises(UserError, match="has status 'sent'; compliance review is for a draft"):
        reviews.reject(legal, quote["id"], "晚了")


def test_a_review_is_audited(desk, legal, quote):
    reviews.reject(legal, quote["id"], "措辞需修改")
    entry = audit.list_entries(desk, entity="quote", action="review")[0]
    assert (entry["user"], entry["action"], entry["detail"]) == ("zhou", "review.reject",
                                                                 {"revision": 1, "reason": "措辞需修改"})


def test_messages_read_in_chinese_too(li, quote):
    with pytest.raises(UserError) as refused:
        quotes.send_quote(li, quote["id"])
    assert refused.value.message("zh") == (f"报价 {quote['deal_id']}-v1：法务尚未通过合规审查；"
                                           f"请法务执行 `zizhi review approve {quote['deal_id']}-v1`。")


def test_the_same_verdict_again_records_nothing_and_says_who_decided(desk, legal, quote, rows):
    first = reviews.approve(legal, quote["id"], "服务承诺与资质目录一致")
    assert "note" not in first
    records, audited = rows(desk, "reviews"), rows(desk, "audit")
    again = reviews.approve(legal, quote["id"], "再按一次")
    assert (again["status"], again["reviewer"], again["reason"]) == ("approved", "zhou", "服务承诺与资质目录一致")
    assert again["note"] == (f"Quote {quote['deal_id']}-v1 (revision 1) is already approved by zhou at 2026-11-27 09:00:00; "
                             "nothing to record.")
    assert (rows(desk, "reviews"), rows(desk, "audit")) == (records, audited)
    assert len(again["history"]) == 1
