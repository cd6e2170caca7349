"""Messages of the documents (quotes as text, Markdown and PDF): key → (English, Simplified Chinese)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # PDF rendering (documents/quote.py)
    "doc.font_missing": ("PDF: the Chinese font package {package} is missing; reinstall Zizhi (`pip install -e .`) or run `pip install {package}`.",
                         "PDF：缺少中文字体包 {package}；请重新安装资质系统（`pip install -e .`）或执行 `pip install {package}`。"),
}
