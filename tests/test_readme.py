"""The README's example session is complete: it loads, plans and builds as printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, docx_text, squash
from educpop.cli import main


def test_the_readme_example_builds_without_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert example
    folder = tmp_path / "mon-atelier"
    (folder / "sources").mkdir(parents=True)
    (folder / "session.yaml").write_text(example[1], encoding="utf-8")
    (folder / "sources" / "texte.md").write_text("Le travail change.\n\nIl faut en parler.\n", encoding="utf-8")
    assert main(["build", str(folder), "--format", "docx", "-o", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""  # no warning: the example's trailing comments are comments
    guide = squash(docx_text(tmp_path / "out" / "guide-animation.docx"))
    assert "18h30 – 18h45" in guide and "Lecture en sous-groupes" in guide
