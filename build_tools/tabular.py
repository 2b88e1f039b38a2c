"""What every table a spreadsheet opens (CSV, and any other tabular output) does to a cell of text.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` is a formula to
Excel and LibreOffice (``=HYPERLINK(…)``, ``+cmd|…``), and a leading tab or
carriage return hides such a start. As the OWASP guidance on CSV injection
says, such a cell gets a single quote in front: the spreadsheet shows the
text, runs nothing, and the quote tells a reader that the cell was guarded.
The JSON beside it keeps every value as written (docs/data.md, docs/security.md).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """``text`` as a spreadsheet reads it as text, never as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
