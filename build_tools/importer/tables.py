"""Tables of decisions: the roles of their columns."""

from __future__ import annotations

import re


def table_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    """Column roles of a table header row: number, text, deadline, responsible; None if it is not one."""
    roles: dict[str, int] = {}
    for position, cell in enumerate(cells):
        lower = cell.lower().replace("ё", "е")
        if re.fullmatch(r"(?:№|n|no)\s*(?:п\s*/\s*п)?\.?|п\s*/\s*п", lower):
            roles.setdefault("number", position)
        elif lower.startswith("срок"):
            roles.setdefault("deadline", position)
        elif re.match(r"(?:ответствен|исполнител|отв\.)", lower):
            roles.setdefault("responsible", position)
        elif re.match(r"(?:мероприяти|содержани|решени|наименовани|поручени|что\s+сделать|задач|меры)", lower):
            roles.setdefault("text", position)
    if "text" in roles and ("deadline" in roles or "responsible" in roles):
        return roles
    return None
