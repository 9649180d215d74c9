"""Safe YAML reading that remembers where every value was typed.

Every scalar is kept as the text the user typed (``1:30`` stays ``"1:30"``,
``no`` stays ``"no"``): the model's parsers decide what it means. A side
table maps each field path to its line and column, so that any later check
can point at the right place in ``session.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from educpop.errors import Problem, SessionError

#: larger files are refused before parsing (a session is a few kilobytes)
MAX_BYTES = 1_000_000
#: deeper nesting is refused (a session needs four levels)
MAX_DEPTH = 50

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column

_NULLS = {"", "~", "null", "Null", "NULL"}
_NBSP = "\u00a0\u202f"
_LINE_BREAKS = re.compile("[\n\x85\u2028\u2029]")
_INDENT = re.compile(f"^[ \t{_NBSP}]*")
#: characters no document can print: controls other than tab and newline, lone surrogates, non-characters
FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_message(char: str) -> str:
    """Return the message for a character that cannot be printed, naming its code point."""
    return f"caractère invisible interdit (U+{ord(char):04X}) : supprimez-le"


def format_path(path: FieldPath) -> str:
    """Return ``path`` as the user reads it: ``activities[2].duration`` (items counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class YamlSource:
    """A parsed YAML file: plain data, where each value and key was, and what was wrong."""

    file: Path
    data: object
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    #: errors that do not stop validation (duplicate keys)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: the text of the file, line by line
    lines: tuple[str, ...] = ()
    #: the file a located path was written in, when it is not ``file`` (a variant's values merged in)
    origins: dict[FieldPath, Path] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[Path, Position]:
        """Return the file and position of ``path``, or of its nearest located parent."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            tables = (self.keys, self.values) if key else (self.values, self.keys)
            for table in tables:
                if prefix in table:
                    return self.origins.get(prefix, self.file), table[prefix]
        return self.file, (0, 0)

    def where(self, path: FieldPath, *, key: bool = False) -> Position:
        """Return the position of ``path``, or of its nearest located parent."""
        return self.locate(path, key=key)[1]

    def problem(self, path: FieldPath, message: str, *, key: bool = False) -> Problem:
        """Return a Problem about ``path`` located in the file where it was written."""
        file, (line, column) = self.locate(path, key=key)
        return Problem(file, line, column, format_path(path), message)


def decode_text(raw: bytes, file: Path) -> str:
    """Return ``raw`` decoded as UTF-8 (BOM dropped, line endings as ``\\n``, Unicode NFC).

    Raises SessionError naming the line of the first bad byte and the probable encoding.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "le fichier est en UTF-16 ; enregistrez-le en UTF-8"
        raise SessionError([Problem(file, 0, 0, "", message)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8-sig")) + 1
        try:
            raw.decode("cp1252")
            probable = "Windows-1252"
        except UnicodeDecodeError:
            probable = "Latin-1"
        message = f"le fichier n'est pas en UTF-8 (probablement {probable}) ; enregistrez-le en UTF-8"
        raise SessionError([Problem(file, line, column, "", message)]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


class _Refused(yaml.YAMLError):
    """A construct educpop refuses (alias, anchor, too deep), raised while composing."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        super().__init__(message)
        self.mark, self.message = mark, message


_YAML_TAGS = "tag:yaml.org,2002:"


def _typed_tag(tag: str) -> str:
    """Return a node's tag as it was typed: ``!!binary``, ``!custom``, ``!<tag:x>``."""
    if tag.startswith(_YAML_TAGS):
        return "!!" + tag.removeprefix(_YAML_TAGS)
    return tag if tag.startswith("!") else f"!<{tag}>"


def tag_message(typed: str) -> str:
    """Return the message for a YAML tag (``!!python/name:…``, ``!!binary``), which educpop never reads."""
    return (
        f"étiquette YAML « {typed} » refusée : educpop ne lit que du texte ; supprimez-la "
        "(si elle fait partie de la valeur, mettez toute la valeur entre guillemets)"
    )


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases, caps nesting and notes every tag while composing."""

    depth = 0

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        #: id of each node that carries a tag -> the tag as typed
        self.tagged: dict[int, str] = {}

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        if getattr(event, "anchor", None) is not None:
            message = "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés : recopiez la valeur"
            raise _Refused(event.start_mark, message)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)")
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        tag = getattr(event, "tag", None)
        if tag is not None and node is not None:
            self.tagged[id(node)] = _typed_tag(tag)
        return node


def read_yaml(raw: bytes, file: Path) -> YamlSource:
    """Return the YAML document in ``raw`` as plain data with positions.

    Raises SessionError when the file cannot be read at all (encoding, syntax,
    size, aliases, nesting); duplicate keys and tags (``!!binary``) are
    collected in ``problems``.
    """
    if len(raw) > MAX_BYTES:
        message = f"fichier trop gros ({len(raw) // 1000} ko, au plus {MAX_BYTES // 1000} ko)"
        raise SessionError([Problem(file, 0, 0, "", message)])
    text = decode_text(raw, file)
    lines = _LINE_BREAKS.split(text)
    loader = None
    try:
        loader = _Loader(text)  # its reader checks the characters here
        root = loader.get_single_node()
    except _Refused as error:
        raise SessionError([_at(file, error.mark, error.message)]) from None
    except yaml.reader.ReaderError as error:
        before = _LINE_BREAKS.split(text[: error.position])
        code = ord(error.character) if isinstance(error.character, str) else error.character
        message = forbidden_message(chr(code))
        raise SessionError([Problem(file, len(before), len(before[-1]) + 1, "", message)]) from None
    except yaml.MarkedYAMLError as error:
        raise SessionError(_syntax_problems(file, lines, error)) from None
    finally:
        if loader is not None:
            loader.dispose()
    source = YamlSource(file, None, lines=tuple(lines))
    data = _Walker(source, lines, loader.tagged).walk(root, ()) if root is not None else None
    return replace(source, data=data)


def _at(file: Path, mark: yaml.Mark | None, message: str) -> Problem:
    return Problem(file, mark.line + 1, mark.column + 1, "", message) if mark else Problem(file, 0, 0, "", message)


def _indent_problems(file: Path, lines: list[str], last: int) -> list[Problem]:
    """Return a Problem for each line up to ``last`` indented with tabs or non-breaking spaces."""
    problems = []
    for number, line in enumerate(lines[:last], start=1):
        indent = _INDENT.match(line)
        if not indent or not line.strip(f" \t{_NBSP}"):
            continue
        for column, char in enumerate(indent[0], start=1):
            if char == "\t" or char in _NBSP:
                problems.append(Problem(file, number, column, "", _TAB if char == "\t" else _NBSP_INDENT))
                break
    return problems


#: a single space, then a ``#`` glued to what follows: the rest of a value read as a comment
_CUT_VALUE = re.compile(r" (#\S.*)")
_TAB = "tabulation dans l'indentation : utilisez des espaces"
_NBSP_INDENT = "espace insécable dans l'indentation : utilisez des espaces ordinaires"
_QUOTE_IT = 'mettez la valeur entre guillemets droits ("…")'
_AFTER_QUOTE = (
    "texte après le guillemet fermant : pour une apostrophe entre guillemets simples, "
    "doublez-la ('L''atelier') ou mettez la valeur entre guillemets doubles"
)
#: PyYAML's wording -> what to do about it, in French
_EXPLAIN = (
    ("mapping values are not allowed", f"« : » inattendu ; si la valeur contient « : », {_QUOTE_IT}"),
    ("could not find expected ':'", "« : » manquant : chaque ligne est « clé: valeur » ou « - élément »"),
    ("expected <block end>", "indentation incohérente : alignez cette ligne sur celles du même niveau"),
    ("expected ',' or ']'", "crochet « [ » jamais fermé par « ] »"),
    ("expected ',' or '}'", "accolade « { » jamais fermée par « } »"),
    (
        "unknown escape character",
        "barre oblique inverse « \\ » entre guillemets doubles : écrivez « / » ou utilisez des guillemets simples",
    ),
    ("another document", "un seul document par fichier : supprimez la ligne « --- »"),
    ("found '<stream end>'", "fin du fichier inattendue : un « [ » ou une « { » n'est pas refermé"),
    ("that cannot start any token", f"caractère interdit en début de valeur : {_QUOTE_IT}"),
    ("end of stream", "guillemet ouvert jamais refermé"),
)


def _syntax_problems(file: Path, lines: list[str], error: yaml.MarkedYAMLError) -> list[Problem]:
    """Return what is wrong for a YAML syntax error: bad indentation first, else PyYAML's complaint."""
    mark = error.problem_mark or error.context_mark
    last = mark.line + 1 if mark else len(lines)
    problems = _indent_problems(file, lines, last)
    if problems and problems[-1].line == last:
        return problems
    wording = f"{error.problem or ''} {error.context or ''}"
    if mark and "found '<scalar>'" in wording and re.search("['\"]", lines[mark.line][: mark.column]):
        return [*problems, _at(file, mark, _AFTER_QUOTE)]
    for english, french in _EXPLAIN:
        if english in wording:
            if english in ("could not find expected ':'", "end of stream") and error.context_mark:
                mark = error.context_mark
            return [*problems, _at(file, mark, french)]
    return [*problems, _at(file, mark, f"syntaxe YAML incorrecte ({error.problem or error.context})")]


class _Walker:
    """Turns a node tree into plain data, filling a YamlSource's tables as it goes."""

    def __init__(self, source: YamlSource, lines: list[str], tagged: dict[int, str]) -> None:
        self.source, self.lines, self.tagged = source, lines, tagged

    def walk(self, node: Node, path: FieldPath) -> object:
        self.source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self.tagged:
            self._problem(self.source.values[path], path, tag_message(self.tagged[id(node)]))
        if isinstance(node, SequenceNode):
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        assert isinstance(node, ScalarNode)
        if node.style is None:
            if node.value in _NULLS:
                return None
            self._check_comment(node, path)
        # escapes in double quotes ("\x01", "\ud800", "e\u0301") bypass the reader's checks
        forbidden = FORBIDDEN_CHARACTER.search(node.value)
        if forbidden:
            self._problem(self.source.values[path], path, forbidden_message(forbidden[0]))
            return FORBIDDEN_CHARACTER.sub("\ufffd", node.value)  # reported once, here, not again by the model
        return unicodedata.normalize("NFC", node.value)

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, ScalarNode):
                self._problem(position, path, "une clé doit être un mot simple, pas une liste")
                continue
            key = key_node.value
            if id(key_node) in self.tagged:
                self._problem(position, (*path, key), tag_message(self.tagged[id(key_node)]))
            if key and key[0] in _NBSP:
                self._problem(position, path, _NBSP_INDENT)
                continue
            if key.rstrip(_NBSP) != key:
                key = key.rstrip(_NBSP + " ")
                message = "espace insécable avant « : » ignorée"
                self.source.warnings.append(Problem(self.source.file, *position, format_path((*path, key)), message))
            if (*path, key) in self.source.keys:
                first = self.source.keys[(*path, key)][0]
                self._problem(position, (*path, key), f"clé « {key} » en double (déjà ligne {first})")
                continue
            self.source.keys[(*path, key)] = position
            result[key] = self.walk(value_node, (*path, key))
        return result

    def _check_comment(self, node: ScalarNode, path: FieldPath) -> None:
        """Warn when a ``#`` cut a plain value short (``title: Atelier #2`` reads ``Atelier``).

        A comment written as one (``duration: 90   # minutes``, ``start: 9h # matin``:
        two spaces before the ``#``, or a space after it) is left alone; a single
        space then ``#`` glued to a word is what a cut value looks like.
        """
        rest = self.lines[node.end_mark.line][node.end_mark.column :]
        comment = _CUT_VALUE.match(rest)
        if comment:
            cut = comment[1].strip()
            message = (
                f"valeur lue « {node.value} » : « {cut} » est un commentaire, ignoré ; "
                "s'il fait partie du texte, mettez toute la valeur entre guillemets"
            )
            position = (node.end_mark.line + 1, node.end_mark.column + 1 + len(rest) - len(rest.lstrip()))
            self.source.warnings.append(Problem(self.source.file, *position, format_path(path), message))

    def _problem(self, position: Position, path: FieldPath, message: str) -> None:
        self.source.problems.append(Problem(self.source.file, *position, format_path(path), message))
