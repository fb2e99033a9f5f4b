"""The JSON Schema (draft 2020-12) of the article record, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker


@cache
def record_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("record.schema.json").read_text("utf-8"))


def record_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, as ``path: message`` lines (empty when valid)."""
    validator = Draft202012Validator(record_schema(), format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, err.absolute_path)) or '(record)'}: {err.message}"
        for err in sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
    ]
