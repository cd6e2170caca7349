"""Rendering a dunning letter for the client, as Markdown or PDF, printed or written to a file.

Like a quote, the letter is made to leave Zizhi: every rendering is an export, read, rendered,
written and audited in one unit of work (``exports.read``).
"""

from __future__ import annotations

from zizhi.core import exports
from zizhi.core.paths import document_target

FORMATS = {"md": "markdown", "markdown": "markdown", "pdf": "pdf"}


def render_letter(desk, ref: str, form: str | None = None, output: str | None = None, as_of: str | None = None) -> str:
    """The letter's Markdown, or the path of the file written when ``output`` is given; without
    ``form``, the kind ``output``'s suffix names."""
    from zizhi.core.documents.dunning_letter import letter

    kind = document_target(FORMATS, form, output, f"催款函-{ref}.pdf")
    return exports.read(desk, "dunning_letter", lambda: letter(desk, ref, as_of), command="dunning letter",
                        file=output, document=True, deliver=lambda found: _deliver(found, kind, output),
                        ref=ref, format=kind, as_of=as_of)


def _deliver(found: dict, kind: str, output: str | None) -> str:
    from zizhi.core.documents import dunning_letter_markdown, dunning_letter_pdf
    from zizhi.core.paths import write_output

    if kind == "pdf":
        return str(dunning_letter_pdf.as_pdf(found, output))
    text = dunning_letter_markdown.as_markdown(found)
    return text if not output else str(write_output(output, text.encode("utf-8")))
