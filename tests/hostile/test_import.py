"""``educpop import`` refuses a file it cannot read with a French message and status 2, writing nothing."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from importer.conftest import Page, make_pdf
from pypdf import PdfWriter

from hostile.conftest import errors, run, session


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    status, err = run(capsys, "import", *argv)
    assert status == 2 and "Traceback" not in err
    assert not Path("sortie.md").exists() and not Path("sources").exists()
    return errors(err)


def test_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, "absent.pdf") == ["absent.pdf : fichier introuvable"]


def test_an_unknown_kind_of_file(capsys: pytest.CaptureFixture[str]) -> None:
    Path("texte.rtf").write_text("{\\rtf1 bonjour}", encoding="utf-8")
    assert refused(capsys, "texte.rtf") == [
        "texte.rtf : type de fichier inconnu « .rtf » ; educpop sait lire : .docx, .html, .md, .odt, .pdf, .txt"]


def test_a_folder_and_a_pipe_are_not_files(capsys: pytest.CaptureFixture[str]) -> None:
    Path("dossier.txt").mkdir()
    assert refused(capsys, "dossier.txt") == ["dossier.txt : c'est un dossier ; donnez le fichier à importer"]
    os.mkfifo("tube.txt")  # opening it would wait for a writer forever
    assert refused(capsys, "tube.txt") == ["tube.txt : ce n'est pas un fichier ordinaire (tube, périphérique ?)"]


@pytest.mark.parametrize(("name", "limit"), [("enorme.pdf", 50), ("enorme.txt", 5), ("enorme.html", 5)])
def test_a_huge_file_is_refused_before_it_is_read(capsys: pytest.CaptureFixture[str], name: str, limit: int) -> None:
    with open(name, "wb") as handle:
        handle.truncate(60_000_000)  # sparse: takes no room on the disk
    assert refused(capsys, name) == [
        f"{name} : fichier trop gros (60 Mo, au plus {limit} Mo) ; n'en gardez que le texte à étudier"]


def test_a_password_protected_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    writer = PdfWriter(clone_from=make_pdf(Path("clair.pdf"), [Page(columns=(["Un texte protégé."],))]))
    writer.encrypt("secret")
    writer.write("protege.pdf")
    assert refused(capsys, "protege.pdf") == [
        "protege.pdf : PDF protégé par un mot de passe ; enregistrez-en une copie sans protection"]


@pytest.mark.parametrize("content", [b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", b"pas un PDF du tout", b""])
def test_a_broken_pdf(capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    Path("abime.pdf").write_bytes(content)
    [message] = refused(capsys, "abime.pdf")
    assert message.startswith("abime.pdf : PDF illisible ou abîmé (")


def test_a_scanned_pdf_without_text(capsys: pytest.CaptureFixture[str]) -> None:
    make_pdf(Path("scan.pdf"), [Page(columns=([],))], running_title="")
    [message] = refused(capsys, "scan.pdf")
    assert message.startswith("scan.pdf : aucun texte trouvé (un PDF scanné n'a que des images")


@pytest.mark.parametrize(("name", "kind"), [("abime.docx", "Word"), ("abime.odt", "ODT")])
def test_a_broken_word_or_opendocument_file(capsys: pytest.CaptureFixture[str], name: str, kind: str) -> None:
    with zipfile.ZipFile(name, "w") as archive:
        archive.writestr("content.xml", "<pas fini")
    [message] = refused(capsys, name)
    assert message.startswith(f"{name} : fichier {kind} illisible ou abîmé (")


def test_a_binary_file_named_txt(capsys: pytest.CaptureFixture[str]) -> None:
    Path("image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert refused(capsys, "image.txt") == [
        "image.txt : ce n'est pas un fichier texte (octets nuls) ; exportez-le en .txt"]


def test_an_existing_text_is_not_replaced_without_force(capsys: pytest.CaptureFixture[str]) -> None:
    Path("texte.txt").write_text("Un texte neuf.\n", encoding="utf-8")
    Path("ancien.md").write_text("Un texte retouché à la main.\n", encoding="utf-8")
    status, err = run(capsys, "import", "texte.txt", "-o", "ancien.md")
    assert status == 2 and errors(err) == [
        "ancien.md existe déjà ; rien n'a été écrit (relancez avec --force pour le remplacer)"]
    assert Path("ancien.md").read_text(encoding="utf-8") == "Un texte retouché à la main.\n"
    assert run(capsys, "import", "texte.txt", "-o", "ancien.md", "--force")[0] == 0
    assert Path("ancien.md").read_text(encoding="utf-8") == "Un texte neuf.\n"


def test_a_session_text_outside_the_session_folder_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    folder = session()
    before = (folder / "session.yaml").read_bytes()
    Path("texte.txt").write_text("Un texte.\n", encoding="utf-8")
    assert refused(capsys, "texte.txt", "--session", str(folder), "-o", "sortie.md") == [
        "sortie.md : le texte d'une séance doit être dans son dossier (atelier)"]
    assert (folder / "session.yaml").read_bytes() == before


def test_a_folder_without_session_file(capsys: pytest.CaptureFixture[str]) -> None:
    Path("vide").mkdir()
    Path("texte.txt").write_text("Un texte.\n", encoding="utf-8")
    status, err = run(capsys, "import", "texte.txt", "--session", "vide")
    assert status == 2 and errors(err) == ["vide : pas de session.yaml dans ce dossier"]
    assert list(Path("vide").iterdir()) == []
