"""Russian full-text search for the site: word forms, «quoted» words and ё found as people type them.

`index` holds the decisions (tokenizer, pipeline, index encoding) in plain
functions; `plugin` is the thin MkDocs adapter; `search-ru.js` is the half that
runs in the reader's browser, inside Material's search worker.
"""
