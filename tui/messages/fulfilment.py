"""The deal's contract, processing and delivery: their forms, choices and notes.

Used by ``tui/screens/contract_forms.py``, ``processing_forms.py``, ``delivery_forms.py`` and the
contract, processing and delivery widgets in ``tui/widgets/deal/``.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # choices in the forms
    "tui.outcome.approved": ("approved", "已获批"),
    "tui.outcome.rejected": ("rejected", "被驳回"),
    "tui.step.pending": ("pending", "未开始"),
    "tui.step.in_progress": ("in progress", "进行中"),
    "tui.step.done": ("done", "已完成"),
    "tui.step.skipped": ("skipped", "已跳过"),
    "tui.office.finance": ("finance", "财务"),
    "tui.office.legal": ("legal", "法务"),

    # the forms
    "tui.form.new_contract": ("Contract for deal {id}: {title}", "商机 {id} 的合同：{title}"),
    "tui.form.schedule_hint": ("(default: the credit policy's) e.g. 2026-12-01=1,000; 2027-01-15=2,180",
                               "（默认按信用政策）如 2026-12-01=1,000; 2027-01-15=2,180"),
    "tui.form.guarantee_hint": ("who guarantees, if the rating needs it", "担保方（信用等级要求时必填）"),
    "tui.form.penalty_hint": ("(default: the standard clause)", "（默认：标准违约条款）"),
    "tui.form.sign": ("Contract {number} signed", "合同 {number} 签订"),
    "tui.form.file_copy": ("File a copy of contract {number}", "合同 {number} 副本备案"),
    "tui.form.payment": ("Payment received on contract {number}", "合同 {number} 收款"),
    "tui.form.handover": ("Hand deal {id} over to operations: {title}", "将商机 {id} 移交办理：{title}"),
    "tui.form.step": ("A processing step of deal {id}: {title}", "商机 {id} 的办理步骤：{title}"),
    "tui.form.delay": ("A delay in processing deal {id}: {title}", "商机 {id} 办理延误：{title}"),
    "tui.form.outcome": ("The decision on deal {id}: {title}", "商机 {id} 的办理结果：{title}"),
    "tui.form.reason_hint": ("needed when rejected", "被驳回时必填"),
    "tui.form.skip_hint": ("needed when skipped: why this client does not need it", "跳过时必填：该客户无需此步骤的原因"),
    "tui.form.deliver": ("Deliver a certificate of deal {id}: {title}", "交付商机 {id} 的证书：{title}"),
    "tui.form.expiry_hint": ("(default: from the catalogue's validity)", "（默认按资质目录的有效期）"),
    "tui.form.visit": ("Follow-up visit of deal {id}: {title}", "商机 {id} 回访：{title}"),
    "tui.form.visit_due": ("visit due {date}", "{date} 到期的回访"),
    "tui.form.codes_hint": ("codes that open a new deal, e.g. CIQ-FILING", "需新开商机的资质代码，如 CIQ-FILING"),
    "tui.field.office": ("filed with", "备案部门"),
    "tui.field.instalments": ("instalments", "分期付款"),
    "tui.field.new_deal_codes": ("new deal for", "新商机资质"),

    # the command palette
    "tui.cmd.new_contract": ("Draw up the contract", "起草合同"),
    "tui.cmd.new_contract.help": ("From the accepted quote, with the instalments and a guarantee",
                                  "依据已接受的报价，含分期与担保"),
    "tui.cmd.sign": ("The contract is signed", "合同已签订"),
    "tui.cmd.sign.help": ("The date both parties signed", "双方签订日期"),
    "tui.cmd.file_copy": ("File a copy of the contract", "合同副本备案"),
    "tui.cmd.file_copy.help": ("With finance or with legal", "交财务或法务备案"),
    "tui.cmd.payment": ("Record a payment", "登记收款"),
    "tui.cmd.payment.help": ("Money received, against the earliest instalments (finance)", "已收款项，冲抵最早的分期（财务）"),
    "tui.cmd.handover": ("Hand over to operations", "移交办理"),
    "tui.cmd.handover.help": ("Starts processing once the contract is filed and paid", "合同备案并收款后开始办理"),
    "tui.cmd.step": ("Mark a processing step", "更新办理步骤"),
    "tui.cmd.step.help": ("Done, in progress, or skipped with the reason", "已完成、进行中，或注明原因跳过"),
    "tui.cmd.delay": ("Record a delay", "登记延误"),
    "tui.cmd.delay.help": ("Its cause, the days, whether the client was told", "原因、天数、是否已告知客户"),
    "tui.cmd.outcome": ("Record the authority's decision", "登记办理结果"),
    "tui.cmd.outcome.help": ("Approved, or rejected with the reason", "获批，或被驳回及原因"),
    "tui.cmd.deliver": ("Deliver a certificate", "交付证书"),
    "tui.cmd.deliver.help": ("Its number, issue date and usage notes", "证书编号、发证日期与使用须知"),
    "tui.cmd.visit": ("Record a follow-up visit", "登记回访"),
    "tui.cmd.visit.help": ("Satisfaction, remarks and new needs", "满意度、反馈与新需求"),

    # after an action
    "tui.note.no_contract_yet": ("Deal {id} has no contract yet: press C to draw it up.", "商机 {id} 尚无合同：按 C 起草。"),
    "tui.note.contract_made": ("Contract {number} drawn up.", "已起草合同 {number}。"),
    "tui.note.signed": ("Contract {number} signed.", "合同 {number} 已签订。"),
    "tui.note.filed": ("A copy of contract {number} is filed.", "合同 {number} 副本已备案。"),
    "tui.note.paid": ("Payment on contract {number} recorded.", "已登记合同 {number} 的收款。"),
    "tui.note.handed_over": ("Deal {id} handed over: {stage}.", "商机 {id} 已移交：{stage}。"),
    "tui.note.step_marked": ("Step of deal {id} recorded.", "已更新商机 {id} 的办理步骤。"),
    "tui.note.delay_recorded": ("Delay of deal {id} recorded.", "已登记商机 {id} 的延误。"),
    "tui.note.outcome_recorded": ("Decision on deal {id} recorded.", "已登记商机 {id} 的办理结果。"),
    "tui.note.all_delivered": ("Every certificate of deal {id} is delivered.", "商机 {id} 的证书已全部交付。"),
    "tui.note.delivered": ("Certificate {code} {number} delivered.", "已交付证书 {code} {number}。"),
    "tui.note.no_open_visit": ("Deal {id} has no visit to record.", "商机 {id} 没有待登记的回访。"),
    "tui.note.visit_recorded": ("Visit of {date} recorded; the deal is at {stage}.", "已登记 {date} 的回访；商机处于{stage}。"),
}
