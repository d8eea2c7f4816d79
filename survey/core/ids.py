"""Ids and language tags: what a valid id looks like, and uniqueness within a scope.

Questionnaires, sections, questions, choices, workshops, groups and sessions all use
the same slugs, so a file reads the same everywhere and ids are safe in paths.
"""

from __future__ import annotations

import re

from survey.core.errors import Finding, error

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SLUG_MAX = 64
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def check_id(value: str, path: str, what: str, taken: set[str]) -> list[Finding]:
    """A finding if `value` is not a slug or is already in `taken` (which it joins)."""
    findings = []
    if not SLUG.match(value) or len(value) > SLUG_MAX:
        findings.append(
            error(
                "slug",
                path,
                f"the {what} id `{value}` must be lowercase letters and digits joined by - or _ "
                f"(at most {SLUG_MAX} characters), e.g. `mechanism-form`",
            )
        )
    if value in taken:
        findings.append(
            error("duplicate-id", path, f"the {what} id `{value}` is used twice; ids are unique")
        )
    taken.add(value)
    return findings


def check_renamed_from(value: str, path: str) -> list[Finding]:
    if SLUG.match(value):
        return []
    return [error("slug", path, f"`{value}` is not an id; renamed_from names the old id")]
