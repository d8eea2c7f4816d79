"""Stable numeric codes of choices, for the statistics packages' value labels.

A choice keeps its code forever and a new choice gets a new one: codes are stored, not
derived, because a derivation from the versions at hand would shift when an older
version is published after a newer one (publication follows workshop files, not
version numbers). Codes are assigned when a version is published and, for versions
published before codes existed, the first time a report needs them. A renamed question
or choice (`renamed_from`) is found under every id it had and shares one code; "Other"
and "Don't know" of a choice list are coded like choices; dropped choices keep theirs.
Codes number each question's options from 1 in the order they first appear.
"""

from __future__ import annotations

import sqlalchemy as sa

from survey.core.lineage import LinedUpQuestion, line_up
from survey.core.questionnaire import Questionnaire
from survey.core.schema import DONT_KNOW, OTHER
from survey.kinds import kind_of
from survey.store.database import Database
from survey.store.published import published_schema
from survey.store.tables import choice_codes, questionnaire_versions

#: The option lists whose ids are answer values (rows of a matrix are variables instead).
CODED = ("choices", "columns")


def _versions(connection: sa.Connection, questionnaire_id: str) -> dict[int, Questionnaire]:
    numbers = connection.execute(
        sa.select(questionnaire_versions.c.version).where(
            questionnaire_versions.c.questionnaire_id == questionnaire_id
        )
    ).scalars()
    return {n: published_schema(connection, questionnaire_id, n) for n in numbers}


def _slots(
    lined_up: LinedUpQuestion, versions: dict[int, Questionnaire]
) -> list[set[tuple[str, str]]]:
    """Each option of the question as the set of (question id, option id) it had."""
    slots: dict[str, set[tuple[str, str]]] = {}
    for version, question_id in sorted(lined_up.ids.items()):
        maps = lined_up.option_ids.get(version, {})
        for key in CODED:
            for old, new in maps.get(key, {}).items():
                slots.setdefault(new, set()).add((question_id, old))
        question = versions[version].question_index()[question_id]
        for extra in (OTHER, DONT_KNOW):
            if extra in kind_of(question).offered(question):
                slots.setdefault(extra, set()).add((question_id, extra))
    return list(slots.values())


def assign_codes(connection: sa.Connection, questionnaire_id: str) -> None:
    """Give every option of every published version of `questionnaire_id` its code,
    keeping the codes already given (call inside a write transaction)."""
    versions = _versions(connection, questionnaire_id)
    if not versions:
        return
    known = {
        (row.question_id, row.option_id): row.code
        for row in connection.execute(
            sa.select(choice_codes).where(choice_codes.c.questionnaire_id == questionnaire_id)
        )
    }
    added = []
    for lined_up in line_up(versions).questions:
        slots = _slots(lined_up, versions)
        question_ids = set(lined_up.ids.values())
        used = [code for (qid, _o), code in known.items() if qid in question_ids]
        following = max(used, default=0) + 1
        for aliases in slots:
            codes = sorted({known[alias] for alias in aliases if alias in known})
            code = codes[0] if codes else following
            following += 0 if codes else 1
            for alias in sorted(aliases):
                if alias not in known:
                    known[alias] = code
                    added.append(
                        {
                            "questionnaire_id": questionnaire_id,
                            "question_id": alias[0],
                            "option_id": alias[1],
                            "code": code,
                        }
                    )
    if added:
        connection.execute(choice_codes.insert(), added)


def codes_for(database: Database, questionnaire_id: str) -> dict[tuple[str, str], int]:
    """(question id, option id) -> code, for every id of every published version;
    assigns the codes first where a version has none yet."""
    with database.read() as connection:
        complete = _complete(connection, questionnaire_id)
    if not complete:
        with database.write() as connection:
            assign_codes(connection, questionnaire_id)
    with database.read() as connection:
        return {
            (row.question_id, row.option_id): row.code
            for row in connection.execute(
                sa.select(choice_codes).where(choice_codes.c.questionnaire_id == questionnaire_id)
            )
        }


def _complete(connection: sa.Connection, questionnaire_id: str) -> bool:
    versions = _versions(connection, questionnaire_id)
    known = {
        (row.question_id, row.option_id)
        for row in connection.execute(
            sa.select(choice_codes.c.question_id, choice_codes.c.option_id).where(
                choice_codes.c.questionnaire_id == questionnaire_id
            )
        )
    }
    for lined_up in line_up(versions).questions if versions else []:
        for aliases in _slots(lined_up, versions):
            if not aliases <= known:
                return False
    return True
