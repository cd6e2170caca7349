"""The CLI's own texts: how a failed command is told in one line. Registered by ``commands.main``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.internal_error": ("internal error ({kind}); details in {path}",
                           "内部错误（{kind}）；详情见 {path}"),
    "cli.internal_error_unlogged": ("internal error ({kind}: {detail}); the log {path} could not be written",
                                    "内部错误（{kind}：{detail}）；无法写入日志 {path}"),
    "cli.see_help": ("{problem} (see {command} --help)", "{problem}（见 {command} --help）"),
    "cli.json_or_csv": ("--json and --csv each print the whole answer: choose one",
                        "--json 与 --csv 各自输出完整结果：请只选其一"),
    "cli.no_such_option": ("no such option: {option}", "没有这个选项：{option}"),
    "cli.no_such_command": ("no such command: {name}", "没有这个命令：{name}"),
    "cli.did_you_mean": ("{problem}; did you mean {choices}?", "{problem}；是否想输入 {choices}？"),
    "cli.missing_argument": ("missing argument {name}", "缺少参数 {name}"),
    "cli.missing_option": ("missing option {name}", "缺少选项 {name}"),
    "cli.missing_command": ("missing command", "缺少命令"),
    "cli.needs_value": ("option {option} needs a value", "选项 {option} 需要一个值"),
    "cli.takes_no_value": ("option {option} takes no value", "选项 {option} 不接受值"),
    "cli.bad_value": ("invalid value for {name}: {detail}", "{name} 的值无效：{detail}"),
    "cli.extra_arguments": ("unexpected extra arguments: {args}", "多余的参数：{args}"),
    "cli.usage": ("wrong usage: {detail}", "用法错误：{detail}"),
    "cli.aborted": ("aborted", "已中止"),
    "cli.no_terminal": ("the app needs a terminal; from cron or a script run a command instead (see zizhi --help)",
                        "应用需要在终端中运行；在 cron 或脚本中请改用命令（见 zizhi --help）"),
    # zizhi import (commands/import_cmd.py)
    "import.done": ("{file} ({kind}): read {rows} — created {created}, updated {updated}, "
                    "already on file {unchanged}, refused {rejected}.",
                    "{file}（{kind}）：共 {rows} 行——新建 {created}，更新 {updated}，"
                    "已存在 {unchanged}，拒绝 {rejected}。"),
    "import.dry_run": ("dry run, nothing written — {file} ({kind}): read {rows} — would create "
                       "{created}, update {updated}; already on file {unchanged}, refused {rejected}.",
                       "试运行，未写入——{file}（{kind}）：共 {rows} 行——将新建 {created}，更新 {updated}；"
                       "已存在 {unchanged}，拒绝 {rejected}。"),
    "import.nothing": ("nothing imported — {file} ({kind}): read {rows}, refused {rejected}.",
                       "未导入任何数据——{file}（{kind}）：共 {rows} 行，拒绝 {rejected}。"),
    "import.kind": ("{format}, {encoding}", "{format}，{encoding}"),  # a workbook has no encoding: "(XLSX)"
    "import.no_rows": ("{file} ({kind}): no rows to import below the header; nothing written.",
                       "{file}（{kind}）：标题行下没有可导入的行；未写入任何数据。"),
    "kpi.pdf_or_printed": ("{option} prints the table, while --pdf/-o/--chart write the team's PDF: ask for one — "
                           "--pdf -o 团队-2026Q4.pdf, or {option} alone",
                           "{option} 输出表格，而 --pdf/-o/--chart 写团队 PDF：二者只能选一——"
                           "--pdf -o 团队-2026Q4.pdf，或只用 {option}"),
    "import.errors_needs_skip": ("--errors names where --skip-invalid writes the refused rows; add --skip-invalid, "
                                 "or leave --errors out",
                                 "--errors 指定 --skip-invalid 写入被拒绝行的文件；请加上 --skip-invalid，或去掉 --errors"),
    "import.mend_or_skip": ("mend the {count} rows above and import the file again, or --skip-invalid imports the "
                            "others and writes these to an errors file.",
                            "请修改以上 {count} 行后重新导入，或用 --skip-invalid 导入其余各行，并把这些行写入错误文件。"),
    "import.mend_or_skip.one": ("mend the row above and import the file again, or --skip-invalid imports the "
                                "others and writes it to an errors file.",
                                "请修改以上 1 行后重新导入，或用 --skip-invalid 导入其余各行，并把这一行写入错误文件。"),
    # zizhi export (commands/export_cmd.py)
    "export.written": ("{count} rows of {kind} written to {file} ({format}).", "已将 {count} 行{kind}写入 {file}（{format}）。"),
    "export.written.one": ("1 row of {kind} written to {file} ({format}).", "已将 1 行{kind}写入 {file}（{format}）。"),
    "export.kind.clients": ("clients", "客户"),
    "export.kind.interactions": ("the log", "沟通记录"),
    "export.kind.deals": ("deals", "商机"),
    "export.kind.receivables": ("receivables", "应收账款"),
    "export.masked": ("contact details are masked for your role (138****5678).", "按您的角色，联系方式已部分隐藏（138****5678）。"),
    "cli.unknown_language": ("'{value}' is not a language Zizhi speaks ({allowed})", "'{value}' 不是资质系统支持的语言（{allowed}）"),
}
