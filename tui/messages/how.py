"""The way forward of a core message as said in the app: the key to press and where, in place of
the CLI command the message names in a terminal (``core.i18n.how``; shown by ``tui.work.problem_text``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "tui.how.deal.blocked": ("R on the deal screen", "在商机页按 R"),
    "tui.how.deal.end_signed_managers_only": ("ask a manager to end it on the deal screen (L lose, x cancel)", "请经理在商机页结束（L 丢单，x 取消）"),
    "tui.how.gate.assessment_missing": ("record one with a on the deal screen", "请在商机页按 a 记录"),
    "tui.how.gate.quote_not_accepted": ("A on the quote tab", "在报价页按 A"),
    "tui.how.gate.contract_missing": ("draw it up from the accepted quote with C on the deal screen", "请在商机页按 C 根据已接受的报价生成合同"),
    "tui.how.gate.contract_unsigned": ("record the signing with s on the contract tab", "请在合同页按 s 记录签订"),
    "tui.how.gate.contract_not_filed": ("f on the contract tab", "在合同页按 f"),
    "tui.how.gate.outcome_not_approved": ("o on the processing tab", "在办理页按 o"),
    "tui.how.quote.needs_pricing_approval": ("a manager must approve it first: P on the quote tab", "须先由经理审批：在报价页按 P"),
    "tui.how.review.pending": ("ask legal to press V on the deal's quote tab", "请法务在商机的报价页按 V"),
    "tui.how.review.rejected": ("V on the quote tab", "在报价页按 V"),
    "tui.how.review.outdated": ("V on the quote tab", "在报价页按 V"),
    "tui.how.contract.pay_unsigned": ("s on the contract tab", "在合同页按 s"),
    "tui.how.process.not_handed_over": ("H on the processing tab", "在办理页按 H"),
    "tui.how.deliver.not_approved": ("o on the processing tab", "在办理页按 o"),
    "tui.how.gate.steps_pending": ("mark each done, or skip it with the reason, with t on the processing tab", "请在办理页按 t 逐项标记完成，或注明原因跳过"),
    "tui.how.quote.not_editable": ("make a new version with N on the quote tab", "请在报价页按 N 制作新版本"),
    "tui.how.quote.not_draft_to_send": ("make a new version with N on the quote tab", "请在报价页按 N 制作新版本"),
    "tui.how.quote.not_sent": ("send a draft with S on the quote tab", "草稿请先在报价页按 S 发送"),
    "tui.how.quote.expired": ("make a new version with N on the quote tab and send it", "请在报价页按 N 制作新版本并发送"),
    "tui.how.contract.file_unsigned": ("s on the contract tab", "在合同页按 s"),
    "tui.how.contract.no_accepted_quote": ("A on the quote tab", "在报价页按 A"),
}
