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
    # the team group's robot (core/reminders/chat.py): why a post did not get through, in one line
    "remind.platform.wecom": ("WeCom (企业微信)", "企业微信"),
    "remind.platform.dingtalk": ("DingTalk (钉钉)", "钉钉"),
    "remind.platform.feishu": ("Feishu (飞书)", "飞书"),
    "remind.chat_id_format": ("chat-id: {value} is not a chat id (letters, digits, '.', '_', '@' or '-', "
                              "at most 64, as the group's platform shows it).",
                              "群聊 ID：{value} 不是有效的群聊 ID（字母、数字、“.”、“_”、“@”或“-”，最多 64 个，以群聊平台显示的为准）。"),
    "remind.chat.no_secret": ("{platform} robot: the signing secret's environment variable {env} is not set "
                              "(settings.toml [chat] secret_env).",
                              "{platform}机器人：签名密钥的环境变量 {env} 未设置（settings.toml 的 [chat] secret_env）。"),
    "remind.chat.timeout": ("{platform} robot at {host} did not answer within {seconds} s.",
                            "{platform}机器人（{host}）在 {seconds} 秒内没有应答。"),
    "remind.chat.unreachable": ("{platform} robot at {host} could not be reached: {reason}.",
                                "无法连接{platform}机器人（{host}）：{reason}。"),
    "remind.chat.http": ("{platform} robot at {host} answered HTTP {status} {reason}.",
                         "{platform}机器人（{host}）返回 HTTP {status} {reason}。"),
    "remind.chat.not_json": ("{platform} robot at {host} answered something other than its JSON reply: {start}",
                             "{platform}机器人（{host}）的应答不是其 JSON 回复：{start}"),
    "remind.chat.refused": ("{platform} robot at {host} refused the post: error {code} {message}.",
                            "{platform}机器人（{host}）拒绝了消息：错误 {code} {message}。"),
}
