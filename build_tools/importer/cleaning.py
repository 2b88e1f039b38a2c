"""Removing conversion artifacts from one line of a source document.

Documents published on authorities' websites have passed through converters
(Word → HTML → text, Word → Markdown) that leave marks which are not part of
the text: ``[bookmark: _GoBack]``, ``**bold**``, Markdown escapes such as
``3\\.``, HTML formatting tags, soft hyphens, no-break and zero-width spaces,
tabs and runs of spaces used for alignment. `clean_line` removes them and
nothing else: the words, their order and the punctuation stay as written.
Text in angle brackets that is not a formatting tag («<NAME>», «<Ivanov I.I.>»,
a placeholder of a template) is text: it stays, its brackets written ‹ › so that
no page and no check takes it for markup.

Words broken over lines are joined later, when lines are read together
(`layout.logical_lines`), because the body keeps the source's lines.
"""

from __future__ import annotations

import re

from ..rules import AUTOLINK, HTML_TAG

_ARTIFACTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\[bookmark:[^\]]*\]", re.I), ""),             # [bookmark: bookmark2]
    (re.compile(r"\[([^\[\]\n]*)\]\{[.#][^{}\n]*\}"), r"\1"),     # pandoc spans: [text]{.underline}
    (re.compile(r"\*\*"), ""),                                       # bold (never «__»: «На № _____»)
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])"), r"\1"),  # *italic*
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])"), r"\1"),       # Markdown escapes: 3\. → 3.
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),                        # Markdown heading marks
    (HTML_TAG, lambda match: _markup_or_text(match.group(0))),    # <br>, <b>, <!-- …; <NAME> is text
    (re.compile(f"{AUTOLINK.pattern}|<(?=[A-Za-z/!?])"), lambda match: _autolink_or_quote(match.group(0))),
    (re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]"), ""),    # soft hyphen, zero-width characters
    (re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+"), " "),  # tabs, no-break and odd spaces
]


# The tags a conversion to HTML or Markdown leaves around the text, never text themselves.
_FORMATTING_TAGS = {"a", "b", "big", "blockquote", "br", "code", "div", "em", "font", "h1", "h2", "h3", "h4", "h5",
                    "h6", "hr", "i", "img", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strike", "strong",
                    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul"}
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _markup_or_text(tag: str) -> str:
    """A formatting tag or a comment's opening becomes a space; other text in angle brackets stays."""
    name = _TAG_NAME.match(tag)
    if name is None or name.group(1).lower() in _FORMATTING_TAGS:
        return " "
    return f"‹{tag[1:-1]}›"


def _autolink_or_quote(text: str) -> str:
    """A «<» that a browser (and the validator, rules.MARKUP) would read as the start of markup, as in
    «x</y» or «t<a», becomes «‹», so the word stays and the draft validates; an autolink stays."""
    return text if len(text) > 1 else "‹"


def clean_line(text: str) -> str:
    """The line without conversion artifacts, spaces collapsed, ends stripped."""
    for pattern, replacement in _ARTIFACTS:
        text = pattern.sub(replacement, text)
    return text.strip()
