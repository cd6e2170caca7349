"""The pipeline board and the deal forms opened from it: new deal, lost, cancelled, back a stage, owner filter.

Used by ``tui/screens/pipeline.py``, ``deal_forms.py``, ``tui/widgets/stage_mover.py`` and ``tui/widgets/stage_column.py``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the board
    "tui.board.totals": ("{count} open deals · value {value} · weighted {weighted}",
                         "进行中商机 {count} 个 · 金额 {value} · 加权 {weighted}"),
    "tui.board.totals.one": ("{count} open deal · value {value} · weighted {weighted}",
                             "进行中商机 {count} 个 · 金额 {value} · 加权 {weighted}"),
    "tui.board.stuck": ("⚠ {count} stuck", "⚠ 停滞 {count} 个"),
    "tui.board.owner": ("deals of {owner} (m: all)", "{owner} 的商机（m：全部）"),
    "tui.board.all_owners": ("everyone's deals", "全部负责人"),
    "tui.board.own": ("your deals", "我的商机"),
    "tui.board.empty": ("No open deals: press n to open one.", "暂无进行中的商机：按 n 新建。"),
    "tui.board.count": ("{count} open", "{count} 个"),
    "tui.board.more": ("… {count} more (filter with m or o)", "……另有 {count} 个（用 m 或 o 筛选）"),
    "tui.board.idle": ("{days}d", "{days}天"),
    "tui.board.head_tip": ("value {value}, probability-weighted {weighted}", "金额 {value}，按成交概率加权 {weighted}"),
    "tui.board.no_further": ("deal {id} is at {stage}, the last stage.", "商机 {id} 已处于最后阶段（{stage}）。"),
    "tui.board.no_earlier": ("deal {id} is at {stage}, the first stage.", "商机 {id} 已处于第一阶段（{stage}）。"),

    # its forms
    "tui.field.qualifications": ("qualifications", "资质"),
    "tui.form.new_deal": ("New deal", "新建商机"),
    "tui.form.client_hint": ("client id, name, pinyin or credit code", "客户编号、名称、拼音或信用代码"),
    "tui.form.no_client": ("no client matches", "没有匹配的客户"),
    "tui.form.value_hint": ("estimated value in yuan, e.g. 30,000", "预计金额（元），如 30,000"),
    "tui.form.title_hint": ("(default: the qualifications' names)", "（默认：资质名称）"),
    "tui.form.lose": ("Deal {id} lost: {title}", "商机 {id} 丢单：{title}"),
    "tui.form.cancel_deal": ("Cancel deal {id}: {title}", "取消商机 {id}：{title}"),
    "tui.form.move_back": ("Move deal {id} back to {stage}", "将商机 {id} 回退到{stage}"),
    "tui.form.owner_filter": ("Whose deals to show", "显示谁的商机"),

    # the command palette
    "tui.cmd.clients": ("Show the clients", "显示客户"),
    "tui.cmd.clients.help": ("Back to the client desk", "返回客户工作台"),
    "tui.cmd.open_deal": ("Open the selected deal", "打开所选商机"),
    "tui.cmd.open_deal.help": ("Its history, assessment, quote, contract, processing", "查看历程、评估、报价、合同、办理"),
    "tui.cmd.open_deal_number": ("Open deal #{id}", "打开商机 #{id}"),
    "tui.cmd.open_found_deal": ("Open deal #{id} {title}", "打开商机 #{id} {title}"),
    "tui.cmd.open_found_deal.help": ("{client} · {stage}", "{client} · {stage}"),
    "tui.cmd.forward": ("Move the deal to the next stage", "将商机推进到下一阶段"),
    "tui.cmd.forward.help": ("The stage's gate must be met; a refusal says what is missing", "须满足阶段条件；不满足时会说明缺少什么"),
    "tui.cmd.backward": ("Move the deal back a stage", "将商机回退一个阶段"),
    "tui.cmd.backward.help": ("Managers only, with a note", "仅限经理，需填写原因"),
    "tui.cmd.new_deal": ("New deal", "新建商机"),
    "tui.cmd.new_deal.help": ("For a client and the qualifications they need", "为客户及其所需资质新建商机"),
    "tui.cmd.lose": ("Mark the deal lost", "标记商机丢单"),
    "tui.cmd.lose.help": ("With the reason", "需填写原因"),
    "tui.cmd.cancel_deal": ("Cancel the deal", "取消商机"),
    "tui.cmd.cancel_deal.help": ("With the reason", "需填写原因"),
    "tui.cmd.mine": ("Show only my deals", "只看我的商机"),
    "tui.cmd.mine.help": ("Toggle between your deals and everyone's", "在我的商机与全部商机之间切换"),
    "tui.cmd.owner": ("Show the deals of a salesperson", "按负责人筛选商机"),
    "tui.cmd.owner.help": ("Choose whose deals the board shows", "选择看板显示哪位负责人的商机"),
    "tui.cmd.refresh_board": ("Refresh the board", "刷新看板"),
    "tui.cmd.refresh_board.help": ("Reload from the database (others may have moved deals)", "从数据库重新加载（他人可能已推进商机）"),

    # after an action
    "tui.note.no_deal": ("Select a deal first (arrow keys on the board).", "请先选择一个商机（在看板上用方向键）。"),
    "tui.note.moved": ("Deal {id} moved to {stage}.", "商机 {id} 已推进到{stage}。"),
    "tui.note.deal_opened": ("Opened deal {id}: {title}.", "已新建商机 {id}：{title}。"),
    "tui.note.deal_ended": ("Deal {id} {stage}: {reason}", "商机 {id} {stage}：{reason}"),
    "tui.note.ended": ("Deal {id} ended: {stage}.", "商机 {id} 已结束：{stage}。"),
}
