"""How the site's search index is tokenized, stemmed and encoded.

Material for MkDocs ships the index as JSON (`search/search_index.json`) and
builds the lunr index from it in a web worker on every page. Four facts about
its defaults, measured with Material 9.8, shape this module:

- its separator (``[\\s\\-]+``) leaves «», () and commas attached to words;
- its pipeline for Russian only prefix-matches, so «аттестации» misses
  «аттестация»;
- switching lunr's stemmer on does not help: Material appends ``*`` to every
  query term, and lunr skips the pipeline for wildcard terms, so the index holds
  stems while the query stays a whole word;
- the JSON is written with ``ensure_ascii``: six bytes for every Cyrillic letter.

The design: the JSON keeps the text exactly as the reader sees it (Material
shows it in the results and marks the matched words in it), and the stems are
computed in the browser, by the same Snowball Russian algorithm on both sides
of the search:

- indexing: `SEPARATOR` splits off punctuation, Material lowercases, and the
  pipeline (`PIPELINE`) drops stop words, then ``search-ru.js`` maps ё to е
  and replaces the word by its Snowball stem;
- querying: ``search-ru.js`` stems each term as lunr parses the query, before
  its trailing ``*``, so «аттестации*» becomes «аттестац*» and meets the
  indexed stem; the pipeline does not stem it a second time (a stem is not
  always its own stem).

Stemming in Python instead would need a second, stemmed copy of the text in
the JSON (the reader must see the words, not the stems), i.e. a larger index.

The stemmer is lunr-languages' port of Snowball, which Material already
bundles as ``lunr.ru.min.js`` and loads into the worker for ``lang: ru``;
``search-ru.js`` is appended to that file. Its output equals Python's
snowballstemmer (tests/test_search.py compares them word by word).
"""

from __future__ import annotations

import json
from pathlib import Path

SEPARATOR = r"[\s\-–—«»„“”\"()\[\]{},;:!?/\\|№…]+|\.(?!\d)|&(?:amp|lt|gt);"
"""Where words end, as a JavaScript regular expression (Material passes it to lunr).

Besides white space and hyphens: dashes, quotes of all kinds, brackets,
punctuation, «№», and a full stop unless a digit follows, so that decision
numbers such as «1.2.3» and dates such as «25.11.2020» stay one word. The text
reaches the tokenizer HTML-escaped, so ``&amp;``, ``&lt;`` and ``&gt;`` separate
words too.
"""

PIPELINE = ("stopWordFilter", "stemmer")
"""lunr-languages' Russian pipeline minus its trimmer, which would strip Latin
letters and digits (it keeps only Cyrillic word characters); the separator
already removes punctuation."""

LUNR_RU = "assets/javascripts/lunr/min/lunr.ru.min.js"
"""Material's Russian support for lunr, loaded by its search worker for ``lang: ru``."""

SEARCH_RU_JS = Path(__file__).with_name("search-ru.js")


def with_russian_stemming(lunr_ru: str) -> str:
    """Material's ``lunr.ru.min.js`` followed by our normalisation and query stemming."""
    return f"{lunr_ru.rstrip()}\n{SEARCH_RU_JS.read_text(encoding='utf-8')}"


def compact_index(raw: bytes) -> bytes:
    """The search index re-encoded: UTF-8 instead of \\u escapes, no spaces; same data."""
    return json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
