"""Messages of the people area (users, roles, onboarding exams, training): key → (English, Simplified Chinese)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors: users, their roles, exams and training (people/users.py)
    "people.admins_only": ("Only an admin can add users (your role is {role}).", "只有管理员可以添加用户（您的角色：{role}）。"),
    "people.trainers_only": ("Only a manager or an admin can record exams and training (your role is {role}).",
                             "只有经理或管理员可以记录考核和培训（您的角色：{role}）。"),
    "people.duplicate_login": ("user: a user with login {login} already exists.", "用户：登录名 {login} 已存在。"),
    "people.login_format": ("{field}: '{value}' is not a valid login: one word of letters, digits, '.', '_', '@' or '-', not starting with '-' or '.'.",
                            "{field}：'{value}' 不是有效的登录名：应为一个词，由字母、数字、'.'、'_'、'@' 或 '-' 组成，且不以 '-' 或 '.' 开头。"),
    "people.inactive": ("User {login} is deactivated; ask an admin.", "用户 {login} 已停用，请联系管理员。"),
    "people.not_found": ("user: no user with login {login}. See `zizhi user list`.",
                         "用户：没有登录名为 {login} 的用户。请查看 `zizhi user list`。"),
    "people.unknown_acting_user": (
        "{login} is not a Zizhi user of this database: ask an admin to run `zizhi user add {login} --role ROLE`.",
        "{login} 不是此数据库的资质系统用户：请管理员执行 `zizhi user add {login} --role 角色`。"),
    "people.act_as_admins_only": (
        "--as {other}: only an admin may act as someone else; you are {login}. Drop --as (and ZIZHI_USER) to act as yourself.",
        "--as {other}：只有管理员可以代他人操作；您是 {login}。请去掉 --as（及 ZIZHI_USER）以本人身份操作。"),
    "people.unknown_owner": ("owner: no user with login '{login}'. See `zizhi user list`.",
                             "负责人：没有登录名为 '{login}' 的用户。请查看 `zizhi user list`。"),
    "people.owner_not_sales": ("owner: {login} is {role}, not a salesperson; only on-duty salespeople can own clients.",
                               "负责人：{login} 的角色是 {role}，不是销售；只有已上岗的销售可以负责客户。"),
    "people.owner_off_duty": (
        "owner: {login} is not on duty yet; only salespeople who passed the onboarding exam can own clients (record it with `zizhi user exam {login} SCORE`).",
        "负责人：{login} 尚未上岗；只有通过入职考核的销售可以负责客户（用 `zizhi user exam {login} 分数` 记录考核）。"),
    "people.score_range": ("score: {value} is not a score from 0 to 100.", "分数：{value} 不在 0 到 100 之间。"),
    "people.hours_format": ("hours: '{value}' is not a length in hours such as 2 or 1.5.",
                            "学时：'{value}' 不是有效学时（如 2 或 1.5）。"),
    "people.exam_for_sales": ("exam: {login} is {role}; the onboarding exam is for salespeople.",
                              "考核：{login} 的角色是 {role}；入职考核仅适用于销售。"),
    "people.still_owns_clients": ("user: {login} still owns {count} clients; reassign them first (`zizhi client assign CLIENT LOGIN`).",
                                  "用户：{login} 仍负责 {count} 个客户，请先重新分配（`zizhi client assign 客户 登录名`）。"),
    "people.still_owns_clients.one": ("user: {login} still owns {count} client; reassign it first (`zizhi client assign CLIENT LOGIN`).",
                                      "用户：{login} 仍负责 {count} 个客户，请先重新分配（`zizhi client assign 客户 登录名`）。"),
    "people.not_yourself": ("user: you cannot change your own role or deactivate yourself; ask another admin.",
                            "用户：不能修改自己的角色或停用自己，请联系其他管理员。"),

    "people.language_unknown": ("language: '{value}' is not a language Zizhi speaks ({allowed}).",
                                "语言：'{value}' 不是资质系统支持的语言（{allowed}）。"),
    "people.language_saved": ("Zizhi now speaks {language} to {login} at every start (--lang still chooses for one command).",
                              "资质系统此后每次启动都对 {login} 使用{language}（单个命令仍可用 --lang 另选）。"),
    "people.language_forgotten": ("{login} has no language of their own now: settings.toml, then the locale, decide.",
                                  "{login} 已不再指定语言：由 settings.toml 决定，其次是系统区域设置。"),
    "language.en": ("English", "英文"),
    "language.zh": ("Chinese", "中文"),

    # `zizhi user show`
    "user.exams": ("Exams:", "考核记录："),
    "user.trainings": ("Training:", "培训记录："),

    # roles, as shown; a role named in an error is shown in the message's language (core/errors.py)
    "role.sales": ("sales", "销售"),
    "role.manager": ("manager", "经理"),
    "role.finance": ("finance", "财务"),
    "role.legal": ("legal", "法务"),
    "role.operations": ("operations", "运营"),
    "role.admin": ("admin", "管理员"),
    # SSH keys on the team server (people/keys.py)
    "keys.admins_only": ("Only an admin can see or change SSH keys (your role is {role}).",
                         "只有管理员可以查看或修改 SSH 密钥（您的角色：{role}）。"),
    "keys.format": ("key: '{value}' is not an SSH public key; give the one line of the person's .pub file ({types} …).",
                    "密钥：'{value}' 不是 SSH 公钥；请提供对方 .pub 文件中的那一行（{types} …）。"),
    "keys.file": ("keys: cannot use {path}: {detail}", "密钥：无法使用 {path}：{detail}"),
    "keys.duplicate": ("key: {fingerprint} is already on the server; one key belongs to one person (see `zizhi user key list`).",
                       "密钥：{fingerprint} 已在服务器上；一把密钥只属于一个人（见 `zizhi user key list`）。"),
    "keys.none": ("key: {login} has no such key on this server (see `zizhi user key list`).",
                  "密钥：{login} 在此服务器上没有该密钥（见 `zizhi user key list`）。"),
    "keys.added": ("{login} can now connect with key {fingerprint}; their commands run as {login} on {database}.",
                   "{login} 现在可以用密钥 {fingerprint} 连接；其命令以 {login} 身份在 {database} 上运行。"),
    "keys.removed": ("removed {login}'s key {fingerprint}", "已移除 {login} 的密钥 {fingerprint}"),
}
