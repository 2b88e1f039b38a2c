"""The site search: Pagefind's chunked static index, in Material's search dialog.

`pagefind` indexes a built site folder (`index_site`), with nothing of MkDocs;
`plugin` is the MkDocs plugin ``protocols-search`` that marks the pages left out
of the search and calls `index_site` after a build. The browser half is in
site_overrides/ (partials/search.html, assets/javascripts/search.js);
docs/search.md explains the decisions.
"""
