"""The manifest records what educpop wrote; a file that no longer matches was edited by hand."""

from __future__ import annotations

import json
from pathlib import Path

from educpop.manifest import MANIFEST, digest, edited_by_hand, manifest_content, read_manifest


def test_a_new_manifest_keeps_the_files_of_other_builds_and_updates_the_rebuilt_ones() -> None:
    old = {"guide-animation-livret.pdf": digest(b"livret"), "guide-animation.pdf": digest(b"ancien")}
    written = json.loads(manifest_content(old, {"guide-animation.pdf": b"nouveau"}))
    assert written == {"guide-animation-livret.pdf": digest(b"livret"), "guide-animation.pdf": digest(b"nouveau")}


def test_a_folder_without_a_manifest_has_an_empty_one(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) == {}


def test_only_files_there_that_differ_from_the_manifest_count_as_edited(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"comme construit")
    (tmp_path / "b.pdf").write_bytes(b"retouche")
    (tmp_path / "c.pdf").write_bytes(b"jamais construit ici")
    (tmp_path / MANIFEST).write_bytes(
        manifest_content({}, {"a.pdf": b"comme construit", "b.pdf": b"construit", "d.pdf": b"disparu"})
    )
    manifest = read_manifest(tmp_path)
    assert edited_by_hand(tmp_path, ["a.pdf", "b.pdf", "c.pdf", "d.pdf"], manifest) == ["b.pdf", "c.pdf"]
