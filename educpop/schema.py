"""One validation path for every file a facilitator writes: YAML data in, a model or located problems out.

``session.yaml`` (with its variant merged in) and a theme's ``theme.yaml`` are
read by the same YAML reader, validated by pydantic schema models and told
by :mod:`educpop.diagnostics`; only their models differ.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from educpop.diagnostics import explain
from educpop.errors import Problem
from educpop.session.yamlsource import YamlSource

M = TypeVar("M", bound=BaseModel)


class UserModel(BaseModel):
    """The base of every schema of a user's file: unknown keys are errors, keys left empty are not filled in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_not_filled_in(cls, data: Any) -> Any:
        """Drop the known keys left empty (``notes:``): an empty field is not filled in.

        An unknown key stays, whatever its value, so that ``titel:`` left empty is still reported.
        """
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None or key not in cls.model_fields}
        return data


def validate(
    source: YamlSource, model: type[M], context: dict[str, Any] | None = None
) -> tuple[M | None, list[Problem]]:
    """Return ``source``'s data as ``model`` (None if invalid) and every problem met, each located.

    ``context`` reaches the model's validators (a theme's folder, to check its files).
    """
    problems = list(source.problems)
    try:
        return model.model_validate(source.data, context=context), problems
    except ValidationError as error:
        return None, problems + explain(error, source, model)
