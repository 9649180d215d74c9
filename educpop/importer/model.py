"""What every reader hands on: lines laid out on a page, or blocks read from a document's structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from educpop.errors import EducpopError


class ImportFailure(EducpopError):
    """A file that cannot be imported: missing, of an unknown kind, unreadable, too large."""

    category = "import impossible"


@dataclass
class Run:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    markdown: bool = False  # already Markdown (a .md source): written as it is, not escaped


@dataclass
class NoteCall:
    """A note number as printed in the text (a superscript "1"), not yet matched with its note."""

    number: str


@dataclass
class NoteRef:
    """A call to the note ``key`` of :attr:`Imported.notes`."""

    key: str


Inline = Run | NoteCall | NoteRef

BlockKind = Literal["heading", "paragraph", "item", "numbered", "quote"]


@dataclass(eq=False)
class Block:
    """A heading, paragraph, list item or quote of the imported text (compared by identity)."""

    kind: BlockKind
    content: list[Inline]
    level: int = 2  # headings only: 2 is written "##"

    def text(self) -> str:
        """Return the plain text of the block, note calls left out."""
        return "".join(part.text for part in self.content if isinstance(part, Run))


@dataclass
class Line:
    """A printed line of a PDF or a text file, with what its layout says about it.

    ``room`` is the space left before the right margin and ``head`` the width of
    the line's first word, in one unit (points, or characters for a text file):
    a line followed by one whose first word would have fitted was ended on purpose.
    """

    content: list[Inline]
    page: int = 0  # 1-based; 0 for a text file
    number: int = 0  # 1-based line of a text file, 0 for a PDF
    room: float = 0.0
    head: float = 0.0
    blank_before: bool = False  # blank line, or a wider gap than between lines
    indented: bool = False
    new_column: bool = False  # first line of a column or a page
    prominent: bool | None = None  # larger or bold (PDF); None when the file cannot say
    small: bool = False  # smaller than the text: a caption or a box

    def text(self) -> str:
        """Return the plain text of the line, note calls left out."""
        return "".join(part.text for part in self.content if isinstance(part, Run))

    def where(self) -> str:
        """Return where the line was in the file, in French: « page 3 » or « ligne 12 »."""
        return f"page {self.page}" if self.page else f"ligne {self.number} du fichier"


@dataclass
class NoteText:
    """The text of a footnote as found at the foot of a page, with its printed number."""

    number: str
    lines: list[Line]


@dataclass
class Extracted:
    """What a layout reader (PDF, text) found: body lines in reading order and footnotes."""

    lines: list[Line]
    notes: list[NoteText] = field(default_factory=list)


@dataclass
class Imported:
    """A text ready to be written as Markdown: blocks, then the notes they call."""

    blocks: list[Block]
    notes: dict[str, Block] = field(default_factory=dict)  # key -> the note's text, as a paragraph
