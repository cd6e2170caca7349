"""The deal's quote: the editor and its totals, legal's review, the pricing approval, the client's answer.

Used by the quote panel and line editor (``tui/widgets/deal/``) and the quote document screen.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the quote editor
    "tui.quote.document": ("Quote {number} as the client reads it", "报价单 {number}（客户所见）"),
    "tui.quote.none": ("No quote yet — press N to draft one from the deal's qualifications.", "尚无报价——按 N 根据商机资质起草报价。"),
    "tui.quote.versions": ("versions", "版本"),
    "tui.quote.status.draft": ("draft", "草稿"),
    "tui.quote.status.sent": ("sent", "已发送"),
    "tui.quote.status.accepted": ("accepted", "已接受"),
    "tui.quote.status.rejected": ("rejected", "已拒绝"),
    "tui.quote.status.expired": ("expired", "已过期"),
    "tui.quote.col.code": ("qualification", "资质"),
    "tui.quote.col.quantity": ("qty", "数量"),
    "tui.quote.col.government": ("government fee", "政府规费"),
    "tui.quote.col.service": ("service fee", "服务费"),
    "tui.quote.col.discount": ("discount", "折扣"),
    "tui.quote.col.surcharge": ("surcharge", "加急费"),
    "tui.quote.col.tax": ("tax", "税费"),
    "tui.quote.col.total": ("total", "小计"),
    "tui.quote.edit.quantity": ("qty", "数量"),
    "tui.quote.edit.service_fee": ("service fee ¥", "服务费 ¥"),
    "tui.quote.edit.discount": ("discount", "折扣"),
    "tui.quote.total.government": ("government fees", "政府规费"),
    "tui.quote.total.service": ("service fees", "服务费"),
    "tui.quote.total.discount": ("discounts", "折扣"),
    "tui.quote.total.surcharge": ("surcharges", "加急费"),
    "tui.quote.total.tax": ("tax (VAT)", "增值税"),
    "tui.quote.total.total": ("TOTAL", "合计"),
    "tui.quote.number": ("quote", "报价"),
    "tui.quote.valid_until": ("valid until", "有效期至"),
    "tui.quote.expedited": ("expedited", "加急"),
    "tui.quote.review": ("legal review", "合规审查"),
    "tui.quote.pricing": ("pricing", "价格审批"),
    "tui.quote.needs_approval": ("needs a manager's approval before sending", "发送前须经理审批"),
    "tui.quote.approved_by": ("approved by {by}", "已由 {by} 审批"),
    "tui.quote.decision": ("client's answer", "客户答复"),
    "tui.quote.reason.discount": ("{code}: discount {discount} over your limit {limit}", "{code}：折扣 {discount} 超过您的权限 {limit}"),
    "tui.quote.reason.floor": ("{code}: net price {price} under the floor {floor}", "{code}：折后单价 {price} 低于底价 {floor}"),

    # legal's review
    "tui.review.pending": ("waiting for legal", "待法务审查"),
    "tui.review.approved": ("approved", "已通过"),
    "tui.review.rejected": ("rejected", "未通过"),
    "tui.review.outdated": ("changed since legal's review: review again", "审查后已修改，需重新审查"),

    # the client's refusal and the pricing approval
    "tui.form.reject_quote": ("The client declined quote {number}", "客户拒绝报价 {number}"),
    "tui.form.approve_pricing": ("Approve the pricing of quote {number}", "审批报价 {number} 的价格"),

    # the command palette
    "tui.cmd.new_quote": ("New quote version", "新建报价版本"),
    "tui.cmd.new_quote.help": ("A draft at list prices from the deal's qualifications", "按目录价根据商机资质起草"),
    "tui.cmd.edit_line": ("Edit the quote line", "修改报价行"),
    "tui.cmd.edit_line.help": ("Quantity, service fee, discount — totals follow as you type", "数量、服务费、折扣——合计随输入更新"),
    "tui.cmd.send_quote": ("Send the quote", "发送报价"),
    "tui.cmd.send_quote.help": ("After legal's review (and a manager's approval if priced beyond policy)", "须法务审查通过（超出价格政策时还须经理审批）"),
    "tui.cmd.accept_quote": ("The client accepted the quote", "客户已接受报价"),
    "tui.cmd.accept_quote.help": ("Sets the deal's value; the contract is based on it", "更新商机金额；合同以此为准"),
    "tui.cmd.reject_quote": ("The client declined the quote", "客户拒绝了报价"),
    "tui.cmd.reject_quote.help": ("With the reason, for the next version", "记录原因，供下一版参考"),
    "tui.cmd.quote_document": ("Show the quote document", "查看报价单"),
    "tui.cmd.quote_document.help": ("The quote as the client receives it", "客户收到的报价单"),
    "tui.cmd.expedite": ("Expedited handling on or off", "切换加急办理"),
    "tui.cmd.expedite.help": ("Adds or removes the expedited surcharge on a draft", "为草稿报价加上或去掉加急费"),
    "tui.cmd.approve_review": ("Approve the quote (legal review)", "合规审查通过"),
    "tui.cmd.approve_review.help": ("Legal: what the quote promises is lawful", "法务：报价承诺内容合法合规"),
    "tui.cmd.approve_pricing": ("Approve the quote's pricing", "审批报价价格"),
    "tui.cmd.approve_pricing.help": ("Managers: a discount or price beyond policy, with a note", "经理：超出政策的折扣或价格，需填写说明"),

    # after an action
    "tui.note.no_quote": ("This deal has no quote yet: press N to make one.", "此商机尚无报价：按 N 新建。"),
    "tui.note.quote_made": ("Quote {number} drafted from the catalogue.", "已根据资质目录起草报价 {number}。"),
    "tui.note.quote_sent": ("Quote {number} sent to the client.", "报价 {number} 已发送给客户。"),
    "tui.note.quote_accepted": ("Quote {number} accepted by the client.", "客户已接受报价 {number}。"),
    "tui.note.quote_rejected": ("Quote {number}: the client's refusal is recorded.", "已记录客户拒绝报价 {number}。"),
    "tui.note.pricing_approved": ("Pricing of quote {number} approved.", "报价 {number} 的价格已审批。"),
    "tui.note.review_approved": ("Quote {number} passed legal's review.", "报价 {number} 已通过合规审查。"),
    "tui.quote.preview": ("not saved — enter saves, esc drops it", "未保存——回车保存，Esc 放弃"),
    "tui.note.line_saved": ("Quote {number}: line {code} saved.", "报价 {number}：{code} 已保存。"),
}
