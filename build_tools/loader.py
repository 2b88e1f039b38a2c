"""Step 1 of the pipeline: read a file into plain data with a position for every node.

Reading never raises on bad input: what cannot be read becomes a `Problem`.
Decisions taken here, once for the whole pipeline:

* Files must be UTF-8 without a byte order mark; anything else is refused
  with the position of the first bad byte.
* YAML timestamps stay strings (``2019-02-31`` is then reported by the schema
  as an impossible date instead of crashing the YAML constructor); other
  scalars get YAML 1.1 core types (``NO`` is ``False``, ``2`` is ``2``), which
  the schema then rejects where a string is expected.
* Anchors and aliases are refused: the knowledge base needs none, and this
  makes "billion laughs" YAML bombs harmless.
* Duplicate keys are an error (PyYAML would silently keep the last one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .problems import Problem, error

try:  # libyaml's C parser when present: several times faster
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as YamlLoader

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NESTING = 50

NodePath = tuple[Any, ...]
_FRONT_MATTER = frontmatter.YAMLHandler()
_STR = "tag:yaml.org,2002:str"
_SCALAR_CONSTRUCTORS = {
    _STR: lambda constructor, node: node.value,
    "tag:yaml.org,2002:timestamp": lambda constructor, node: node.value,
    "tag:yaml.org,2002:null": lambda constructor, node: None,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class Positions:
    """Where each value, and each mapping key, starts in the file (1-based).

    Looked up in the YAML node tree when asked: a problem needs the place of
    one node, and recording the place of every node of every file, as the
    tree is converted, more than doubled the cost of converting it. A mapping
    is indexed by its keys the first time a lookup passes through it, so that
    a file with many problems costs one pass over each mapping, not one per problem.
    """

    def __init__(self, root: yaml.Node | None = None, first_line: int = 1):
        self._root = root
        self._first_line = first_line
        self._mappings: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] = {}

    def of_value(self, path: NodePath) -> tuple[int, int]:
        """The position of the value at ``path``, or of its nearest known ancestor."""
        node = self._root
        if node is None:
            return 1, 1
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            node = child
        return self._position(node)

    def of_key(self, path: NodePath) -> tuple[int, int]:
        parent = self._node_at(path[:-1]) if path else None
        key_node = self._entry(parent, path[-1])[0] if parent is not None else None
        return self._position(key_node) if key_node is not None else self.of_value(path)

    def _node_at(self, path: NodePath) -> yaml.Node | None:
        node = self._root
        for part in path:
            if node is None:
                return None
            node = self._child(node, part)
        return node

    def _child(self, node: yaml.Node, part: Any) -> yaml.Node | None:
        """The node at ``part`` (a key of a mapping, an index of a sequence) below ``node``, if there is one."""
        if isinstance(node, yaml.SequenceNode):
            return node.value[part] if isinstance(part, int) and 0 <= part < len(node.value) else None
        return self._entry(node, part)[1]

    def _entry(self, node: yaml.Node, key: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(key node, value node) of ``key`` in a mapping node: its first occurrence."""
        if not isinstance(node, yaml.MappingNode):
            return None, None
        index = self._mappings.get(id(node))
        if index is None:
            index = self._mappings[id(node)] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
        return index.get(key, (None, None))

    def _position(self, node: yaml.Node) -> tuple[int, int]:
        return self._first_line + node.start_mark.line, node.start_mark.column + 1


def _key_node(node: yaml.Node, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node
    return None


@dataclass
class SourceFile:
    """A file read into data; ``data`` is None when it could not be read."""

    path: str
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    text: str = ""  # the YAML as written: rules may scan it once instead of every value
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None


class _Unreadable(Exception):
    """Raised inside the loader only, turned into one Problem at its edge."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def read_protocol(path: Path, display_path: str) -> SourceFile:
    """Read a protocol: YAML front matter between ``---`` lines, then the body."""
    source = SourceFile(display_path)
    try:
        text = _read_text(path)
        front_matter, front_line, body, body_line = _split_front_matter(text)
        source.data, source.positions = _parse_yaml(front_matter, front_line)
        source.text, source.body, source.body_line = front_matter, body, body_line
    except _Unreadable as problem:
        source.data = None
        source.problems.append(error(display_path, problem.line, problem.col, problem.message))
    return source


def read_yaml_file(path: Path, display_path: str) -> SourceFile:
    """Read a plain YAML file, such as a registry file."""
    source = SourceFile(display_path)
    try:
        source.text = _read_text(path)
        source.data, source.positions = _parse_yaml(source.text, 1)
    except _Unreadable as problem:
        source.problems.append(error(display_path, problem.line, problem.col, problem.message))
    return source


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(1, 1, f"файл не читается: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _Unreadable(1, 1, f"файл слишком велик: {len(raw)} байт, допускается не больше {MAX_FILE_BYTES}")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _Unreadable(1, 1, "файл начинается с метки BOM; сохраните его в кодировке UTF-8 без BOM")
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise _Unreadable(line, col, "файл содержит нулевой байт: это двоичный файл, а не текст протокола")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise _Unreadable(
            line, col, f"файл не в кодировке UTF-8 (байт 0x{raw[exc.start]:02x}); сохраните его в UTF-8"
        ) from None
    return text.replace("\r\n", "\n")


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split into (front matter, its first line, body, its first line)."""
    opening = _FRONT_MATTER.FM_BOUNDARY.match(text)
    if not opening:
        raise _Unreadable(1, 1, "нет front matter: файл протокола должен начинаться со строки «---»")
    try:
        front_matter, body = _FRONT_MATTER.split(text)
    except ValueError:
        raise _Unreadable(1, 1, "front matter не закрыт: нет второй строки «---»") from None
    front_line = text.count("\n", 0, opening.end()) + 1
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    return front_matter, front_line, body.strip("\n"), body_line


def _parse_yaml(text: str, first_line: int) -> tuple[Any, Positions]:
    try:
        root = yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        raise _Unreadable(line, col, f"ошибка YAML: {_explain_yaml_problem(exc.problem or exc.context)}") from None
    except yaml.reader.ReaderError:
        raise _not_allowed_character(text, first_line) from None
    except yaml.YAMLError as exc:
        raise _Unreadable(first_line, 1, f"ошибка YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise _Unreadable(first_line, 1, "YAML слишком глубоко вложен") from None
    if root is None:
        raise _Unreadable(first_line, 1, "пустой YAML: нет ни одного поля")
    # Without a «*» in the text there is no alias, so no node can be met twice.
    converter = _NodeConverter(first_line, watch_aliases="*" in text)
    return converter.convert(root, 0), Positions(root, first_line)


# What YAML 1.1 allows in a stream: tab, line breaks, printable ASCII, NEL and the printable rest of Unicode.
_NOT_ALLOWED_IN_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _not_allowed_character(text: str, first_line: int) -> _Unreadable:
    """The first character YAML refuses (a control character, mostly), at its place, named by its code."""
    found = _NOT_ALLOWED_IN_YAML.search(text)
    if found is None:
        return _Unreadable(first_line, 1, "ошибка YAML: в тексте есть недопустимый символ")
    line_start = text.rfind("\n", 0, found.start()) + 1
    return _Unreadable(first_line + text.count("\n", 0, found.start()), found.start() - line_start + 1,
                       f"недопустимый символ U+{ord(found.group()):04X} (управляющий): удалите его")


_YAML_PROBLEMS_RU = {
    "mapping values are not allowed": "здесь не может стоять «ключ: значение» (лишнее двоеточие? заключите текст в кавычки)",
    "found character that cannot start any token": "символ, с которого не может начинаться значение (табуляция вместо пробелов? «@» или «`» в начале?)",
    "did not find expected key": "ожидался ключ: проверьте отступы",
    "did not find expected node content": "ожидалось значение",
    "did not find expected '-' indicator": "ожидался элемент списка «- …»: проверьте отступы",
    "could not find expected ':'": "не найдено «:» после ключа",
    "found undefined alias": "ссылка YAML на неизвестный якорь",
    "found unexpected end of stream": "файл оборвался внутри значения (не закрыта кавычка или скобка?)",
    "found unknown escape character": "неизвестная escape-последовательность в строке в двойных кавычках",
    "exceeded maximum nesting depth": "слишком глубокая вложенность",
    "expected <block end>, but found": "неожиданный элемент: проверьте отступы",
}


def _explain_yaml_problem(problem: str | None) -> str:
    """A Russian explanation of a YAML parser's message, with the original kept."""
    problem = problem or "неизвестная ошибка"
    for english, russian in _YAML_PROBLEMS_RU.items():
        if problem.startswith(english):
            return f"{russian} [{problem}]"
    return problem


class _NodeConverter:
    """Turns a composed YAML node tree into plain data, refusing what the knowledge base does not allow."""

    def __init__(self, first_line: int, watch_aliases: bool = True):
        self.first_line = first_line
        self.seen: set[int] | None = set() if watch_aliases else None

    def fail(self, node: yaml.Node, message: str) -> _Unreadable:
        return _Unreadable(self.first_line + node.start_mark.line, node.start_mark.column + 1, message)

    def convert(self, node: yaml.Node, depth: int) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                raise self.fail(node, "ссылки YAML (&якорь и *ссылка) не поддерживаются: запишите значение полностью")
            self.seen.add(id(node))
        if depth > MAX_NESTING:
            raise self.fail(node, f"YAML вложен глубже {MAX_NESTING} уровней")
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.convert_scalar(node)
        if node.tag not in _COLLECTION_TAGS:
            raise self.fail(node, f"тег YAML «{node.tag}» не поддерживается")
        if kind is yaml.MappingNode:
            return self.convert_mapping(node, depth)
        return [self.convert(item, depth + 1) for item in node.value]

    def convert_mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "ключ слияния YAML «<<» не поддерживается")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "ключ должен быть простой строкой")
            key = str(key_node.value)
            if key in result:
                line = self.first_line + _key_node(node, key).start_mark.line
                raise self.fail(key_node, f"ключ «{key}» повторяется (впервые в строке {line})")
            result[key] = self.convert(value_node, depth + 1)
        return result

    def convert_scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:  # nearly every scalar: no call through the table
            return node.value
        construct = _SCALAR_CONSTRUCTORS.get(node.tag)
        if construct is None:
            raise self.fail(node, f"тег YAML «{node.tag}» не поддерживается")
        return construct(_CONSTRUCTOR, node)
