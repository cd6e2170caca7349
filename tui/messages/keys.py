"""What each key does, in the footer and the help screen: one label per binding of ``tui/keymap.py``."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the whole app, help and forms
    "tui.key.help": ("Help", "帮助"),
    "tui.key.quit": ("Quit", "退出"),
    "tui.key.save": ("Save", "保存"),
    "tui.key.cancel": ("Cancel", "取消"),
    "tui.key.close": ("Close", "关闭"),
    "tui.key.palette": ("Commands", "命令"),

    # the client desk
    "tui.key.search": ("Search", "搜索"),
    "tui.key.add": ("Add client", "新增客户"),
    "tui.key.log": ("Log contact", "记录沟通"),
    "tui.key.edit": ("Edit", "编辑"),
    "tui.key.credit": ("Credit check", "信用评估"),
    "tui.key.due": ("Due follow-ups", "到期跟进"),
    "tui.key.back": ("Back", "返回"),
    "tui.key.import": ("Import", "导入"),
    "tui.key.export": ("Export the list", "导出列表"),
    "tui.key.table": ("To the list", "到列表"),
    "tui.key.refresh": ("Refresh", "刷新"),
    "tui.key.today": ("Today", "今日待办"),

    # the Today screen
    "tui.key.open_item": ("Open", "打开"),
    "tui.key.reminder_done": ("Done", "完成"),
    "tui.key.snooze": ("Snooze", "推迟"),

    # the pipeline board
    "tui.key.pipeline": ("Pipeline", "商机看板"),
    "tui.key.clients": ("Clients", "客户"),
    "tui.key.open_deal": ("Open", "打开"),
    "tui.key.forward": ("Advance", "推进"),
    "tui.key.backward": ("Back a stage", "回退"),
    "tui.key.new_deal": ("New deal", "新建商机"),
    "tui.key.lose": ("Lost", "丢单"),
    "tui.key.cancel_deal": ("Cancel deal", "取消商机"),
    "tui.key.mine": ("Mine", "我的"),
    "tui.key.owner": ("Owner filter", "按负责人筛选"),
    "tui.key.column_left": ("Column left", "左一列"),
    "tui.key.column_right": ("Column right", "右一列"),

    # the deal screen: its tabs, assessment and quote
    "tui.key.tab_overview": ("History & assessment", "历程与评估"),
    "tui.key.tab_quote": ("Quote", "报价"),
    "tui.key.tab_contract": ("Contract", "合同"),
    "tui.key.tab_processing": ("Processing", "办理"),
    "tui.key.tab_delivery": ("Certificates & visits", "证书与回访"),
    "tui.key.assess": ("Assess", "需求评估"),
    "tui.key.edit_deal": ("Edit deal", "编辑商机"),
    "tui.key.resolve": ("Resolve block", "解除暂停"),
    "tui.key.new_quote": ("New quote", "新报价"),
    "tui.key.edit_line": ("Edit line", "改报价行"),
    "tui.key.send_quote": ("Send", "发送报价"),
    "tui.key.accept_quote": ("Accepted", "客户接受"),
    "tui.key.quote_document": ("Document", "报价单"),
    "tui.key.reject_quote": ("Client declined", "客户拒绝"),
    "tui.key.expedite": ("Expedited on/off", "加急开关"),
    "tui.key.approve_review": ("Legal review", "法务审查"),
    "tui.key.approve_pricing": ("Manager: approve pricing", "经理审批价格"),

    # the deal's contract, processing and delivery
    "tui.key.new_contract": ("Draw up contract", "起草合同"),
    "tui.key.sign": ("Signed", "签订"),
    "tui.key.file_copy": ("File copy", "副本备案"),
    "tui.key.payment": ("Payment", "收款"),
    "tui.key.handover": ("Hand over", "移交办理"),
    "tui.key.step": ("Step", "办理步骤"),
    "tui.key.delay": ("Delay", "延误"),
    "tui.key.outcome": ("Outcome", "办理结果"),
    "tui.key.deliver": ("Deliver certificate", "交付证书"),
    "tui.key.visit": ("Visit done", "回访"),
}
