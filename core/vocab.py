"""The closed vocabularies of a client record, and the spellings users type for them.

A salesperson may type 'trade-show', 'Trade show' or '展会'; all mean ``trade_show``.
"""

from __future__ import annotations

from zizhi.core.errors import InputError
from zizhi.core.pipeline.stages import ENDINGS, STAGES

ROLES = ("sales", "manager", "finance", "legal", "operations", "admin")
SIZES = ("micro", "small", "medium", "large")
URGENCIES = ("urgent", "high", "normal", "low")
CHANNELS = ("trade_show", "online", "referral", "inquiry", "other")
LOG_CHANNELS = ("phone", "email", "visit", "chat", "meeting", "other")
PAYMENT_METHODS = ("bank_transfer", "cash", "cheque", "acceptance_bill", "online", "other")
# How a client's credit was checked: the public registry (国家企业信用信息公示系统), a rating agency, or
# what the client's own payments showed.
CREDIT_METHODS = ("registry", "third_party", "payment_history")
# The two kinds of VAT invoice (发票): 普通发票 and 专用发票, the one the buyer deducts input VAT with.
INVOICE_TYPES = ("normal", "special")
# The rungs of the dunning ladder, mildest first (a rung is answered by its own action or a later one),
# and what came of an action.
DUNNING_ACTIONS = ("friendly_reminder", "reminder", "call", "letter", "visit", "escalation")
DUNNING_OUTCOMES = ("reached", "no_answer", "promised", "disputed", "refused", "paid")
# The risk register (rulebook §7.3): what kind of risk, where it stands, and how grave the matrix
# in pricing.toml [risk] rates it (mildest first).
RISK_CATEGORIES = ("legal", "credit", "market", "operational", "other")
RISK_STATUSES = ("open", "mitigating", "closed")
RISK_LEVELS = ("low", "medium", "high", "critical")

ALIASES = {
    "size": {"微型": "micro", "小型": "small", "中型": "medium", "大型": "large",
             "微": "micro", "小": "small", "中": "medium", "大": "large"},
    "urgency": {"紧急": "urgent", "高": "high", "普通": "normal", "一般": "normal", "低": "low"},
    "channel": {"展会": "trade_show", "线上": "online", "网络": "online", "推荐": "referral",
                "转介绍": "referral", "咨询": "inquiry", "电话咨询": "inquiry", "其他": "other",
                "tradeshow": "trade_show", "show": "trade_show", "web": "online"},
    "log_channel": {"电话": "phone", "邮件": "email", "拜访": "visit", "上门": "visit",
                    "微信": "chat", "聊天": "chat", "会议": "meeting", "其他": "other"},
    "payment_method": {"银行转账": "bank_transfer", "转账": "bank_transfer", "bank": "bank_transfer",
                       "transfer": "bank_transfer", "现金": "cash", "支票": "cheque", "check": "cheque",
                       "承兑汇票": "acceptance_bill", "汇票": "acceptance_bill", "在线支付": "online",
                       "网银": "online", "其他": "other"},
    "credit_method": {"公示系统": "registry", "信用公示": "registry", "第三方": "third_party",
                      "评级机构": "third_party", "agency": "third_party", "付款记录": "payment_history",
                      "回款记录": "payment_history", "history": "payment_history"},
    # a deal's stage as a spreadsheet names it (an import's 阶段): the rulebook's names, and the short ones
    "stage": {"咨询接待": "inquiry", "咨询": "inquiry", "需求评估": "assessment", "评估": "assessment",
              "方案与报价": "proposal", "方案": "proposal", "报价": "proposal", "合同签订": "contract",
              "合同": "contract", "签约": "contract", "款项支付": "payment", "付款": "payment", "回款": "payment",
              "资质办理": "processing", "办理": "processing", "资质交付": "delivered", "交付": "delivered",
              "售后服务": "aftersales", "售后": "aftersales", "已丢单": "lost", "丢单": "lost", "输单": "lost",
              "已取消": "cancelled", "取消": "cancelled"},
    "invoice_type": {"普通发票": "normal", "增值税普通发票": "normal", "普票": "normal", "普通": "normal",
                     "专用发票": "special", "增值税专用发票": "special", "专票": "special", "专用": "special"},
    "dunning_action": {"友情提醒": "friendly_reminder", "提醒": "reminder", "催告": "reminder", "电话": "call",
                       "电话催收": "call", "催款函": "letter", "函": "letter", "上门": "visit", "拜访": "visit",
                       "上报": "escalation", "升级": "escalation", "phone": "call"},
    "dunning_outcome": {"已联系": "reached", "联系上": "reached", "未接通": "no_answer", "无人接听": "no_answer",
                        "承诺付款": "promised", "承诺": "promised", "有异议": "disputed", "争议": "disputed",
                        "拒绝": "refused", "拒付": "refused", "已付款": "paid", "已付": "paid"},
    "risk_category": {"法律政策": "legal", "法律": "legal", "政策": "legal", "法律/政策": "legal", "policy": "legal",
                      "legal/policy": "legal", "legalpolicy": "legal", "信用": "credit", "市场": "market",
                      "经营": "operational", "运营": "operational", "业务": "operational", "operations": "operational",
                      "其他": "other"},
    "risk_status": {"开放": "open", "未处理": "open", "待处理": "open", "应对中": "mitigating",
                    "处理中": "mitigating", "缓解中": "mitigating", "已关闭": "closed", "关闭": "closed"},
    "role": {"销售": "sales", "经理": "manager", "财务": "finance", "法务": "legal",
             "运营": "operations", "管理员": "admin"},
}
ALLOWED = {"size": SIZES, "urgency": URGENCIES, "channel": CHANNELS,
           "log_channel": LOG_CHANNELS, "payment_method": PAYMENT_METHODS, "role": ROLES,
           "credit_method": CREDIT_METHODS, "invoice_type": INVOICE_TYPES, "dunning_action": DUNNING_ACTIONS,
           "dunning_outcome": DUNNING_OUTCOMES, "stage": (*STAGES, *ENDINGS),
           "risk_category": RISK_CATEGORIES, "risk_status": RISK_STATUSES}


def sql_in(values: tuple[str, ...]) -> str:
    """The vocabulary as the list of a SQL ``CHECK (column IN …)``: the database refuses other words too."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def choose(kind: str, value: str | None, field: str | None = None) -> str | None:
    """Normalise ``value`` to one of the allowed words of ``kind``, or refuse naming them."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    word = text.lower().replace("-", "_").replace(" ", "_")
    if word in ALLOWED[kind]:
        return word
    alias = ALIASES[kind].get(text) or ALIASES[kind].get(word.replace("_", ""))
    if alias:
        return alias
    chinese = allowed_text(kind, "zh")  # a word typed in Chinese is answered with the Chinese words, in any language
    raise InputError("input.not_one_of", field=field or kind, value=text,
                     allowed=chinese if not text.isascii() else ", ".join(ALLOWED[kind]), allowed_zh=chinese)


def said(kind: str, word: str | None, lang: str) -> str | None:
    """``word`` as a person of ``lang`` writes it: in Chinese the first Chinese spelling
    :func:`choose` reads back (展会 for ``trade_show``), in English the word itself."""
    if word is None or lang != "zh":
        return word
    return next((alias for alias, meant in ALIASES[kind].items() if meant == word and not alias.isascii()), word)


def allowed_text(kind: str, lang: str) -> str:
    """The words of ``kind`` a refusal lists: in Chinese each with its Chinese spelling (展会/trade_show)."""
    return ", ".join(word if said(kind, word, lang) == word else f"{said(kind, word, lang)}/{word}"
                     for word in ALLOWED[kind])
