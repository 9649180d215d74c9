"""Shared fixtures: the sample workshop, built once, and readers for what was built."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import docx
import pytest
from hypothesis import settings

from educpop.cli import main

# On CI the generated examples are the same at every run, so that a red build
# always means a change of ours; locally they vary, to keep finding new cases.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sessions" / "revolution-russe-1917"


def squash(text: str) -> str:
    """Return ``text`` with every kind of space folded to one space and typographic marks made plain.

    Lets a test compare what a user wrote with what a reader extracts after
    typesetting (no-break spaces, curly apostrophes) and line wrapping.
    """
    text = text.replace("\u2019", "'").replace("\u00ad", "")
    return re.sub(r"[\s\u00a0\u202f\u2009\u2060]+", " ", text).strip()


def write_session(session: str | bytes, files: dict[str, str | bytes] | None = None) -> Path:
    """Return ``atelier/`` (relative to the working directory) holding ``session.yaml`` and ``files``.

    Text is written as UTF-8; bytes as they are, for encoding mistakes.
    """
    root = Path("atelier")
    for name, content in {"session.yaml": session, **(files or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return root


def pdf_text(path: Path) -> str:
    """Return the text of a PDF as poppler's pdftotext reads it."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> int:
    """Return the page count of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def docx_text(path: Path) -> str:
    """Return every paragraph of a DOCX, body and tables (nested too), one per line."""
    document = docx.Document(str(path))
    lines: list[str] = []

    def walk(container: object) -> None:
        for paragraph in container.paragraphs:  # type: ignore[attr-defined]
            lines.append(paragraph.text)
        for table in container.tables:  # type: ignore[attr-defined]
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    return "\n".join(lines)


@pytest.fixture(scope="session")
def sample_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the sample workshop's pack, built once through the CLI."""
    out = tmp_path_factory.mktemp("pack")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return out
