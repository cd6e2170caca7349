"""Messages of the reminders, key → (English, Simplified Chinese)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "remind.only_own": ("Only managers and admins read other people's reminders (you are {role}); "
                        "yours: zizhi remind --user {login}.",
                        "只有经理和管理员可以查看他人的提醒（您的角色是 {role}）；查看自己的：zizhi remind --user {login}。"),
    "remind.person_head": ("{name} ({login}) — {count} due by {as_of}:", "{name}（{login}）— 截至 {as_of} 共 {count} 项待办："),
    "remind.person_head.one": ("{name} ({login}) — 1 due by {as_of}:", "{name}（{login}）— 截至 {as_of} 共 1 项待办："),
    "remind.follow_up": ("follow up with {client}: {step} (due {since})",
                         "跟进 {client}：{step}（{since} 到期）"),
    "remind.dunning": ("{action_word} to {client} about {instalment}: {owed} owed, {days} days overdue",
                       "{action_word}：{client} 的 {instalment} 欠款 {owed}，逾期 {days} 天"),
}
