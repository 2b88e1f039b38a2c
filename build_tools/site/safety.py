"""A Python-Markdown extension that keeps markup from protocols harmless.

Protocol bodies are markdown written by people; raw HTML in them is already
neutralised (`markup.body` escapes ``<``). What markdown itself can still
produce is removed from the finished tree of every page:

* links and images whose address has a scheme other than http(s), mailto,
  tel or webcal (``[x](javascript:…)``) become plain text;
* event handlers (``{: onclick=… }`` through attr_list), styles and addresses
  on elements other than links and images are dropped;
* an image from another site (``![](https://…)``) becomes a link to it, so
  that no request leaves the site when a page is read.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "webcal"})
# Attributes through which an element loads or sends something; links and images keep theirs, checked.
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "background", "cite",
                            "data", "xlink:href", "ping"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")  # browsers skip these inside «java\tscript:»
_TEXT_ALIGN = re.compile(r"^\s*text-align:\s*[a-z]+;?\s*$")  # what the tables extension writes


def has_safe_address(url: str) -> bool:
    """A relative address, or one whose scheme is harmless."""
    match = _SCHEME.match(_plain(url))
    return match is None or match.group(1) in SAFE_SCHEMES


def is_external(url: str) -> bool:
    """An address on another site: with a scheme, or protocol-relative («//host/…»)."""
    plain = _plain(url)
    return _SCHEME.match(plain) is not None or plain.startswith("//")


def _plain(url: str) -> str:
    """The address as a browser reads it: entities decoded, ignored characters gone, lower case."""
    return _IGNORED_BY_BROWSERS.sub("", html.unescape(url)).lower()


class SafeMarkupTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            _drop_dangerous_attributes(element)
            if element.tag == "a" and not has_safe_address(element.get("href", "")):
                _to_text(element, element.text)
            elif element.tag == "img":
                source = element.get("src", "")
                if not has_safe_address(source):
                    _to_text(element, element.get("alt"))
                elif is_external(source):
                    _image_to_link(element)


def _drop_dangerous_attributes(element: etree.Element) -> None:
    for name, value in list(element.attrib.items()):
        lowered = name.lower()
        if (lowered.startswith("on")
                or (lowered == "style" and not _TEXT_ALIGN.match(value))
                or (lowered in URL_ATTRIBUTES and (lowered, element.tag) not in {("href", "a"), ("src", "img")})):
            del element.attrib[name]


def _to_text(element: etree.Element, label: str | None) -> None:
    """A link or image whose address is unsafe becomes its plain text."""
    element.attrib.clear()
    element.tag = "span"
    element.text = label


def _image_to_link(image: etree.Element) -> None:
    address = image.attrib.pop("src")
    label = image.attrib.pop("alt", "") or address
    image.attrib.clear()
    image.tag = "a"
    image.set("href", address)
    image.text = label


class SafeMarkupExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After every other tree processor that may add attributes (attr_list: 8, toc: 5),
        # before MkDocs rewrites addresses (relpath: 0), which requires every link to have one.
        md.treeprocessors.register(SafeMarkupTreeprocessor(md), "protocols_safe_markup", 1)
