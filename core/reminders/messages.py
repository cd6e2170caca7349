"""Messages of the reminders, key → (English, Simplified Chinese)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "remind.only_own": ("Only managers and admins read other people's reminders (your role is {role}); "
                        "yours: zizhi remind --user {login}.",
                        "只有经理和管理员可以查看他人的提醒（您的角色是 {role}）；查看自己的：zizhi remind --user {login}。"),
    "remind.person_head": ("{name} ({login}) — {count} due by {as_of}:", "{name}（{login}）— 截至 {as_of} 共 {count} 项待办："),
    "remind.owned_by": (" ({owner}'s)", "（负责人 {owner}）"),
    "remind.person_head.one": ("{name} ({login}) — 1 due by {as_of}:", "{name}（{login}）— 截至 {as_of} 共 1 项待办："),
    "remind.unknown_key": ("key: {value} is not a reminder's key (it starts with its kind: {kinds}); "
                           "see zizhi remind --user YOU --json.",
                           "编号：{value} 不是提醒的编号（编号以类别开头：{kinds}）；请查看 zizhi remind --user 您的登录名 --json。"),
    "remind.not_on_agenda": ("{reminder} is not among {login}'s reminders today; see zizhi remind --user {login}.",
                             "{reminder} 不在 {login} 今天的提醒中；请查看 zizhi remind --user {login}。"),
    "remind.snooze_not_later": ("until: {value} is not after today ({today}); snooze to a later day.",
                                "推迟至：{value} 不晚于今天（{today}）；请推迟到以后的日期。"),
    # a run: core/reminders/run.py, lock.py, mail.py
    "remind.running": ("another zizhi remind is running (it holds {lock}); this one stops — "
                       "the next run delivers whatever is left.",
                       "另一个 zizhi remind 正在运行（它持有 {lock}）；本次运行停止——下次运行会发送剩下的提醒。"),
    "remind.no_mail_settings": ("--mail: settings.toml has no [mail] section; add host, port, security and sender "
                                "(zizhi config path shows where the file is).",
                                "--mail：settings.toml 中没有 [mail] 一节；请填写 host、port、security 和 sender"
                                "（zizhi config path 显示文件位置）。"),
    "remind.no_chat_settings": ("--chat: settings.toml has no [chat] section; add platform and webhook "
                                "(zizhi config path shows where the file is).",
                                "--chat：settings.toml 中没有 [chat] 一节；请填写 platform 和 webhook"
                                "（zizhi config path 显示文件位置）。"),
    "remind.mail_password_missing": ("mail: the environment variable {env} (password_env in settings.toml) is not "
                                     "set; set it where the run starts (the crontab: {env}=…, or the service's "
                                     "environment).",
                                     "邮件：环境变量 {env}（settings.toml 中的 password_env）未设置；请在运行处设置"
                                     "（crontab 中写 {env}=…，或服务的环境变量）。"),
    "remind.no_email": ("{login} has no email address (zizhi user edit {login} --email …)",
                        "{login} 没有电子邮箱（zizhi user edit {login} --email …）"),
    "remind.mail_auth": ("{where}: {reason} — the server refused the login {user}: check user in settings.toml [mail] "
                         "and the password in ${env}",
                         "{where}：{reason}——服务器拒绝了登录名 {user}：请检查 settings.toml [mail] 的 user 和 ${env} 中的密码"),
    "remind.channel.text": ("terminal", "终端"),
    "remind.channel.mail": ("mail", "邮件"),
    "remind.channel.chat": ("group robot", "群机器人"),
    "remind.mail_subject": ("{count} reminders due by {as_of}", "截至 {as_of} 共 {count} 项待办提醒"),
    "remind.mail_subject.one": ("1 reminder due by {as_of}", "截至 {as_of} 共 1 项待办提醒"),
    "remind.failed": ("{channel} to {name} ({login}): {count} reminders not delivered — {error}; "
                      "the next zizhi remind tries again.",
                      "{channel} 发给 {name}（{login}）的 {count} 项提醒未送达——{error}；下次运行 zizhi remind 会重试。"),
    "remind.failed.one": ("{channel} to {name} ({login}): 1 reminder not delivered — {error}; "
                          "the next zizhi remind tries again.",
                          "{channel} 发给 {name}（{login}）的 1 项提醒未送达——{error}；下次运行 zizhi remind 会重试。"),
    "remind.retried": ("{channel} to {name} ({login}): {count} that failed before delivered now.",
                       "{channel} 发给 {name}（{login}）：之前未送达的 {count} 项提醒现已送达。"),
    "remind.dismissed": ("{channel} to {name} ({login}): {count} reminders left on their way by a run that stopped "
                         "set down as delivered ({message_id}).",
                         "{channel} 发给 {name}（{login}）：中断的运行留下的 {count} 项提醒已记为送达（{message_id}）。"),
    "remind.dismissed.one": ("{channel} to {name} ({login}): 1 reminder left on its way by a run that stopped "
                             "set down as delivered ({message_id}).",
                             "{channel} 发给 {name}（{login}）：中断的运行留下的 1 项提醒已记为送达（{message_id}）。"),
    "remind.stuck": ("{channel} to {name} ({login}): {count} reminders claimed at {since} by a run that stopped "
                     "({state}), perhaps not delivered; not sent again — {command} --retry-stuck resends them "
                     "as the same message {message_id}; --dismiss-stuck if you checked they arrived.",
                     "{channel} 发给 {name}（{login}）的 {count} 项提醒于 {since} 被一次中断的运行认领（{state}），"
                     "可能未送达；未重发——{command} --retry-stuck 会以同一消息 {message_id} 重发；若已确认送达，用 --dismiss-stuck。"),
    "remind.stuck.one": ("{channel} to {name} ({login}): 1 reminder claimed at {since} by a run that stopped "
                         "({state}), perhaps not delivered; not sent again — {command} --retry-stuck resends it "
                         "as the same message {message_id}; --dismiss-stuck if you checked it arrived.",
                         "{channel} 发给 {name}（{login}）的 1 项提醒于 {since} 被一次中断的运行认领（{state}），"
                         "可能未送达；未重发——{command} --retry-stuck 会以同一消息 {message_id} 重发；若已确认送达，用 --dismiss-stuck。"),
    "remind.holiday": ("{as_of} is not a working day: nothing sent (the next working day's run carries it; "
                       "--holidays sends today).",
                       "{as_of} 不是工作日：未发送（下一个工作日的运行会补发；--holidays 今天就发送）。"),
    "remind.would_send": ("would send by {channel} to {name} ({login}){to}: {count} reminders, {message_id}",
                          "将通过 {channel} 发给 {name}（{login}）{to}：{count} 项提醒，{message_id}"),
    "remind.would_send.one": ("would send by {channel} to {name} ({login}){to}: 1 reminder, {message_id}",
                              "将通过 {channel} 发给 {name}（{login}）{to}：1 项提醒，{message_id}"),
    "remind.would_subject": ("Subject: {subject}", "主题：{subject}"),
    "remind.would_fail": ("would fail: {reason}", "将发送失败：{reason}"),
    "remind.nothing_new": ("nothing new to send by {as_of}.", "截至 {as_of} 没有需要发送的新提醒。"),
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
    "remind.kind.notice": ("Policy notices to read", "待阅读的政策通知"),
    "remind.kind.risk_review": ("Risk reviews", "风险复核"),
    "remind.kind.quarterly_report": ("Quarter-end personal reports", "季度个人工作总结"),
    "remind.kind.calendar_missing": ("Holiday calendar", "节假日日历"),
    "remind.json_sends_nothing": ("--json prints the agenda and sends nothing; add --dry-run to see the plan, "
                                  "or drop --json to send.",
                                  "--json 只打印待办、不发送；加 --dry-run 查看发送计划，或去掉 --json 以发送。"),
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
    # the calendar file (core/reminders/calendar_file.py, zizhi remind --ics)
    "remind.ics.name": ("Zizhi reminders", "资质提醒"),
    "remind.ics.for": ("{name}: {summary}", "{name}：{summary}"),
    "remind.ics.since": ("Due since {since}.", "自 {since} 起到期。"),
    "remind.ics.command": ("Deal with it: {command}", "处理：{command}"),
    "remind.ics.app_key": ("In the app: key {letter}", "在应用中：按 {letter} 键"),
    "remind.ics.done": ("Done: zizhi remind done {reminder}", "完成后：zizhi remind done {reminder}"),
    "remind.ics_is_folder": ("ics: {value} is a folder; name the calendar file, e.g. {value}/zizhi.ics.",
                             "日历文件：{value} 是文件夹；请写出日历文件名，例如 {value}/zizhi.ics。"),
    "remind.ics_no_folder": ("ics: {value} — its folder {folder} does not exist; create it or name another file.",
                             "日历文件：{value} —— 所在文件夹 {folder} 不存在；请先创建，或换一个文件。"),
    "remind.ics_unwritable": ("ics: {value} cannot be written: {reason}.", "日历文件：无法写入 {value}：{reason}。"),
    "remind.ics_written": ("{events} reminders written to {file} ({changed} new or changed).",
                           "已将 {events} 条提醒写入 {file}（{changed} 条为新增或有变化）。"),
    # why each reminder is due (core/reminders/sources*.py), said to the person who acts
    "remind.follow_up": ("follow up with {client}: {step} (due {since})",
                         "跟进 {client}：{step}（{since} 到期）"),
    # the step and the figures first, the company's (long) name after: a narrow screen cuts the end
    "remind.dunning": ("{action_word}: {owed} owed, {days} days overdue — {client}, {instalment}",
                       "{action_word}：欠款 {owed}，逾期 {days} 天——{client}，{instalment}"),
    "remind.dunning_ahead": ("{action_word}: {owed} falls due on {due} — {client}, {instalment}",
                             "{action_word}：{owed} 于 {due} 到期——{client}，{instalment}"),
    "remind.processing_late": ("processing expected by {expected}, now late: deal {deal} ({title}) for {client} "
                               "(operations: {operator}) — tell the client, and record the delay or the decision",
                               "预计 {expected} 办结，现已逾期：{client} 的商机 {deal}（{title}）（办理：{operator}）"
                               "——请告知客户，并登记延误或审批结果"),
    "remind.visit": ("after-sales visit to {client} for deal {deal} ({title}) due {since}",
                     "回访 {client}：商机 {deal}（{title}），{since} 到期"),
    "remind.quote_expiring": ("quote {quote} valid until {until}: {client} ({title}) "
                              "— ask for the client's decision",
                              "报价 {quote} 有效期至 {until}：{client}（{title}）——请确认客户意向"),
    "remind.quote_expired": ("quote {quote} to {client} ({title}) lapsed after {until} unanswered — send a new "
                             "version, or record the client's no (zizhi quote reject {quote})",
                             "发给 {client} 的报价 {quote}（{title}）已于 {until} 后过期且未获答复——请出新版本报价，"
                             "或登记客户拒绝（zizhi quote reject {quote}）"),
    "remind.stale_deal": ("{client}: deal {deal} in {stage_word} since {since}, stuck after {limit} days "
                          "({title}) — move it on or log a contact",
                          "{client}：商机 {deal} 自 {since} 起停留在「{stage_word}」，超过 {limit} 天即为停滞"
                          "（{title}）——请推进阶段或记录联系"),
    "remind.certificate_expiring": ("{code} certificate expires on {expires}: {client}, {number} (deal {deal}) "
                                    "— offer the renewal",
                                    "{code} 资质证书将于 {expires} 到期：{client}，{number}（商机 {deal}）——请联系续办"),
    "remind.credit_recheck": ("credit re-check due by {by}: {client}, rating {rating} checked {checked_on}",
                              "须在 {by} 前复查信用：{client}，评级 {rating}（{checked_on} 核查）"),
    "remind.notice": ("read and acknowledge policy notice {notice}: {title} (in effect {effective}, issued {since})",
                      "请阅读并确认政策通知 {notice}：{title}（{effective} 起施行，{since} 发布）"),
    "remind.risk_review": ("review risk {risk} ({level_word}, {category_word}): {description} (due {since})",
                           "复核风险 {risk}（{level_word}，{category_word}）：{description}（{since} 到期）"),
    "remind.quarterly_report": ("write and file your quarterly report for {quarter} (the quarter ends {end}; "
                                "zizhi report quarterly edit, then file) — open since {since}",
                                "请撰写并提交 {quarter} 季度个人工作总结（本季度 {end} 结束；zizhi report quarterly edit，"
                                "然后 file）——自 {since} 起待办"),
    "remind.quarterly_report_draft": ("file your quarterly report for {quarter}: the draft is not filed yet "
                                      "(zizhi report quarterly file --quarter {quarter}) — open since {since}",
                                      "请提交 {quarter} 季度个人工作总结：草稿尚未提交（zizhi report quarterly file "
                                      "--quarter {quarter}）——自 {since} 起待办"),
    "remind.settled_by_command": ("{reminder} is not marked done: it goes when its record is made — {command}",
                                  "{reminder} 不能标记为完成：完成相应记录后自动消失——{command}"),
    "remind.calendar_missing": ("import the {year} holiday calendar: deadlines into {year} are provisional until "
                                "it is on record (due since {since})",
                                "请导入 {year} 年节假日安排：导入前，跨入 {year} 年的期限均为暂定（自 {since} 起待办）"),
}
