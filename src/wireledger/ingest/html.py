"""Saved web pages: main text and metadata with trafilatura; HTML fragments (feed items) to text.

Extraction runs trafilatura twice: in its precision mode (less boilerplate) and in its balanced mode,
both without reader comments. The precision text is kept unless it lost most of the page: when it has
fewer than a fifth of the balanced text's words, precision mode cut the article itself and the balanced
text is used. Measured on the 181-page benchmark in docs/ingest.md.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .textfile import clean_text

PRECISION_KEEP_RATIO = 0.2
MIN_ARTICLE_WORDS = 10  # fewer words than this is navigation or a notice, not an article
_WORDS = re.compile(r"\w+")
_SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head",
              "form", "button", "select", "nav"}
_BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "pre", "ul", "ol", "li", "dl", "dt",
               "dd", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "figure",
               "figcaption", "aside", "main", "hr", "address"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    headings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def _words(text: str | None) -> int:
    return len(_WORDS.findall(text or ""))


def _extract(data: bytes | str, url: str | None, precision: bool, recall: bool = False) -> Any:
    import trafilatura  # slow to import; only pages need it

    return trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, favor_precision=precision,
        favor_recall=recall, include_tables=True,
    )


def extract_article(data: bytes | str, name: str, url: str | None = None) -> HtmlArticle:
    """The article in a web page; raises InputError E106 when the page holds no article text."""
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" notes are ours to report
    try:
        precise = _extract(data, url, precision=True)
        balanced = _extract(data, url, precision=False)
        chosen = precise
        if balanced is not None and _words(balanced.text) > 0 and (
                precise is None or _words(precise.text) < PRECISION_KEEP_RATIO * _words(balanced.text)):
            chosen = balanced
        if chosen is None or _words(chosen.text) < MIN_ARTICLE_WORDS:
            chosen = _extract(data, url, precision=False, recall=True) or chosen
    except InputError:
        raise
    except Exception as exc:  # lxml and trafilatura raise many kinds of errors on broken pages
        raise InputError("E106", name, f"page could not be parsed ({type(exc).__name__}: {exc})",
                         "skipped") from exc
    if chosen is None or _words(chosen.text) < MIN_ARTICLE_WORDS:
        raise InputError("E106", name, "no article text found in the page", "skipped")
    text = clean_text("\n\n".join(line.strip() for line in (chosen.text or "").splitlines() if line.strip()))
    headings: list[str] = []
    if chosen.body is not None:
        headings = [" ".join("".join(h.itertext()).split()) for h in chosen.body.iter("head")]
    metadata = {k: v for k, v in (("hostname", chosen.hostname), ("description", chosen.description),
                                  ("page_language", chosen.language)) if v}
    return HtmlArticle(
        text=text, title=chosen.title, author=chosen.author, published=chosen.date,
        outlet=chosen.sitename, url=chosen.url or url, headings=[h for h in headings if h],
        metadata=metadata,
    )


def fragment_text(fragment: str) -> tuple[str, list[str]]:
    """Plain text of an HTML fragment (a feed item's content): block elements become paragraphs
    separated by blank lines; scripts, styles and forms are dropped. Also returns heading texts."""
    from lxml import html as lxml_html

    if "<" not in fragment:
        import html as std_html

        return clean_text(std_html.unescape(fragment)), []
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some fragments: fall back to removing the tags
        import html as std_html

        return clean_text(std_html.unescape(re.sub(r"<[^>]*>", " ", fragment))), []
    parts: list[str] = []
    headings: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if tag == "br":
            parts.append("\n")
        if tag in _HEADING_TAGS:
            headings.append(" ".join(el.text_content().split()))
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    raw = "".join(parts)
    lines: list[str] = []
    for para in re.split(r"\n\s*\n", raw):
        kept = "\n".join(" ".join(line.split()) for line in para.split("\n") if line.strip())
        if kept:
            lines.append(kept)
    return clean_text("\n\n".join(lines)), [h for h in headings if h]
