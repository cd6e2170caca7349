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
    # why each reminder is due (core/reminders/sources*.py), said to the person who acts
    "remind.follow_up": ("follow up with {client}: {step} (due {since})",
                         "跟进 {client}：{step}（{since} 到期）"),
    "remind.dunning": ("{client} owes {owed} on {instalment}, {days} days overdue — next step: {action_word}",
                       "{client} 的 {instalment} 欠款 {owed}，逾期 {days} 天——下一步：{action_word}"),
    "remind.dunning_ahead": ("{client}'s {instalment} ({owed}) falls due on {due} — next step: {action_word}",
                             "{client} 的 {instalment}（{owed}）于 {due} 到期——下一步：{action_word}"),
    "remind.processing_late": ("processing of deal {deal} ({title}) for {client} was expected by {expected} "
                               "(operations: {operator}) — tell the client, and record the delay or the decision",
                               "{client} 的商机 {deal}（{title}）预计 {expected} 办结，现已逾期（办理：{operator}）"
                               "——请告知客户，并登记延误或审批结果"),
    "remind.visit": ("after-sales visit to {client} for deal {deal} ({title}) due {since}",
                     "回访 {client}：商机 {deal}（{title}），{since} 到期"),
    "remind.quote_expiring": ("quote {quote} to {client} ({title}) is valid until {until} "
                              "— ask for the client's decision",
                              "发给 {client} 的报价 {quote}（{title}）有效期至 {until}——请确认客户意向"),
    "remind.quote_expired": ("quote {quote} to {client} ({title}) lapsed after {until} unanswered — send a new "
                             "version, or record the client's no (zizhi quote reject {quote})",
                             "发给 {client} 的报价 {quote}（{title}）已于 {until} 后过期且未获答复——请出新版本报价，"
                             "或登记客户拒绝（zizhi quote reject {quote}）"),
    "remind.stale_deal": ("deal {deal} ({title}) with {client} has not moved in {stage_word} since {since} "
                          "(stuck after {limit} days) — move it on or log a contact",
                          "{client} 的商机 {deal}（{title}）自 {since} 起停留在「{stage_word}」阶段"
                          "（超过 {limit} 天即为停滞）——请推进阶段或记录联系"),
    "remind.certificate_expiring": ("{client}'s {code} certificate {number} (deal {deal}) expires on {expires} "
                                    "— offer the renewal",
                                    "{client} 的 {code} 资质证书 {number}（商机 {deal}）将于 {expires} 到期——请联系续办"),
    "remind.credit_recheck": ("{client}'s credit rating {rating}, checked {checked_on}, is due for a re-check by {by}",
                              "{client} 的信用评级 {rating}（{checked_on} 核查）须在 {by} 前复查"),
    "remind.calendar_missing": ("the {year} holiday calendar is not on record (due since {since}): deadlines into "
                                "{year} are provisional until it is imported",
                                "{year} 年节假日安排尚未导入（自 {since} 起待办）：导入前，跨入 {year} 年的期限均为暂定"),
}
