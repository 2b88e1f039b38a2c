"""What the fuzz suite (tests/test_fuzz_*.py) generates and what it checks, shared by its properties.

Inputs are Hypothesis strategies:

* `hostile_text` — text meant to break out of wherever it lands: markup carrying `MARK`
  (``</title/MARK><img/src=x onerror=MARK>``), formula starters, control characters, line
  separators, dates and numbers out of range, mixed with arbitrary unicode;
* `yaml_values` — any value YAML can hold: nested lists and maps of such text, huge numbers, dates;
* `mutated_protocol` — a real protocol (protocols/, tests/fixtures) with its front matter mutated
  (values, keys, types), its body, encoding and line endings changed, and a few bytes flipped;
* `yaml_front_matter` — front matter written token by token, YAML syntax included;
* `hostile_protocol` — the fixture knowledge base's protocol with some of its texts and dates
  replaced by hostile ones: a change that validate often accepts, for the build properties.

Checks: `problem_lines` (the validator's report, one problem a line, in Russian),
`markup_breakouts` (markup of the content that reached an HTML page as markup), and
`time_limit` (a call that runs past its bound fails the test instead of hanging it).

`budget(n)` is a property's number of examples: ``n`` in the «ci» profile, a hundred times
``n`` in «long» (profiles in conftest.py).
"""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import settings
from hypothesis import strategies as st

from build_tools.schema import Schemas
from conftest import FIXTURES, FUZZ_PROFILES, REPO_ROOT

MARK = "zq7mark"  # in no page of the site: wherever it appears as a tag or an attribute, content broke out
HOSTILE_SNIPPETS = [
    f"<{MARK}>", f"</title/{MARK}><img/src=x onerror={MARK}>", f'"><{MARK} x="', f"'><{MARK}>",
    f"</script><{MARK}>", f"</textarea><{MARK}>", f"<svg/on{MARK}=1>", f"&{MARK};", f"&lt;{MARK}&gt;",
    f"[{MARK}](javascript:{MARK})", f"![{MARK}](javascript:{MARK})", f"{{: on{MARK}=1 }}",
    f"=HYPERLINK(\"{MARK}\")", f"+{MARK}|cmd", f"-{MARK}", f"@{MARK}", f"\t={MARK}",
    "&", "&amp;", '"', "'", "<", ">", "< b", "<3", "*", "_", "`", "|", "#", "\\", "{", "}", "[", "]",
    "---", "{{ x }}", "{% x %}", "${x}", "<!--", "]]>", "\n", "\r", "\r\n", "\t", "\x00", "\x1b",
    "\x85", "\u2028", "\u2029", "\ufeff", "\u202e", "\u200b", "\u00ad", " ", "  ",
    "9999-12-31", "0001-01-01", "2020-02-30", "1e309", "99999999999999999999", "-0", "NaN",
    "до 31.12.9999", "с 15 марта по 10 марта 2021", "в течение 99999999 дней",
]
RUSSIAN_WORDS = ["Принять", "к", "сведению", "информацию", "руководителям", "ОО", "обеспечить", "срок", "до",
                 "25.12.2020", "г.", "ответственные", "Иванова", "А.", "А.", "№", "1", "2.1", "марта",
                 "учебного", "года", "СЛУШАЛИ:", "РЕШИЛИ:", "МБОУ", "«СОШ", "№ 3»", "—", "–", ";", ","]


def budget(examples: int) -> settings:
    """A property's examples: ``examples`` in the «ci» profile, as many times more as the profile runs."""
    return settings(max_examples=examples * settings.default.max_examples // FUZZ_PROFILES["ci"])


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Fail with ``what`` if the block runs longer than ``seconds`` of wall time (a hang is a failure)."""
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"{what}: дольше {seconds} с")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_SCHEMAS: dict[Path, Schemas] = {}


@pytest.fixture(scope="module", autouse=True)
def schemas_compiled_once() -> Iterator[None]:
    """Every load of a knowledge base reuses its compiled schemas: compiling them costs more than a check.

    A fuzz module imports this fixture to apply it to its tests.
    """
    def compiled(directory: Path) -> Schemas:
        return _SCHEMAS.setdefault(directory.resolve(), Schemas(directory))

    with mock.patch("build_tools.pipeline.Schemas", compiled):
        yield


def fixture_knowledge_base(folder: Path) -> Path:
    """A copy of the test knowledge base (tests/fixtures/kb) with the real schemas, in ``folder``."""
    root = folder / "kb"
    shutil.copytree(FIXTURES / "kb", root)
    shutil.copytree(REPO_ROOT / "schema", root / "schema")
    return root


# --------------------------------------------------------------------------- strategies

def hostile_text(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Pieces of markup, control characters and arbitrary unicode, joined."""
    piece = st.one_of(st.sampled_from(HOSTILE_SNIPPETS), st.sampled_from(RUSSIAN_WORDS), st.text(max_size=6))
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


def plain_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Words and markup that validate lets through in a text field: no newline at the ends, no HTML tag."""
    return hostile_text(1, max_size).map(lambda value: " ".join(value.split()) or "x")


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 18, max_value=10 ** 400),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.dates().map(date.isoformat),
    hostile_text(), st.text(),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(st.text(max_size=10), st.sampled_from(
                                   ["id", "text", "kind", "due", "start", "title", "decisions", "deadline"])),
                                   children, max_size=4)),
    max_leaves=12,
)


def _seed_files() -> list[Path]:
    seeds = sorted((REPO_ROOT / "protocols").glob("*/*.md"))
    seeds += sorted((FIXTURES / "kb" / "protocols").glob("*/*.md"))
    return seeds + [FIXTURES / "broken" / "semantic.md"]


def _split(path: Path) -> tuple[Any, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


SEEDS = [_split(path) for path in _seed_files()]
FIXTURE_PROTOCOL = _split(FIXTURES / "kb" / "protocols" / "uo-test" / "2020-01-15-soveshchanie.md")
TEXT_KEYS = frozenset({"title", "text", "note", "notes", "responsible_text", "reference", "agenda", "position",
                       "number", "place", "source"})


def _nodes(tree: Any, path: tuple = ()) -> Iterator[tuple]:
    """The path of every node of a YAML tree, the root included."""
    yield path
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in items:
        yield from _nodes(value, (*path, key))


def _get(tree: Any, path: tuple) -> Any:
    for key in path:
        tree = tree[key]
    return tree


def _copy(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {key: _copy(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [_copy(value) for value in tree]
    return tree


@st.composite
def _mutated_tree(draw: st.DrawFn, tree: Any) -> Any:
    tree = _copy(tree)
    for _ in range(draw(st.integers(0, 5))):
        paths = list(_nodes(tree))
        path = draw(st.sampled_from(paths[1:] or paths))
        if not path:
            return draw(yaml_values)
        parent, key = _get(tree, path[:-1]), path[-1]
        action = draw(st.sampled_from(["replace", "replace", "hostile", "delete", "insert", "retype"]))
        if action == "replace":
            parent[key] = draw(yaml_values)
        elif action == "hostile":
            parent[key] = draw(hostile_text(1))
        elif action == "delete":
            del parent[key]
        elif action == "insert" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=8), st.sampled_from(sorted(TEXT_KEYS))))] = draw(yaml_values)
        elif action == "insert":
            parent.insert(key, _copy(parent[key]) if draw(st.booleans()) else draw(yaml_values))
        else:
            parent[key] = _retyped(parent[key])
    return tree


def _retyped(value: Any) -> Any:
    """A number as a string, a string of digits as a number, anything else inside a list."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return [value]


ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"]


@st.composite
def _serialised(draw: st.DrawFn, front: Any, body: str) -> bytes:
    """Front matter and body as a file: YAML dumped in one of its styles, encoded, bytes flipped."""
    dumped = yaml.safe_dump(front, allow_unicode=draw(st.booleans()), sort_keys=False,
                            default_flow_style=draw(st.sampled_from([False, None, True])),
                            width=draw(st.sampled_from([80, 20, 10_000])))
    text = f"---\n{dumped}---\n{body}"
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    raw = text.replace("\n", newline).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    for _ in range(draw(st.integers(0, 3)) if draw(st.booleans()) else 0):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=4)) + raw[at + draw(st.integers(0, 4)):]
    return raw


@st.composite
def mutated_protocol(draw: st.DrawFn) -> bytes:
    """A real protocol, mutated in its values, keys, types, body, encoding and bytes."""
    front, body = draw(st.sampled_from(SEEDS))
    if draw(st.booleans()):
        body = draw(st.one_of(hostile_text(0, 30), st.just(body + draw(hostile_text()))))
    return draw(_serialised(draw(_mutated_tree(front)), body))


YAML_TOKENS = ["kind", "title", "authority", "date", "decisions", "id", "text", "deadline", "due", ":", ": ", "-",
               "- ", "  ", "    ", "\n", "\t", "[", "]", "{", "}", ",", "'", '"', "|", ">", "&a", "*a", "<<", "!!str",
               "!!python/name:os.system", "?", "#", "%YAML 1.1", "---", "...", "null", "~", "2020-01-15",
               "9999-12-31", "1e309", "0x1F", "0o17", "yes", "NO", "=", "протокол", "uo-test", "\\", "\u2028"]


@st.composite
def yaml_front_matter(draw: st.DrawFn) -> bytes:
    """A protocol whose front matter is YAML-ish text written token by token."""
    front = "".join(draw(st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=5)), max_size=60)))
    body = draw(hostile_text())
    return f"---\n{front}\n---\n{body}".encode("utf-8", errors="surrogatepass")


@st.composite
def hostile_protocol(draw: st.DrawFn) -> str:
    """The fixture protocol with some texts (and perhaps a date) made hostile: often still valid."""
    front, body = FIXTURE_PROTOCOL
    front = _copy(front)
    texts = [path for path in _nodes(front) if path and path[-1] in TEXT_KEYS and isinstance(_get(front, path), str)]
    texts += [path for path in _nodes(front) if len(path) > 1 and path[-2] == "tags"]
    for path in draw(st.lists(st.sampled_from(texts), min_size=1, max_size=6)):
        _get(front, path[:-1])[path[-1]] = draw(plain_text())
    if draw(st.integers(0, 4)) == 0:
        dates = [path for path in _nodes(front) if path and path[-1] in {"due", "start", "date"}]
        path = draw(st.sampled_from(dates))
        _get(front, path[:-1])[path[-1]] = draw(st.dates())
    if draw(st.booleans()):
        body = body + "\n" + draw(hostile_text(0, 20)) + "\n"
    return f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n{body}"


# --------------------------------------------------------------------------- checks

PROBLEM = re.compile(r"^(?P<path>[^\n:]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning): "
                     r"(?P<message>\S.*)$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def problem_lines(stdout: str) -> list[re.Match]:
    """Every line of the validator's report as a problem; fails on a line that is not one problem in Russian."""
    problems = []
    for line in stdout.split("\n")[:-1] if stdout else []:
        found = PROBLEM.match(line)
        assert found, f"не строка «путь:строка:столбец: error|warning: сообщение»: {line!r}"
        assert CYRILLIC.search(found["message"]), f"сообщение не на русском: {line!r}"
        problems.append(found)
    return problems


class _Breakouts(HTMLParser):
    """Content that became markup: a tag or attribute named with `MARK`, a handler or script address holding it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if MARK in tag:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            dangerous = name.startswith("on") or (value or "").strip().lower().startswith("javascript:")
            if MARK in name or (dangerous and MARK in (value or "") + name):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if MARK in tag:
            self.found.append(f"</{tag}>")


def markup_breakouts(html: str) -> list[str]:
    """The markup in ``html`` that came from content: empty when every content string was escaped."""
    parser = _Breakouts()
    parser.feed(html)
    parser.close()
    return parser.found
