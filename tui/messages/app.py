"""The app as a whole: its title, the frame every form shares, help, and an unexpected error."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the frame
    "tui.title": ("Zizhi", "资质"),
    "tui.subtitle": ("{name} · {role}", "{name} · {role}"),
    "tui.status.loading": ("Loading…", "加载中…"),

    # every form (tui/screens/form.py), and fields the deal's and the quote's forms share
    "tui.form.save": ("Save", "保存"),
    "tui.form.cancel": ("Cancel", "取消"),
    "tui.form.saving": ("Saving…", "保存中…"),
    "tui.form.choose": ("(choose)", "（请选择）"),
    "tui.form.date_hint": ("2026-12-05, tomorrow, next mon, +3d", "2026-12-05、明天、下周一、3天后"),
    "tui.date.unreadable": ("not a date", "不是日期"),
    "tui.form.hint": ("ctrl+s save · esc cancel", "ctrl+s 保存 · esc 取消"),
    "tui.form.fields_to_fix": ("Not saved: {count} fields need fixing — {fields} (marked in the form).",
                               "未保存：{count} 项需要修改——{fields}（已在表单中标出）。"),
    "tui.form.list_joint": (", ", "、"),
    "tui.field.reason": ("reason", "原因"),
    "tui.field.note": ("why", "原因说明"),

    # help and the language switch (tui/screens/help.py, the command palette)
    "tui.help.title": ("Keys", "快捷键"),
    "tui.help.palette": ("ctrl+p opens the command palette: every action, searchable by name.",
                         "ctrl+p 打开命令面板：所有操作都可按名称搜索。"),
    "tui.cmd.language": ("Switch language: 中文", "切换语言：English"),
    "tui.cmd.language.help": ("Show the app in Chinese, at the next start too", "以英文显示，下次启动也是"),
    "tui.note.language_not_saved": ("The language changed for now but could not be saved for the next start: {problem}",
                                    "语言已切换，但未能保存到下次启动：{problem}"),
    "tui.cmd.help": ("Show keys", "显示快捷键"),
    "tui.cmd.help.help": ("Every key of this screen", "本屏幕的全部快捷键"),

    # Textual's own palette commands and search fields (tui/palette.py, tui/app.py)
    "tui.sys.search": ("Search for commands…", "搜索命令…"),
    "tui.sys.no_matches": ("No matches found", "没有找到匹配项"),
    "tui.sys.search_themes": ("Search for themes…", "搜索主题…"),
    "tui.sys.theme": ("Theme", "主题"),
    "tui.sys.theme.help": ("Change the current theme", "更换界面主题"),
    "tui.sys.quit": ("Quit", "退出"),
    "tui.sys.quit.help": ("Quit the application as soon as possible", "立即退出程序"),
    "tui.sys.keys": ("Keys", "按键面板"),
    "tui.sys.keys.help": ("Show help for the focused widget and a summary of available keys",
                          "显示当前控件的说明和可用按键"),
    "tui.sys.keys.hide": ("Hide the keys and widget help panel", "隐藏按键和控件说明面板"),
    "tui.sys.maximize": ("Maximize", "最大化"),
    "tui.sys.maximize.help": ("Maximize the focused widget", "最大化当前控件"),
    "tui.sys.minimize": ("Minimize", "还原"),
    "tui.sys.minimize.help": ("Minimize the widget and restore to normal size", "将控件还原为正常大小"),

    # yes and no in the deal's sections and forms
    "tui.yes": ("yes", "是"),
    "tui.no": ("no", "否"),

    # an error nobody expected (tui/work.py)
    "tui.note.unexpected": ("Something went wrong: {detail}", "出现意外错误：{detail}"),
}
