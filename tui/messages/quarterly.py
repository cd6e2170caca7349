"""The quarterly report screens (季度个人工作总结, issue 12): a person's report for a quarter, the
form its sections are written in, filing it, and the managers' list of who has filed."""

MESSAGES: dict[str, tuple[str, str]] = {
    # keys (tui/keymap.py)
    "tui.key.quarterly": ("Quarterly report", "季度总结"),
    "tui.key.write_report": ("Write", "撰写"),
    "tui.key.file_report": ("File", "提交"),
    "tui.key.review_report": ("Review", "审阅"),
    "tui.key.open_report": ("Read", "查看"),
    "tui.key.confirm_file": ("File it", "确认提交"),
    # the palette
    "tui.cmd.quarterly": ("Quarterly report", "季度总结"),
    "tui.cmd.quarterly.help": ("季度个人工作总结: your figures and your account of the quarter; managers: who has filed",
                               "季度个人工作总结：本季度业绩及工作总结；经理：查看提交情况"),
    "tui.cmd.write_report": ("Write the quarterly report", "撰写季度总结"),
    "tui.cmd.write_report.help": ("Results, problems met, solutions, plans (ctrl+s saves)",
                                  "工作成果、遇到的问题、解决方案、下季度计划（ctrl+s 保存）"),
    "tui.cmd.file_report": ("File the quarterly report", "提交季度总结"),
    "tui.cmd.file_report.help": ("Its figures are frozen and it is kept as filed", "提交后数字冻结，内容不能再修改"),
    "tui.cmd.review_report": ("Review the quarterly report", "审阅季度总结"),
    "tui.cmd.review_report.help": ("Your comment, and the report marked reviewed", "填写审阅意见并标记为已审阅"),
    "tui.cmd.open_report": ("Read the person's report", "查看此人的总结"),
    "tui.cmd.open_report.help": ("The report of the person under the cursor", "光标所在人员的季度总结"),
    "tui.cmd.quarter_earlier": ("The quarter before", "上一季度"),
    "tui.cmd.quarter_earlier.help": ("The same report a quarter earlier", "同一报表的上一季度"),
    "tui.cmd.quarter_later": ("The quarter after", "下一季度"),
    "tui.cmd.quarter_later.help": ("The same report a quarter later", "同一报表的下一季度"),
    # the report
    "tui.quarterly.opens": ("Not filed yet: it can be filed from {opens} (f).", "尚未提交：自 {opens} 起可以提交（按 f）。"),
    "tui.quarterly.opens_other": ("Not filed yet: it can be filed from {opens}.", "尚未提交：自 {opens} 起可以提交。"),
    "tui.quarterly.figures": ("Figures of the quarter", "本季度业绩"),
    "tui.quarterly.figures_filed": ("Figures as filed", "提交时的业绩"),
    "tui.quarterly.metric": ("KPI", "指标"),
    "tui.quarterly.review": ("Manager's review", "经理审阅意见"),
    "tui.quarterly.reviewed_by": ("— {reviewer} ({login}), {at}", "—— {reviewer}（{login}），{at}"),
    "tui.quarterly.section.results": ("Results", "工作成果"),
    "tui.quarterly.section.problems": ("Problems met", "遇到的问题"),
    "tui.quarterly.section.solutions": ("Solutions", "解决方案"),
    "tui.quarterly.section.plans": ("Plans for next quarter", "下季度计划"),
    "tui.quarterly.comment": ("Comment", "审阅意见"),
    # the forms
    "tui.form.write_report": ("Quarterly report {quarter} — {name}", "{quarter} 季度个人工作总结 — {name}"),
    "tui.form.review_report": ("Review: {name} ({login}), {quarter}", "审阅：{name}（{login}），{quarter}"),
    "tui.quarterly.confirm_title": ("File the report for {quarter}?", "提交 {quarter} 的总结？"),
    "tui.quarterly.confirm_body": ("Its figures are frozen as they stand today and it can no longer be changed; "
                                   "your manager reviews it next.",
                                   "提交后数字按今天冻结，内容不能再修改；随后由经理审阅。"),
    "tui.quarterly.confirm_keys": ("y or Enter: file it · Esc: not now", "y 或 回车：确认提交 · Esc：暂不提交"),
}
