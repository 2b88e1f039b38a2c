"""The public site: pages generated from the knowledge base during an MkDocs build.

The generation lives in plain modules that turn the model into markdown and
know nothing of MkDocs: `pages` (every page), `fragments` (pieces pages share),
`markup` (escaping, links), `format` (Russian dates and plurals), `svg` (the load
chart), `lookup` (who is named where), `schemadoc` (field tables from the
schemas), `gitdates` and `clock`. `plugin` is the thin MkDocs adapter, with
`safety` (a Markdown extension) and `config`. Moving the site to another
generator means writing another adapter, not another site. docs/about.md
tells the whole story.
"""
