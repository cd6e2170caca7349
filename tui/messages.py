"""Labels of the app that are not yet in the core's table, registered once with ``core.i18n``
when the ``zizhi.tui`` package is imported. Keys start ``tui.``; (English, Chinese)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "tui.quote.preview": ("not saved — enter saves, esc drops it", "未保存——回车保存，Esc 放弃"),
    "tui.note.line_saved": ("Quote {number}: line {code} saved.", "报价 {number}：{code} 已保存。"),
}
