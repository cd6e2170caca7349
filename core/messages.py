"""Every user-facing message, in English and Simplified Chinese: key → (en, zh).

Error messages say what is wrong with which value and how to proceed. Labels for tables and
screens live here too, so one file holds everything a translator needs.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors: access and people
    "access.cannot_edit": ("You may not change client {client}: only its owner, a manager or an admin can (you are {role}).",
                           "您无权修改客户 {client}：仅其负责人、经理或管理员可以修改（您的角色：{role}）。"),
    "access.cannot_log": ("You may not log contact with {client}: it is not your client. Ask a manager to assign it to you.",
                          "您不能为 {client} 记录沟通：该客户不归您负责。请经理将其分配给您。"),
    "access.cannot_assign": ("Only a manager or an admin can assign clients (you are {role}).",
                             "只有经理或管理员可以分配客户（您的角色：{role}）。"),
    "audit.managers_only": ("The audit trail is for managers and admins only.", "审计记录仅限经理和管理员查看。"),
    "people.admins_only": ("Only an admin can add users (you are {role}).", "只有管理员可以添加用户（您的角色：{role}）。"),
    "people.trainers_only": ("Only a manager or an admin can record exams and training (you are {role}).",
                             "只有经理或管理员可以记录考核和培训（您的角色：{role}）。"),
    "people.duplicate_login": ("user: a user with login {login} already exists.", "用户：登录名 {login} 已存在。"),
    "people.login_format": ("login: '{value}' is not a valid login: use one word without spaces.",
                            "登录名：'{value}' 无效，请使用不含空格的单词。"),
    "people.inactive": ("User {login} is deactivated; ask an admin.", "用户 {login} 已停用，请联系管理员。"),
    "people.not_found": ("user: no user with login {login}. See `zizhi user list`.",
                         "用户：没有登录名为 {login} 的用户。请查看 `zizhi user list`。"),
    "people.unknown_acting_user": (
        "You ({login}) are not a Zizhi user yet: ask an admin to run `zizhi user add {login} --role sales`, or pass --as LOGIN.",
        "您（{login}）还不是资质系统的用户：请管理员执行 `zizhi user add {login} --role sales`，或使用 --as 指定登录名。"),
    "people.unknown_owner": ("owner: no user with login '{login}'. See `zizhi user list`.",
                             "负责人：没有登录名为 '{login}' 的用户。请查看 `zizhi user list`。"),
    "people.owner_not_sales": ("owner: {login} is {role}, not a salesperson; only on-duty salespeople can own clients.",
                               "负责人：{login} 的角色是 {role}，不是销售；只有已上岗的销售可以负责客户。"),
    "people.owner_off_duty": (
        "owner: {login} is not on duty yet; only salespeople who passed the onboarding exam can own clients (record it with `zizhi user exam {login} SCORE`).",
        "负责人：{login} 尚未上岗；只有通过入职考核的销售可以负责客户（用 `zizhi user exam {login} 分数` 记录考核）。"),
    "people.score_range": ("score: {value} is not a score from 0 to 100.", "分数：{value} 不在 0 到 100 之间。"),
    # errors: clients
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
    "client.similar_name": ("warning: similar client already on file: {name}", "提示：已有名称相近的客户：{name}"),
    # errors: log
    "log.not_found": ("log: no entry {id} among the clients you can see.", "沟通记录：在您可查看的客户中找不到记录 {id}。"),
    "log.not_author": ("log: entry {id} was written by someone else; only its author, a manager or an admin can edit it.",
                       "沟通记录：记录 {id} 由他人填写；仅作者、经理或管理员可以修改。"),
    "log.next_needs_date": ("next-date: a next step needs a date (--next-date YYYY-MM-DD) so it can be followed up.",
                            "下次跟进日期：约定的下一步需要日期（--next-date YYYY-MM-DD）才能提醒跟进。"),
    "log.date_needs_next": ("next: a follow-up date needs the agreed next step (--next TEXT).",
                            "下一步：跟进日期需要填写约定的下一步（--next 内容）。"),
    "log.next_before_contact": ("next-date: {value} is before the contact itself ({at}).", "下次跟进日期：{value} 早于本次沟通日期（{at}）。"),
    # errors: input, money, config, database
    "input.required": ("{field}: a value is required.", "{field}：必须填写。"),
    "input.not_one_of": ("{field}: '{value}' is not one of {allowed}.", "{field}：'{value}' 不是以下之一：{allowed}。"),
    "input.unknown_field": ("{field}: no such field.", "{field}：没有这个字段。"),
    "input.date_format": ("{field}: '{value}' is not a date; write YYYY-MM-DD.", "{field}：'{value}' 不是日期，请写成 YYYY-MM-DD。"),
    "input.not_a_number": ("{field}: '{value}' is not a whole number.", "{field}：'{value}' 不是整数。"),
    "money.not_a_number": ("{field}: '{value}' is not an amount; write it like 12,345.60 or ¥12345.6.",
                           "{field}：'{value}' 不是金额，请写成 12,345.60 或 ¥12345.6。"),
    "money.too_precise": ("{field}: '{value}' has more than two decimals (fen are the smallest unit); round it first.",
                          "{field}：'{value}' 超过两位小数（最小单位为分），请先取整。"),
    "config.syntax": ("config: {where}: not valid TOML: {detail}", "配置：{where}：TOML 语法错误：{detail}"),
    "config.invalid": ("config: {detail}", "配置：{detail}"),
    "config.unreadable": ("config: cannot read {file}: {detail}", "配置：无法读取 {file}：{detail}"),
    "db.busy": ("The database is busy with another writer; try again in a moment.", "数据库正被其他操作写入，请稍后重试。"),
    "db.cannot_open": ("database: cannot open {path}: {detail}", "数据库：无法打开 {path}：{detail}"),
    "db.error": ("database: {detail}", "数据库：{detail}"),
}
