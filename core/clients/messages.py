"""Messages of the clients area (client records, the communication log): key → (English, Simplified Chinese).

The credit code, phone and email checks raise ``client.*`` errors from ``core/validation.py``; they
are here, with the client's other messages, because they are about a client's record.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # client records: errors and warnings (clients/records.py, core/validation.py)
    "client.credit_code_check_digit": (
        "credit code: '{value}' fails the GB 32100-2015 check digit; check the 18 characters on the business licence.",
        "统一社会信用代码：'{value}' 校验位不符合 GB 32100-2015，请核对营业执照上的 18 位代码。"),
    "client.credit_code_format": (
        "credit code: '{value}' is not a unified social credit code (18 digits and capital letters, no I, O, S, V or Z).",
        "统一社会信用代码：'{value}' 格式不正确（应为 18 位数字或大写字母，不含 I、O、S、V、Z）。"),
    "client.phone_format": ("phone: '{value}' is neither a mainland mobile (13812345678) nor a landline (021-68881234).",
                            "电话：'{value}' 既不是大陆手机号（13812345678）也不是固定电话（021-68881234）。"),
    "client.email_format": ("email: '{value}' is not an email address.", "邮箱：'{value}' 不是有效的邮箱地址。"),
    "client.duplicate_code": ("credit code: {code} already belongs to client {id} {name}; open that client instead.",
                              "统一社会信用代码：{code} 已属于客户 {id} {name}，请直接打开该客户。"),
    "client.duplicate_code_archived": (
        "credit code: {code} belongs to archived client {id} {name}; restore it with `zizhi client archive {id} --restore`.",
        "统一社会信用代码：{code} 属于已归档客户 {id} {name}；可用 `zizhi client archive {id} --restore` 恢复。"),
    "client.not_found": ("client: no client '{ref}' among the clients you can see.", "客户：在您可查看的客户中找不到 '{ref}'。"),
    "client.ambiguous": ("client: '{ref}' matches several clients ({candidates}); give the id.",
                         "客户：'{ref}' 匹配多个客户（{candidates}），请使用编号。"),
    "client.nothing_to_change": ("Nothing to change: give at least one field with a new value.", "没有需要修改的内容：请至少提供一个新值。"),
    "client.already_archived": ("client: {client} is already archived.", "客户：{client} 已归档。"),
    "client.already_restored": ("client: {client} is not archived.", "客户：{client} 未归档。"),
    "client.similar_hidden": ("a similar client is already handled by a colleague; ask a manager before adding this one",
                              "已有同事负责名称相近的客户；新增前请先咨询经理"),
    "client.duplicate_code_hidden": (
        "credit code: {code} already belongs to a colleague's client; ask a manager to assign it to you.",
        "统一社会信用代码：{code} 已属于同事负责的客户；如需跟进请经理将其分配给您。"),
    "client.similar_name": ("warning: similar client already on file: {name}", "提示：已有名称相近的客户：{name}"),
    "client.recent_log": ("Recent contact:", "最近沟通："),
    "client.archived": ("client: {client} is archived; restore it first (`zizhi client archive {id} --restore`).",
                        "客户：{client} 已归档，请先恢复（`zizhi client archive {id} --restore`）。"),
    "client.already_owner": ("client: {login} already owns {client}.", "客户：{client} 已由 {login} 负责。"),

    # the communication log (clients/interactions.py)
    "log.not_found": ("log: no entry {id} among the clients you can see.", "沟通记录：在您可查看的客户中找不到记录 {id}。"),
    "log.not_author": ("log: entry {id} was written by someone else; only its author, a manager or an admin can edit it.",
                       "沟通记录：记录 {id} 由他人填写；仅作者、经理或管理员可以修改。"),
    "log.next_needs_date": ("{field}: a next step needs a date so it can be followed up (2026-12-05, tomorrow, mon, +3d …).",
                            "{field}：约定的下一步需要跟进日期才能提醒跟进（2026-12-05、明天、下周一、3天后……）。"),
    "log.date_needs_next": ("{field}: a follow-up date needs the agreed next step.",
                            "{field}：跟进日期需要填写约定的下一步。"),
    "log.next_before_contact": ("{field}: {value} is before the contact itself ({at}).", "{field}：{value} 早于本次沟通日期（{at}）。"),

    # closed vocabularies, as shown (core/vocab.py)
    "urgency.urgent": ("urgent", "紧急"),
    "urgency.high": ("high", "高"),
    "urgency.normal": ("normal", "普通"),
    "urgency.low": ("low", "低"),
    "size.micro": ("micro", "微型"),
    "size.small": ("small", "小型"),
    "size.medium": ("medium", "中型"),
    "size.large": ("large", "大型"),
    "channel.trade_show": ("trade show", "展会"),
    "channel.online": ("online", "线上"),
    "channel.referral": ("referral", "推荐"),
    "channel.inquiry": ("inquiry", "咨询"),
    "channel.other": ("other", "其他"),
    "channel.phone": ("phone", "电话"),
    "channel.email": ("email", "邮件"),
    "channel.visit": ("visit", "拜访"),
    "channel.chat": ("chat", "微信/聊天"),
    "channel.meeting": ("meeting", "会议"),
}
