"""A command loads only the libraries it uses: start-up is part of every command's time (benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE

#: what only ``educpop import`` reads files with
IMPORT_READERS = ("bs4", "odf", "pdfminer")
#: what only a rendering needs: the renderers, and pypdf for booklets and the combined PDF
RENDERERS = ("educpop.render.docx", "educpop.render.pdf", "reportlab.platypus", "pypdf")


def loaded_after(*arguments: str, cwd: Path) -> set[str]:
    """Return the names of the modules loaded once ``educpop ARGUMENTS`` has run, in a fresh interpreter."""
    script = (
        "import sys\nfrom educpop.cli import main\n"
        f"status = main({list(arguments)!r})\n"
        "print(status)\nprint(' '.join(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True)
    status, modules = result.stdout.splitlines()[-2:]
    assert status == "0", result.stderr
    return set(modules.split())


def test_check_loads_neither_the_import_readers_nor_the_renderers(tmp_path: Path) -> None:
    loaded = loaded_after("check", str(SAMPLE), cwd=tmp_path)
    assert "educpop.generators.guide" in loaded  # the documents are made: their templates are checked
    assert loaded.isdisjoint(IMPORT_READERS + RENDERERS)


def test_a_pdf_build_loads_the_pdf_renderer_only(tmp_path: Path) -> None:
    loaded = loaded_after("build", str(SAMPLE), "--format", "pdf", "-o", str(tmp_path / "pack"), cwd=tmp_path)
    assert {"educpop.render.pdf", "reportlab.platypus", "pypdf"} <= loaded
    assert loaded.isdisjoint((*IMPORT_READERS, "educpop.render.docx"))


def test_import_loads_its_readers(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<html><body><p>Le texte.</p></body></html>", encoding="utf-8")
    loaded = loaded_after("import", "page.html", "-o", "page.md", cwd=tmp_path)
    assert "bs4" in loaded
    assert (tmp_path / "page.md").read_text(encoding="utf-8").strip() == "Le texte."
