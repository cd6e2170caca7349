"""Messages of the reminders, key → (English, Simplified Chinese)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "remind.only_own": ("Only managers and admins read other people's reminders (you are {role}); "
                        "yours: zizhi remind --user {login}.",
                        "只有经理和管理员可以查看他人的提醒（您的角色是 {role}）；查看自己的：zizhi remind --user {login}。"),
    "remind.person_head": ("{name} ({login}) — {count} due by {as_of}:", "{name}（{login}）— 截至 {as_of} 共 {count} 项待办："),
    "remind.person_head.one": ("{name} ({login}) — 1 due by {as_of}:", "{name}（{login}）— 截至 {as_of} 共 1 项待办："),
    "remind.unknown_key": ("key: {value} is not a reminder's key (it starts with its kind: {kinds}); "
                           "see zizhi remind --user YOU --json.",
                           "编号：{value} 不是提醒的编号（编号以类别开头：{kinds}）；请查看 zizhi remind --user 您的登录名 --json。"),
    "remind.not_on_agenda": ("{reminder} is not among {login}'s reminders today; see zizhi remind --user {login}.",
                             "{reminder} 不在 {login} 今天的提醒中；请查看 zizhi remind --user {login}。"),
    "remind.snooze_not_later": ("until: {value} is not after today ({today}); snooze to a later day.",
                                "推迟至：{value} 不晚于今天（{today}）；请推迟到以后的日期。"),
    # the kinds, as headings of the agenda (core/reminders/agenda.py KINDS)
    "remind.kind.dunning": ("Dunning", "催收"),
    "remind.kind.processing_late": ("Processing late", "办理逾期"),
    "remind.kind.follow_up": ("Follow-ups", "跟进"),
    "remind.kind.visit": ("After-sales visits", "售后回访"),
    "remind.kind.quote_expiring": ("Quotes about to expire", "即将过期的报价"),
    "remind.kind.quote_expired": ("Quotes lapsed", "已过期的报价"),
    "remind.kind.stale_deal": ("Deals stuck", "停滞的商机"),
    "remind.kind.certificate_expiring": ("Certificates expiring (renewals)", "即将到期的资质证书（续办）"),
    "remind.kind.credit_recheck": ("Credit re-checks", "信用复查"),
    "remind.kind.calendar_missing": ("Holiday calendar", "节假日日历"),
    "remind.follow_up": ("follow up with {client}: {step} (due {since})",
                         "跟进 {client}：{step}（{since} 到期）"),
    "remind.dunning": ("{action_word} to {client} about {instalment}: {owed} owed, {days} days overdue",
                       "{action_word}：{client} 的 {instalment} 欠款 {owed}，逾期 {days} 天"),
}
