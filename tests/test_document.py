"""The document model: one walk over a document's text, notes included."""

from __future__ import annotations

from educpop.document import Note, Paragraph, Role, SourceText, Text, inline_text, text_runs, walk_text


def test_the_runs_of_a_note_follow_its_call_with_the_note_role() -> None:
    blocks = [Paragraph([Text("Le soviet"), Note([Text("Conseil "), Text("élu", italic=True)]), Text(" siège.")])]
    assert list(text_runs(blocks)) == [
        (Text("Le soviet"), Role.BODY),
        (Text("Conseil "), Role.NOTE),
        (Text("élu", italic=True), Role.NOTE),
        (Text(" siège."), Role.BODY),
    ]


def test_the_words_of_a_line_leave_out_its_notes_but_every_string_is_checked() -> None:
    line = [Text("Titre"), Note([Text("Une note.")])]
    assert inline_text(line) == "Titre"
    assert walk_text([SourceText([line])]) == ["Titre", "Une note."]
