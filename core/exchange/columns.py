"""Which field each column of a file fills: its header in English or Chinese, as Excel users write it.

The headers Zizhi knows are below; settings.toml ``[imports.clients]`` adds the company's own
(``"Firma" = "name"``) and ``--map 'Firma=name'`` one file's — the right side a field or any header
Zizhi knows for it (``--map '单位=公司名称'``), several pairs in one ``--map 'A=name,B=phone'`` or
repeated. Headers are compared loosely — case, spaces, underscores, full-width letters and a
trailing colon do not matter. A column no header names is an error, not a silent loss: name it,
or leave it out on purpose with ``--map 'X=-'``.
"""

from __future__ import annotations

import unicodedata

from zizhi.core.errors import InputError

SKIP = "-"  # mapped to this, a column is left out on purpose
REASON_HEADERS = ("错误原因", "error")  # the reason an errors file adds (:mod:`.rejects`): left out on re-import

# field → the headers that mean it (the field's own name always does)
CLIENT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("公司名称", "客户名称", "企业名称", "单位名称", "名称", "公司", "客户", "company", "company name", "client"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码", "credit code", "uscc"),
    "contact": ("联系人", "联系人姓名", "contact", "contact person"),
    "phone": ("电话", "联系电话", "手机", "手机号", "手机号码", "phone", "mobile", "tel"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "e-mail", "mail"),
    "address": ("地址", "公司地址", "联系地址", "address"),
    "city": ("城市", "所在城市", "所在地", "city"),
    "business_scope": ("经营范围", "business scope"),
    "industry": ("行业", "所属行业", "industry"),
    "size": ("规模", "企业规模", "公司规模", "size"),
    "needs": ("需求", "客户需求", "needs"),
    "urgency": ("紧急程度", "紧急", "urgency"),
    "channel": ("渠道", "来源渠道", "客户来源", "来源", "channel", "source"),
    "referrer": ("推荐人", "介绍人", "推荐客户", "referrer"),
    "credit_rating": ("信用评级", "信用等级", "credit rating", "rating"),
    "owner": ("负责人", "销售", "业务员", "客户经理", "owner"),
    "tags": ("标签", "tags"),
    "notes": ("备注", "说明", "notes", "remarks"),
}


def header_key(text: str) -> str:
    """A header as compared: NFKC (full-width → half-width), lower case, no spaces, _ or - or colon."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return "".join(ch for ch in folded if ch not in " _-:：\u3000")


class Columns:
    """header → field for a kind of record: the known headers, settings.toml's and ``--map``'s."""

    def __init__(self, known: dict[str, tuple[str, ...]], configured: dict[str, str], given: list[str]) -> None:
        self.known, self.seen = known, {}
        self.names = {header_key(field): field for field in known}
        for field, aliases in known.items():
            self.names.update({header_key(alias): field for alias in aliases})
        meant = dict(self.names)  # what the right side of a pair may say: a field, or a header Zizhi knows
        self.names.update({header_key(header): SKIP for header in REASON_HEADERS})
        self.names.update({header_key(header): _field(field, meant, known, "settings.toml [imports]")
                           for header, field in configured.items()})
        self.names.update({header_key(header): _field(field, meant, known, "--map") for header, field in _pairs(given)})

    def field(self, header: str) -> str:
        """The field ``header`` fills (:data:`SKIP`: none, on purpose), or refused as unknown."""
        found = self.seen.get(header)
        if found is None:
            found = self.names.get(header_key(header))
            if found is None:
                raise self._unknown([header])
            self.seen[header] = found  # asked once a cell: 100,000 rows ask of the same few headers
        return found

    def of(self, headers: list[str]) -> dict[str, str]:
        """Every column of a file's header row mapped; unknown columns and a field filled by two
        columns are refused, all of them in one message."""
        found = {header: self.names.get(header_key(header)) for header in headers}
        unknown = [header for header, field in found.items() if field is None]
        if unknown:
            raise self._unknown(unknown)
        taken: dict[str, str] = {}
        for header, field in found.items():
            if field != SKIP and field in taken:
                raise InputError("exchange.column_twice", field=field, first=taken[field], second=header)
            taken[field] = header
        return found  # type: ignore[return-value]

    def _unknown(self, headers: list[str]) -> InputError:
        return InputError("exchange.unknown_columns", columns=", ".join(f"'{h}'" for h in headers),
                          example=headers[0], fields=", ".join(self.known))


def _pairs(given: list[str]) -> list[tuple[str, str]]:
    """Each ``--map``'s HEADER=FIELD pairs: one a --map, or several apart by commas."""
    pairs = []
    for text in given:
        for pair in text.replace("，", ",").split(","):
            header, sign, field = pair.partition("=")
            if not sign or not header.strip() or not field.strip():
                raise InputError("exchange.map_format", value=pair.strip() or text)
            pairs.append((header.strip(), field.strip()))
    return pairs


def _field(field: str, meant: dict[str, str], known: dict[str, tuple[str, ...]], where: str) -> str:
    """The field the right side of a pair means: ``-``, a field, or a header Zizhi knows for one."""
    if field == SKIP:
        return SKIP
    found = meant.get(header_key(field))
    if found is not None:
        return found
    raise InputError("exchange.map_unknown_field", where=where, value=field, fields=", ".join(known))
