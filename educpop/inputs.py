"""Everything a build reads from the user: the session, its variant and its theme, checked together.

A facilitator with a mistake in ``session.yaml``, one in the variant and one in
the theme's ``theme.yaml`` reads all three in one run, each with its file and line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from educpop.errors import SessionError
from educpop.session.load import Workshop, read_session, validate_workshop
from educpop.session.yamlsource import YamlSource
from educpop.theme import Theme
from educpop.theme_file import choose_theme


def load_inputs(folder: Path, variant: str | None = None, theme: Path | None = None) -> tuple[Workshop, Theme]:
    """Return the workshop in ``folder`` (``variant`` merged in) and its theme (``theme``, else the session's).

    Raise one SessionError (a ThemeError when only the theme is wrong) listing
    every problem of the three files; ``session.yaml`` is read once.
    """
    errors: list[SessionError] = []
    source: YamlSource | None = None
    workshop = chosen = None
    try:
        source = read_session(folder, variant)
        workshop = validate_workshop(source, variant or "")
    except SessionError as error:
        errors.append(error)
    if source is not None or theme is not None:
        try:
            chosen = choose_theme(source, theme)
        except SessionError as error:
            errors.append(error)
    if errors or workshop is None or chosen is None:
        kinds = {type(error) for error in errors}
        kind = kinds.pop() if len(kinds) == 1 else SessionError
        raise kind([problem for error in errors for problem in error.problems])
    if chosen.organisation and not workshop.session.organisation:
        # The theme's organisation stands in for the session's: covers, guide, metadata.
        session = workshop.session.model_copy(update={"organisation": chosen.organisation})
        workshop = replace(workshop, session=session)
    return workshop, chosen
