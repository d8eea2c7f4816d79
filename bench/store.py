"""Store throughput: single durable writes, and streaming 100,000 submitted responses.

Each figure is printed next to a baseline measured in the same run on the same
database: raw DBAPI inserts and reads through the same driver with the same durability
settings (the engine's own connections, so WAL + synchronous=FULL on SQLite).

    python bench/store.py [--db URL] [--writes N] [--stream N]

Default database: a fresh SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import msgspec
import sqlalchemy as sa
from common import machine

from survey.files.questionnaire_files import Registry
from survey.files.workshop_files import decode_workshop
from survey.store.database import Database, now, open_database
from survey.store.participants import issue_tokens, participant_for_token
from survey.store.responses import save_answers, stream_submitted
from survey.store.tables import participants, responses, revisions
from survey.store.workshops import get_group, save_workshop

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = {
    "cbm-feasibility": {
        "hotline": 4,
        "notification": 3,
        "observers": 2,
        "incidents-at-sea": 5,
        "nuclear-safety": 1,
    },
    "nuclear-safety-role": "now",
    "nuclear-safety-forum": "A six-party working group",
    "assurance-forms": ["written-nsa", "six-party-guarantee"],
    "peace-regime-priorities": ["peace-treaty", "nea-mechanism", "four-party-forum"],
    "sanctions-policy": "calibrate",
    "sanctions-steps": "Ease humanitarian trade first, in return for a verified freeze.",
    "normalization-obstacles": ["abductions", "missiles"],
    "normalization-year": 2012,
    "comments": "Confidence building must include the military establishments, not only diplomats.",
}
WORKSHOP = {
    "id": "bench",
    "title": "Bench",
    "dates": ["2007-04-27"],
    "groups": [
        {
            "id": "pol-mil",
            "title": "Pol-Mil",
            "questionnaire": {"id": "capacity-pol-mil", "version": 3},
        }
    ],
}


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def raw_writes(database: Database, count: int) -> float:
    """Baseline: one INSERT per transaction through the driver, with the same settings."""
    body = msgspec.json.encode(ANSWERS).decode()
    sqlite = database.dialect == "sqlite"
    connection = database.engine.raw_connection()
    cursor = connection.cursor()
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, answers TEXT)")
    cursor.execute("DELETE FROM bench_raw")
    connection.commit()
    # The driver's own parameter style; both statements are constants.
    insert = (
        "INSERT INTO bench_raw VALUES (?, ?)" if sqlite else "INSERT INTO bench_raw VALUES (%s, %s)"
    )
    start = time.perf_counter()
    for number in range(count):
        if sqlite:
            cursor.execute("BEGIN IMMEDIATE")
        cursor.execute(insert, (number, body))
        connection.commit()
    elapsed = time.perf_counter() - start
    cursor.execute("DROP TABLE bench_raw")
    connection.commit()
    connection.close()
    return elapsed


def survey_writes(database: Database, count: int) -> float:
    """Submissions through the store: validation, upsert, revision, in one transaction each."""
    people = [
        participant_for_token(database, t)
        for t in issue_tokens(database, "bench", "pol-mil", count)
    ]
    start = time.perf_counter()
    for person in people:
        assert person is not None
        assert save_answers(database, person, ANSWERS, language="en", submit=True).response
    return time.perf_counter() - start


def fill(database: Database, count: int) -> None:
    """Bulk-load `count` submitted responses (setup for the stream, not measured)."""
    group_pk = get_group(database, "bench", "pol-mil").pk
    stamp = now()
    batch = 10_000
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        with database.write() as connection:
            pks = (
                connection.execute(
                    participants.insert().returning(participants.c.pk),
                    [{"group_pk": group_pk, "created_at": stamp}] * size,
                )
                .scalars()
                .all()
            )
            common = {
                "group_pk": group_pk,
                "questionnaire_id": "capacity-pol-mil",
                "questionnaire_version": 3,
                "content_hash": "sha256:bench",
                "language": "en",
                "answers": ANSWERS,
                "status": "submitted",
                "submitted_revision": 1,
                "created_at": stamp,
                "updated_at": stamp,
                "submitted_at": stamp,
            }
            response_pks = (
                connection.execute(
                    responses.insert().returning(responses.c.pk),
                    [{**common, "participant_pk": pk} for pk in pks],
                )
                .scalars()
                .all()
            )
            connection.execute(
                revisions.insert(),
                [
                    {
                        "response_pk": pk,
                        "revision": 1,
                        "language": "en",
                        "answers": ANSWERS,
                        "submitted_at": stamp,
                    }
                    for pk in response_pks
                ],
            )


def raw_read(database: Database) -> int:
    """Baseline: the driver reads the same rows (JSON decoded) without the store's joins."""
    connection = database.engine.raw_connection()
    cursor = connection.cursor()
    cursor.execute("SELECT response_pk, answers FROM revisions")
    seen = 0
    while rows := cursor.fetchmany(1000):
        for _pk, answers in rows:
            seen += len(msgspec.json.decode(answers) if isinstance(answers, str) else answers) > 0
    connection.close()
    return seen


def survey_stream(database: Database) -> int:
    return sum(1 for _ in stream_submitted(database))


def peak_memory(action: Callable[[], object]) -> int:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=None, help="database URL (default: a temporary SQLite file)"
    )
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--stream", type=int, default=100_000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="survey-bench-")
    database = open_database(args.db or f"sqlite:///{folder}/bench.db")
    registry = Registry.from_directory(ROOT / "questionnaires")
    workshop, findings = decode_workshop(WORKSHOP)
    assert workshop is not None, findings
    save_workshop(database, workshop, registry)

    print(f"machine: {machine()}")
    print(f"database: {database.dialect} ({'temporary file' if not args.db else args.db})")
    raw = raw_writes(database, args.writes)
    ours = survey_writes(database, args.writes)
    print(
        f"single durable writes: {args.writes / ours:,.0f} submissions/s "
        f"(raw driver inserts: {args.writes / raw:,.0f}/s; ratio {ours / raw:.2f}x the time)"
    )

    fill(database, args.stream)
    with database.read() as connection:
        total = connection.execute(sa.select(sa.func.count()).select_from(revisions)).scalar_one()
    raw_seconds = timed(lambda: raw_read(database))
    ours_seconds = timed(lambda: survey_stream(database))
    peak = peak_memory(lambda: survey_stream(database))
    print(
        f"stream {total:,} submitted responses: {ours_seconds:.2f} s, "
        f"peak {peak / 1e6:.1f} MB traced "
        f"(raw driver read: {raw_seconds:.2f} s; ratio {ours_seconds / raw_seconds:.2f}x the time)"
    )
    database.close()


if __name__ == "__main__":
    main()
