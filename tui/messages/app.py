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

    # yes and no in the deal's sections and forms
    "tui.yes": ("yes", "是"),
    "tui.no": ("no", "否"),

    # an error nobody expected (tui/work.py)
    "tui.note.unexpected": ("Something went wrong: {detail}", "出现意外错误：{detail}"),
}
