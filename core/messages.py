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
    "input.number_range": ("{field}: '{value}' is not a whole number from {low} to {high}; write digits only.",
                           "{field}：'{value}' 不是 {low} 到 {high} 之间的整数，请只写数字。"),
    "input.number_min": ("{field}: '{value}' is not a whole number of {low} or more (digits only, at most {digits}).",
                         "{field}：'{value}' 不是不小于 {low} 的整数（只写数字，最多 {digits} 位）。"),
    "input.one_line": ("{field}: '{value}' has a line break, but this field is one line; join the lines.",
                       "{field}：'{value}' 含有换行，但此项只能写一行，请合并为一行。"),
    "input.control_character": ("{field}: '{value}' contains an invisible control or direction character ({char}); retype it as plain text.",
                                "{field}：'{value}' 含有不可见的控制字符或文字方向字符（{char}），请以纯文本重新输入。"),
    "input.not_a_number": ("{field}: '{value}' is not a whole number.", "{field}：'{value}' 不是整数。"),
    "input.date_in_future": ("{field}: {value} is after today ({today}); record it once it has happened.",
                             "{field}：{value} 晚于今天（{today}）；请在发生后再记录。"),

    # amounts in yuan (core/money.py) and percentages (core/percent.py)
    "money.too_large": ("{field}: '{value}' is larger than the most an amount may be ({max}); check the digits.",
                        "{field}：'{value}' 超过金额上限（{max}），请核对位数。"),
    "money.negative": ("{field}: '{value}' is negative; give an amount of zero or more.",
                       "{field}：'{value}' 为负数，请填写零或正数金额。"),
    "money.not_a_number": ("{field}: '{value}' is not an amount; write it like 12,345.60 or ¥12345.6.",
                           "{field}：'{value}' 不是金额，请写成 12,345.60 或 ¥12345.6。"),
    "money.too_precise": ("{field}: '{value}' has more than two decimals (fen are the smallest unit); round it first.",
                          "{field}：'{value}' 超过两位小数（最小单位为分），请先取整。"),
    "percent.format": ("{field}: '{value}' is not a percentage from 0% to 100% with at most two decimals (e.g. 5% or 12.5%).",
                       "{field}：'{value}' 不是 0% 到 100% 之间、最多两位小数的百分比（如 5% 或 12.5%）。"),

    # configuration files (core/settings.py) and `zizhi config`
    "config.syntax": ("config: {where}: not valid TOML: {detail}", "配置：{where}：TOML 语法错误：{detail}"),
    "config.invalid": ("config: {detail}", "配置：{detail}"),
    "config.not_utf8": ("config: {file}: line {line} is not UTF-8 text; save the file as UTF-8.",
                        "配置：{file}：第 {line} 行不是 UTF-8 文本，请以 UTF-8 编码保存该文件。"),
    "config.unwritable": ("config: cannot write {path}: {detail}; set ZIZHI_CONFIG to a folder you can write.",
                          "配置：无法写入 {path}：{detail}；请将 ZIZHI_CONFIG 设为可写的文件夹。"),
    "config.unreadable": ("config: cannot read {file}: {detail}", "配置：无法读取 {file}：{detail}"),
    "config.written": ("wrote {path}", "已写入 {path}"),
    "config.kept": ("Your configuration in {folder} is already there; use --force to overwrite it.",
                    "配置已存在于 {folder}；如需覆盖请加 --force。"),
    "config.ok": ("ok: {path}", "通过：{path}"),

    # the database (core/store.py)
    "db.busy": ("The database is busy with another writer; try again in a moment.", "数据库正被其他操作写入，请稍后重试。"),
    "db.cannot_open": ("database: cannot open {path}: {detail}", "数据库：无法打开 {path}：{detail}"),
    "db.damaged": ("database: {path} is damaged ({detail}); restore it from a backup with: zizhi restore FILE",
                   "数据库：{path} 已损坏（{detail}）；请用备份恢复：zizhi restore 备份文件"),
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

    # files a command writes (core/paths.py: write_output)
    "output.is_directory": ("--output: {path} is a folder; give a file name, e.g. {path}/quote.pdf.",
                            "--output：{path} 是文件夹，请给出文件名，如 {path}/quote.pdf。"),
    "output.no_folder": ("--output: {folder} is not an existing folder; create it first or choose another.",
                         "--output：{folder} 不是已有的文件夹，请先创建或另选位置。"),
    "output.cannot_write": ("--output: cannot write {path}: {reason}; choose another place.",
                            "--output：无法写入 {path}：{reason}；请另选位置。"),

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

    # the audit hash chain (core/audit_chain.py, `zizhi audit verify`); exit 3 when broken
    "audit.intact": ("audit trail intact: {rows} rows, head #{head_id} {short}; {remembered} earlier heads still in it",
                     "审计记录完好：{rows} 条，末条 #{head_id} {short}；此前记下的 {remembered} 个末条仍在其中"),
    "audit.broken_changed": ("audit trail: row {id} ({at}) was changed after it was written (its hash no longer matches); compare it with a backup (zizhi restore) and find who had the file.",
                             "审计记录：第 {id} 条（{at}）写入后被改动（哈希不再匹配）；请与备份比对（zizhi restore），并查明谁接触过数据库文件。"),
    "audit.broken_unlinked": ("audit trail: row {id} does not follow row {before}: a row between them was deleted, or one was changed or inserted out of turn; compare with a backup (zizhi restore).",
                              "审计记录：第 {id} 条未接在第 {before} 条之后：两者之间有记录被删除，或有记录被改动、被插入；请与备份比对（zizhi restore）。"),
    "audit.broken_unhashed": ("audit trail: row {id} has no hash: it was written outside Zizhi; compare with a backup (zizhi restore).",
                              "审计记录：第 {id} 条没有哈希：它不是由资质系统写入的；请与备份比对（zizhi restore）。"),
    "audit.broken_rewritten": ("audit trail: row {id} is not the row seen there on {seen}: the trail was rewritten from there on; compare with a backup (zizhi restore).",
                               "审计记录：第 {id} 条与 {seen} 核对时所见不同：自此起记录被重写；请与备份比对（zizhi restore）。"),
    "audit.broken_truncated": ("audit trail: it ends at row {last}, but row {id} was seen on {seen}: rows were deleted from its end; compare with a backup (zizhi restore).",
                               "审计记录：止于第 {last} 条，但 {seen} 核对时已有第 {id} 条：末尾的记录被删除；请与备份比对（zizhi restore）。"),

    # backups and restores (core/backup.py) and the schema guard (core/store.py)
    "backup.admins_only": ("Backups are taken by admins only: a backup holds every record (you are {role}).",
                           "备份仅限管理员：备份包含全部记录（您的角色：{role}）。"),
    "backup.is_folder": ("backup: {path} is a folder; name a file in it, e.g. {path}/zizhi-backup.db.",
                         "备份：{path} 是文件夹；请指定其中的文件，如 {path}/zizhi-backup.db。"),
    "backup.is_database": ("backup: {path} is the database itself; name another file.", "备份：{path} 就是数据库本身；请指定另一个文件。"),
    "backup.no_folder": ("backup: {path}: the folder {folder} does not exist; create it first.",
                         "备份：{path}：文件夹 {folder} 不存在，请先创建。"),
    "backup.cannot_write": ("backup: {path}: you may not write in {folder}; choose another folder.",
                            "备份：{path}：您无权写入 {folder}，请选择其他文件夹。"),
    "backup.exists": ("backup: {path} already exists; choose a new name, or replace it with --force.",
                      "备份：{path} 已存在；请换一个文件名，或加 --force 覆盖。"),
    "backup.not_a_file": ("backup: {path} is not a regular file; --force replaces only files.",
                          "备份：{path} 不是普通文件；--force 只能覆盖文件。"),
    "backup.failed": ("backup: could not write {path}: {detail}; nothing was written.", "备份：无法写入 {path}：{detail}；未写入任何内容。"),
    "backup.not_intact": ("backup: the copy {path} failed its integrity check ({detail}); nothing was kept.",
                          "备份：副本 {path} 未通过完整性检查（{detail}）；未保留任何文件。"),
    "backup.written": ("backup written: {file} ({bytes} bytes, integrity ok, audit head #{head_id})",
                       "备份已写入：{file}（{bytes} 字节，完整性检查通过，审计末条 #{head_id}）"),
    "backup.before_migration": ("database schema {found} is older than this Zizhi's {known}: copied to {path} before migrating it.",
                                "数据库结构版本 {found} 早于本程序的 {known}：迁移前已备份到 {path}。"),
    "restore.admins_only": ("restore: {login} is not an admin of the current database {path}; only its admins may replace it.",
                            "恢复：{login} 不是当前数据库 {path} 的管理员；只有其管理员可以替换它。"),
    "restore.admins_only_in_copy": ("restore: {login} is not an admin in the copy {path}; only an admin of the restored data may restore it.",
                                    "恢复：{login} 在副本 {path} 中不是管理员；只有该数据中的管理员可以恢复它。"),
    "restore.no_file": ("restore: {path} is not a file; name a backup written by zizhi backup.",
                        "恢复：{path} 不是文件；请指定由 zizhi backup 写出的备份。"),
    "restore.corrupt": ("restore: {path} is not an intact database ({detail}); nothing was changed. Try an earlier backup.",
                        "恢复：{path} 不是完好的数据库（{detail}）；未做任何更改。请尝试更早的备份。"),
    "restore.same_file": ("restore: {path} is the database itself; name a backup of it.", "恢复：{path} 就是数据库本身；请指定它的备份。"),
    "restore.not_zizhi": ("restore: {path} is not a Zizhi database; nothing was changed.", "恢复：{path} 不是资质系统的数据库；未做任何更改。"),
    "restore.failed": ("restore: could not write {path}: {detail}", "恢复：无法写入 {path}：{detail}"),
    "restore.done": ("restored {file} into {database}; the replaced database is kept as {replaced}",
                     "已将 {file} 恢复到 {database}；被替换的数据库保留为 {replaced}"),
    "restore.done_new": ("restored {file} into {database}", "已将 {file} 恢复到 {database}"),
    "db.schema_newer": ("database: {path} has schema version {found}, newer than this Zizhi's {known}; upgrade Zizhi, or restore a backup made with this version. Nothing was changed.",
                        "数据库：{path} 的结构版本为 {found}，新于本程序的 {known}；请升级资质系统，或恢复由本版本制作的备份。未做任何更改。"),

    # tables of the CLI and the app: an empty or a cut-short listing, yes and no
    "list.empty": ("(nothing to show)", "（没有内容）"),
    "list.more": ("(the first {shown} shown; see more with --offset {shown} or --limit N)",
                  "（仅显示前 {shown} 条；用 --offset {shown} 或 --limit N 查看更多）"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),

    # demo data (core/demo.py, `zizhi demo`)
    "demo.done": ("Demo data: {users} colleagues, {clients} clients, {interactions} log entries.",
                  "演示数据：{users} 名同事，{clients} 个客户，{interactions} 条沟通记录。"),
    "demo.not_empty": ("demo: {path} already holds clients; demo data goes into a new database (--db NEW.db), or add it anyway with --add.",
                       "演示：{path} 中已有客户；请将演示数据写入新数据库（--db 新文件.db），或加 --add 仍然添加。"),
}
