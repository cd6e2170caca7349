"""Rendering a quote for the client: the text, Markdown or PDF layout, printed or written to a file.

A rendered quote is made to leave Zizhi, so every rendering is an export: read, rendered, written
and audited in one unit of work (``exports.read``), with the client's contact masked for the
roles that do not call clients.
"""

from __future__ import annotations

from zizhi.core import exports
from zizhi.core.paths import document_target

FORMATS = {"text": "text", "markdown": "markdown", "md": "markdown", "pdf": "pdf"}


def render_quote(desk, ref: str, form: str | None = None, output: str | None = None) -> str:
    """The document's text, or the path of the file written when ``output`` is given; without
    ``form``, the kind ``output``'s suffix names (text when printed)."""
    from zizhi.core.pipeline.quotes import get_quote

    kind = document_target(FORMATS, form, output, f"报价单-{ref}.pdf", default="text")
    return exports.read(desk, "quote", lambda: get_quote(desk, ref), command="quote render", file=output,
                        document=True, deliver=lambda quote: _deliver(quote, kind, output), quote=ref, format=kind)


def _deliver(quote: dict, kind: str, output: str | None) -> str:
    from zizhi.core.documents import quote_markdown, quote_pdf, quote_text
    from zizhi.core.paths import write_output

    if kind == "pdf":
        return str(quote_pdf.as_pdf(quote, output))
    text = quote_text.as_text(quote) if kind == "text" else quote_markdown.as_markdown(quote)
    if not output:
        return text
    return str(write_output(output, text.encode("utf-8")))
