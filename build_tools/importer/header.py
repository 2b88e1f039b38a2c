"""The header of a protocol: kind, title, meeting, date, number and place, from the lines before the first section.

`structure` collects the unlabelled lines before the first question or
block of decisions (labelled ones — «Дата проведения:», «Тема:» — it reads
itself) and hands them to `HeaderReader`.
"""

from __future__ import annotations

import re
from datetime import date

from ..deadlines import MONTHS
from .layout import KIND_LINE, LETTER_SIGN, Line, unspaced
from .parsed import ParsedProtocol, ReviewItem

KINDS = {"выписка из протокола": "выписка из протокола", "протокол": "протокол", "приказ": "приказ"}

_MEETING = re.compile(r"(?<!\w)(?P<adjectives>(?:[а-яё]+(?:ого|его|ой|ей)\s+){0,4})(?P<noun>совещани[яе]|заседани[яе]"
                      r"|коллеги[ия]|собрани[яе]|собеседовани[яе]|планерк[иа]|совет[а]?|комисси[ия])(?!\w)(?P<rest>.*)$",
                      re.I)
_MEETING_NOMINATIVE = {"совещания": "совещание", "заседания": "заседание", "коллегии": "коллегия",
                       "собрания": "собрание", "собеседования": "собеседование", "планерки": "планерка",
                       "совета": "совет", "комиссии": "комиссия"}
# genitive endings of an adjective before the meeting noun → nominative, by the noun's last letter (its gender)
_ADJECTIVE_NOMINATIVE = {"е": {"ого": "ое", "его": "ее"}, "я": {"ой": "ая", "ей": "яя"}, "а": {"ой": "ая", "ей": "яя"},
                         "т": {"ого": "ый", "его": "ий"}}
_FROM_DATE = re.compile(r"(?<!\s)(?:\s+от\s+«?\d.*$|\s+№\s*\S+.*$)", re.I)
_MONTH_NUMBERS = {forms[1]: number for number, forms in MONTHS.items()}
_DATE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])"
                   r"|(?<!\d)«?(?P<day>\d{1,2})»?\s+(?P<month>" + "|".join(_MONTH_NUMBERS) + r")\s+(?P<year>\d{4})",
                   re.I)
_DATE_LINE_REST = re.compile(r"^\s*(?:(?:г\.|года|год)\s*)?(?:[,–—-]\s*)?")
_NUMBER = re.compile(r"(?:^|\s)№\s*(?P<number>[\w/.-]*\d[\w/.-]*)")
_SMALL_WORDS = {"из", "от", "и", "в", "по", "на", "о", "об", "с", "к", "при", "для", "за", "до"}


def find_date(text: str) -> date | None:
    """The first real date written in ``text``: «22.11.2019», «22 ноября 2019 года», «22.11.19»."""
    for match in _DATE.finditer(text):
        if match.group("d"):
            day, month, year = int(match.group("d")), int(match.group("m")), int(match.group("y"))
            year += 2000 if year < 100 else 0
        else:
            day, month, year = (int(match.group("day")), _MONTH_NUMBERS[match.group("month").lower()],
                                int(match.group("year")))
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


class HeaderReader:
    """Kind, title, meeting, date, number and place from the lines before the first section."""

    def __init__(self, header: list[Line], result: ParsedProtocol):
        self.header = header
        self.result = result
        self.kind_index = next((index for index, line in enumerate(header) if KIND_LINE.match(line.text)), None)

    def read(self) -> None:
        result = self.result
        after_kind = self.header[self.kind_index:] if self.kind_index is not None else self.header
        if self.kind_index is None:
            result.review.append(ReviewItem("вид документа (kind) не найден в шапке: записан «протокол»"))
        else:
            result.kind = self._kind(self.header[self.kind_index].text)
        result.meeting = self._meeting(after_kind)
        if result.title is None:
            result.title = self._title(after_kind)
        if result.date is None:
            result.date = self._date(after_kind + self.header[: self.kind_index or 0])
        result.number = result.number or self._number(after_kind)

    def _kind(self, text: str) -> str:
        lower = " ".join(unspaced(text).lower().split())
        for prefix, kind in KINDS.items():
            if lower.startswith(prefix):
                return kind
        for body in ("коллегии", "совещания"):
            if lower.startswith(f"решение {body}"):
                return f"решение {body}"
        return "решение"

    def _meeting(self, lines: list[Line]) -> str | None:
        for position, line in enumerate(lines):
            match = _MEETING.search(line.text)
            if not match:
                continue
            noun = match.group("noun")
            rest = _FROM_DATE.sub("", match.group("rest")).strip().rstrip(".")
            following = lines[position + 1].text if position + 1 < len(lines) else ""
            if not rest and following[:1].isupper() and find_date(following[:14]) is None:
                rest = _FROM_DATE.sub("", lines[position + 1].text).strip().rstrip(".")
            nominative = _MEETING_NOMINATIVE.get(noun.lower(), noun.lower())
            adjectives = [_adjective_nominative(word, nominative) for word in match.group("adjectives").split()]
            return _sentence_case(" ".join([*adjectives, nominative, rest]).strip(), capitalise=False)
        return None

    def _title(self, lines: list[Line]) -> str | None:
        for line in lines[1:]:
            inner = quoted(line.text)
            if inner and len(inner) >= len(line.text) - 4:
                return inner
        if lines:
            title = unspaced(lines[0].text)
            for line in lines[1:]:
                if not line.text[:1].islower() or find_date(line.text[:14]):
                    break
                title = f"{title} {line.text}"      # «ПРОТОКОЛ № 7» / «совещания заведующих …»
            return _sentence_case(title.rstrip(".").strip())
        self.result.review.append(ReviewItem("заголовок (title) не найден: взята первая строка документа"))
        return None

    def _date(self, lines: list[Line]) -> date | None:
        for line in lines:
            found = find_date(line.text)
            if found:
                self._place_from_date_line(line.text)
                return found
        return None

    def _place_from_date_line(self, text: str) -> None:
        """«12.01.2022 г. Назарово»: what follows a date standing alone on its line may be the place."""
        match = _DATE.search(text)
        if self.result.place or match is None or match.start() > 3:
            return
        rest = _DATE_LINE_REST.sub("", text[match.end():]).strip()
        rest = re.sub(r"^г\.\s*", "", rest)
        if rest and "№" not in rest and rest[:1].isupper() and len(rest.split()) <= 3:
            self.result.place = rest
            self.result.review.append(ReviewItem(f"место «{rest}» взято из строки с датой «{text}» — проверьте"))

    def _number(self, lines: list[Line]) -> str | None:
        for line in lines:
            starts = line.text.startswith("№") or KIND_LINE.match(line.text) or _DATE.match(line.text)
            match = _NUMBER.search(line.text)
            if starts and match and not LETTER_SIGN.match(line.text):
                return match.group("number").rstrip(".")
        return None


def quoted(text: str) -> str | None:
    """The text of the first quotation of ``text``: «…» with the quotes nested in it, or "…"; None if there is none.

    An unbalanced «…» runs to the last closing quote.
    """
    start = min((position for position in (text.find("«"), text.find('"')) if position >= 0), default=-1)
    if start < 0:
        return None
    end = text.rfind("»" if text[start] == "«" else '"')
    if text[start] == "«":
        depth = 0
        for position in range(start, len(text)):
            depth += {"«": 1, "»": -1}.get(text[position], 0)
            if depth == 0:
                end = position
                break
    return text[start + 1:end].strip() or None if end > start else None


def unquote(text: str) -> str:
    inner = quoted(text)
    return inner if inner and len(inner) >= len(text) - 4 else text


def _sentence_case(text: str, capitalise: bool = True) -> str:
    """«ВЫПИСКА ИЗ ПРОТОКОЛА совещания» → «Выписка из протокола совещания»; other text is kept."""
    words = text.split(" ")
    if not any(_shouting(word) for word in words):
        return text
    result = []
    for word in words:
        letters = re.sub(r"\W", "", word)
        if _shouting(word) and (len(letters) > 3 or letters.lower() in _SMALL_WORDS):
            word = word.lower()
        result.append(word)
    text = " ".join(result)
    return text[:1].upper() + text[1:] if capitalise else text


def _shouting(word: str) -> bool:
    letters = re.sub(r"[^А-ЯЁа-яёA-Za-z]", "", word)
    return len(letters) > 1 and letters.isupper()


def _adjective_nominative(word: str, noun: str) -> str:
    """«аппаратного» before «совещание» → «аппаратное»; «расширенной» before «коллегия» → «расширенная»."""
    word = word.lower()
    for ending, nominative in _ADJECTIVE_NOMINATIVE.get(noun[-1], {}).items():
        if word.endswith(ending):
            if nominative == "ый" and word[-4:-3] in "гкхжшчщ":
                nominative = "ий"                     # «педагогического совета» → «педагогический»
            return word[: -len(ending)] + nominative
    return word
