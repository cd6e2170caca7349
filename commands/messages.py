"""The CLI's own texts: how a failed command is told in one line. Registered by ``commands.main``."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.internal_error": ("internal error ({kind}); details in {path}",
                           "内部错误（{kind}）；详情见 {path}"),
    "cli.internal_error_unlogged": ("internal error ({kind}: {detail}); the log {path} could not be written",
                                    "内部错误（{kind}：{detail}）；无法写入日志 {path}"),
    "cli.see_help": ("{problem} (see {command} --help)", "{problem}（见 {command} --help）"),
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
    "cli.unknown_language": ("'{value}' is not a language Zizhi speaks ({allowed})", "'{value}' 不是资质系统支持的语言（{allowed}）"),
}
