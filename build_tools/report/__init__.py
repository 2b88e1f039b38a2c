"""The справка об исполнении: what an authority files and asks for about its decisions.

`content` turns the model into the report's sections and rows (renderer-neutral:
the .docx of `protocols report` and the site's printable page read the same
rows); `word` writes them as a Word document in Russian official style;
`cli` is the command. docs/report.md says what the report holds and why.
"""
