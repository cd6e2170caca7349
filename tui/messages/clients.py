"""The client desk: the list and its search, a client's detail, the client and log forms.

Used by ``tui/screens/clients.py``, ``client_form.py``, ``log_form.py`` and ``tui/widgets/client_*.py``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the list and its search
    "tui.col.next": ("next follow-up", "下次跟进"),
    "tui.search.placeholder": ("Search clients: name, contact, phone, credit code, pinyin (nb, ningbo)…",
                               "搜索客户：名称、联系人、电话、信用代码、拼音（nb、ningbo）…"),
    "tui.search.placeholder_short": ("Search name, phone, pinyin, code", "搜索：名称、电话、拼音、代码"),
    # two lines, so the command is never broken across them
    "tui.status.empty": ("No clients yet: press a to add one.\nA demo: zizhi --db demo.db demo",
                         "还没有客户：按 a 新增。\n演示数据：zizhi --db demo.db demo"),
    # The whole list's size, which the table scrolls through a few pages at a time.
    "tui.status.clients": ("{total} clients", "{total} 个客户"),
    "tui.status.clients.one": ("{total} client", "{total} 个客户"),
    "tui.status.matches": ("{shown} matching “{query}”", "匹配“{query}”：{shown} 个"),
    "tui.status.matches_more": ("first {shown} matching “{query}” — type more to narrow", "匹配“{query}”的前 {shown} 个——继续输入以缩小范围"),
    "tui.status.due": ("{total} due — follow-ups dated {date} or earlier", "{total} 个待跟进——跟进日期不晚于 {date}"),
    "tui.status.due_filter": ("only follow-ups due by {date}", "仅显示截至 {date} 到期的跟进"),

    # a client's detail
    "tui.detail.empty": ("No client selected.", "未选择客户。"),
    "tui.detail.last_contact": ("last contact", "最近沟通"),
    "tui.detail.next": ("follow-up", "下次跟进"),
    "tui.detail.none": ("none", "无"),
    "tui.detail.log": ("Communication log", "沟通记录"),
    "tui.detail.record": ("Record", "客户资料"),
    "tui.detail.no_log": ("Nothing logged yet — press l to log a contact.", "暂无沟通记录——按 l 记录一次沟通。"),
    "tui.detail.overdue": ("overdue", "已逾期"),
    "tui.detail.due_today": ("due today", "今天到期"),

    # the client and log forms
    "tui.field.next_step": ("next step", "下一步"),
    "tui.field.next_date": ("next date", "跟进日期"),
    "tui.form.add_client": ("New client", "新增客户"),
    "tui.form.edit_client": ("Edit client {name}", "编辑客户 {name}"),
    "tui.form.log": ("Log contact with {name}", "记录与 {name} 的沟通"),
    "tui.form.next_closes": ("blank: the follow-up “{step}” of {date} is closed", "留空：将结束 {date} 的跟进“{step}”"),
    "tui.form.credit": ("Credit check of {name}", "{name} 的信用评估"),
    "tui.note.credit_checked": ("{name} is now rated {rating}.", "{name} 的信用等级已更新为 {rating}。"),
    "tui.form.unassigned": ("(unassigned)", "（未分配）"),

    # the command palette
    "tui.cmd.import": ("Import clients from a file", "从文件导入客户"),
    "tui.cmd.import.help": ("A CSV or Excel file of leads: checked first, then imported", "展会线索等 CSV 或 Excel 文件：先检查，再导入"),
    "tui.import.title": ("Import clients from a file", "从文件导入客户"),
    "tui.import.path": ("The file: ~/下载/展会线索.csv, leads.xlsx …", "文件：~/下载/展会线索.csv、leads.xlsx …"),
    "tui.import.hint": ("CSV (UTF-8 or GBK, as Excel saves it), an Excel workbook, JSON. Enter checks it; nothing is "
                        "written until you import.",
                        "CSV（UTF-8 或 GBK，与 Excel 保存的一致）、Excel 工作簿或 JSON。按回车检查；导入前不会写入任何数据。"),
    "tui.import.checking": ("Checking every row…", "正在检查每一行…"),
    "tui.import.would": ("{file}: {rows} rows — {created} new, {updated} to update, {unchanged} already on file, "
                         "{rejected} refused.",
                         "{file}：共 {rows} 行——新建 {created}，更新 {updated}，已存在 {unchanged}，拒绝 {rejected}。"),
    "tui.import.check": ("Check", "检查"),
    "tui.import.run": ("Import", "导入"),
    "tui.import.run_good": ("Import the good rows", "导入正确的行"),
    "tui.import.col.line": ("line", "行"),
    "tui.import.col.column": ("column", "列"),
    "tui.import.col.reason": ("why it is refused", "拒绝原因"),
    "tui.import.done": ("{file}: {created} clients created, {unchanged} already on file, {rejected} refused.",
                        "{file}：新建 {created} 个客户，已存在 {unchanged}，拒绝 {rejected}。"),
    "tui.cmd.add": ("Add client", "新增客户"),
    "tui.cmd.add.help": ("Open the form for a new client", "打开新增客户表单"),
    "tui.cmd.log": ("Log contact with the selected client", "记录与所选客户的沟通"),
    "tui.cmd.log.help": ("Call, visit, email… with the agreed next step", "电话、拜访、邮件……以及约定的下一步"),
    "tui.cmd.edit": ("Edit the selected client", "编辑所选客户"),
    "tui.cmd.edit.help": ("Change the selected client's record", "修改所选客户的资料"),
    "tui.cmd.credit": ("Record a credit check of the selected client", "为所选客户记录信用评估"),
    "tui.cmd.credit.help": ("Rating, how it was checked and any guarantee; the credit policy follows it",
                            "信用等级、评估方式及担保；信用政策据此执行"),
    "tui.cmd.search": ("Search clients", "搜索客户"),
    "tui.cmd.search.help": ("Focus the search box", "跳到搜索框"),
    "tui.cmd.due": ("Show follow-ups due", "显示到期跟进"),
    "tui.cmd.due.help": ("Toggle the filter of clients whose follow-up is due", "切换只看跟进已到期的客户"),
    "tui.cmd.refresh": ("Refresh the client list", "刷新客户列表"),
    "tui.cmd.refresh.help": ("Reload from the database (others may have changed it)", "从数据库重新加载（他人可能已修改）"),
    "tui.cmd.open": ("Open client {name}", "打开客户 {name}"),
    "tui.cmd.open.help": ("{contact} {city}", "{contact} {city}"),
    "tui.cmd.pipeline": ("Show the pipeline board", "显示商机看板"),
    "tui.cmd.pipeline.help": ("Deals by stage, moved through the gates", "按阶段查看商机并推进"),
    "tui.cmd.deal_for_client": ("New deal for the selected client", "为所选客户新建商机"),
    "tui.cmd.deal_for_client.help": ("Opens the board's new-deal form with the client filled in", "打开新建商机表单并填好客户"),

    # after an action
    "tui.note.added": ("Added client {name}.", "已新增客户 {name}。"),
    "tui.note.added_unshown_search": ("Added client {name}; it is not among the clients found for “{query}” (Esc clears the search).",
                                      "已新增客户 {name}；它不在“{query}”的搜索结果中（按 Esc 清除搜索）。"),
    "tui.note.added_unshown_due": ("Added client {name}; it has no follow-up due, so the due list does not show it (d shows every client).",
                                   "已新增客户 {name}；它没有到期的跟进，不在到期列表中（按 d 显示全部客户）。"),
    "tui.note.saved": ("Saved client {name}.", "已保存客户 {name}。"),
    "tui.note.logged": ("Logged contact with {name}.", "已记录与 {name} 的沟通。"),
    "tui.note.no_selection": ("Select a client first (arrows in the table, or / to search).",
                              "请先选择客户（在表格中用方向键，或按 / 搜索）。"),
}
