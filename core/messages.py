"""The base's messages, key → (English, Simplified Chinese): typed values, amounts, configuration,
the database, access, the audit trail, listings and demo data.

Error messages say what is wrong with which value and how to proceed. Each area keeps its own
messages beside its code (``people/``, ``clients/``, ``pipeline/``, ``documents/messages.py``), the
column labels are in ``columns.py`` and the app's labels in ``zizhi.tui.messages``;
:mod:`zizhi.core.i18n` merges them into the one table and refuses a key defined twice.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # typed values: required fields, choices, dates, numbers (core/validation.py and the operations)
    "input.required": ("{field}: a value is required.", "{field}：必须填写。"),
    "input.not_one_of": ("{field}: '{value}' is not one of {allowed}.", "{field}：'{value}' 不是以下之一：{allowed}。"),
    "input.unknown_field": ("{field}: no such field.", "{field}：没有这个字段。"),
    "input.date_format": ("{field}: '{value}' is not a date; write YYYY-MM-DD.", "{field}：'{value}' 不是日期，请写成 YYYY-MM-DD。"),
    "input.not_a_number": ("{field}: '{value}' is not a whole number.", "{field}：'{value}' 不是整数。"),
    "input.date_in_future": ("{field}: {value} is after today ({today}); record it once it has happened.",
                             "{field}：{value} 晚于今天（{today}）；请在发生后再记录。"),

    # amounts in yuan (core/money.py) and percentages (core/percent.py)
    "money.too_large": ("{field}: '{value}' is far too large for an amount; check the digits.",
                        "{field}：'{value}' 金额过大，请核对位数。"),
    "money.not_a_number": ("{field}: '{value}' is not an amount; write it like 12,345.60 or ¥12345.6.",
                           "{field}：'{value}' 不是金额，请写成 12,345.60 或 ¥12345.6。"),
    "money.too_precise": ("{field}: '{value}' has more than two decimals (fen are the smallest unit); round it first.",
                          "{field}：'{value}' 超过两位小数（最小单位为分），请先取整。"),
    "percent.format": ("{field}: '{value}' is not a percentage from 0% to 100% with at most two decimals (e.g. 5% or 12.5%).",
                       "{field}：'{value}' 不是 0% 到 100% 之间、最多两位小数的百分比（如 5% 或 12.5%）。"),

    # configuration files (core/settings.py) and `zizhi config`
    "config.syntax": ("config: {where}: not valid TOML: {detail}", "配置：{where}：TOML 语法错误：{detail}"),
    "config.invalid": ("config: {detail}", "配置：{detail}"),
    "config.unreadable": ("config: cannot read {file}: {detail}", "配置：无法读取 {file}：{detail}"),
    "config.written": ("wrote {path}", "已写入 {path}"),
    "config.kept": ("Your configuration in {folder} is already there; use --force to overwrite it.",
                    "配置已存在于 {folder}；如需覆盖请加 --force。"),
    "config.ok": ("ok: {path}", "通过：{path}"),

    # the database (core/store.py)
    "db.busy": ("The database is busy with another writer; try again in a moment.", "数据库正被其他操作写入，请稍后重试。"),
    "db.cannot_open": ("database: cannot open {path}: {detail}", "数据库：无法打开 {path}：{detail}"),
    "db.error": ("database: {detail}", "数据库：{detail}"),
    "db.missing": ("database: there is no database at {path}. Create one with `zizhi init` (or `zizhi demo`), or check --db and ZIZHI_DB.",
                   "数据库：{path} 处没有数据库。请用 `zizhi init`（或 `zizhi demo`）创建，或检查 --db 与 ZIZHI_DB。"),
    "db.exists": ("database: {path} already holds a Zizhi database; `zizhi init` only creates new ones.",
                  "数据库：{path} 已是资质系统数据库；`zizhi init` 只创建新数据库。"),
    "db.created": ("Created {path}; admins: {admins}.", "已创建 {path}；管理员：{admins}。"),

    # who is acting (core/identity.py)
    "identity.already_bound": ("This connection already acts as {login}; a second `zizhi shell` is refused.",
                               "此连接已绑定为 {login}，不能再次执行 `zizhi shell`。"),
    "identity.remote_file": ("{option}: over an SSH key the server's files are not yours to name; the output comes to your terminal (redirect it on your side).",
                             "{option}：通过 SSH 密钥连接时不能指定服务器上的文件；输出会显示在您的终端（请在本地重定向）。"),
    "identity.remote_db": ("--db: over an SSH key the database is the one your key is bound to.",
                           "--db：通过 SSH 密钥连接时只能使用密钥绑定的数据库。"),
    "identity.not_zizhi": ("Only zizhi commands run here ('{command}' is not one): try `ssh HOST zizhi client list`.",
                           "此处只能运行 zizhi 命令（'{command}' 不是）：例如 `ssh 主机 zizhi client list`。"),

    # who may change a client (core/access.py) and see the audit trail (core/audit.py)
    "access.cannot_edit": ("You may not change client {client}: only its owner, a manager or an admin can (you are {role}).",
                           "您无权修改客户 {client}：仅其负责人、经理或管理员可以修改（您的角色：{role}）。"),
    "access.cannot_log": ("You may not log contact with {client}: it is not your client. Ask a manager to assign it to you.",
                          "您不能为 {client} 记录沟通：该客户不归您负责。请经理将其分配给您。"),
    "access.cannot_add": ("Clients are added by salespeople, managers and admins (you are {role}).",
                          "客户由销售、经理或管理员添加（您的角色：{role}）。"),
    "access.cannot_assign": ("Only a manager or an admin can assign clients (you are {role}).",
                             "只有经理或管理员可以分配客户（您的角色：{role}）。"),
    "audit.managers_only": ("The audit trail is for managers and admins only.", "审计记录仅限经理和管理员查看。"),

    # tables of the CLI and the app: an empty or a cut-short listing, yes and no
    "list.empty": ("(nothing to show)", "（没有内容）"),
    "list.more": ("(the first {shown} shown; see more with --offset {shown} or --limit N)",
                  "（仅显示前 {shown} 条；用 --offset {shown} 或 --limit N 查看更多）"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),

    # demo data (core/demo.py, `zizhi demo`)
    "demo.done": ("Demo data: {users} colleagues, {clients} clients, {interactions} log entries, {deals} deals.",
                  "演示数据：{users} 名同事，{clients} 个客户，{interactions} 条沟通记录，{deals} 个商机。"),
    "demo.not_empty": ("demo: {path} already holds clients; demo data goes into a new database (--db NEW.db), or add it anyway with --add.",
                       "演示：{path} 中已有客户；请将演示数据写入新数据库（--db 新文件.db），或加 --add 仍然添加。"),
}
