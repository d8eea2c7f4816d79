"""Answer validation throughput, next to decoding the same request bodies with msgspec.

Validation runs on every autosave and submission, so it should cost about as much as
reading the body it validates. Prints answers validated per second and the ratio to a
baseline measured in the same run: msgspec decoding the same JSON bodies.

    python bench/answers.py [--count N]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

import msgspec
from common import machine

from survey.core.answers import validate_answers
from survey.files.questionnaire_files import Registry

ROOT = Path(__file__).resolve().parent.parent


def sample_answers(rng: random.Random) -> dict[str, Any]:
    """A complete submission to the Beijing 2007 wrap-up questionnaire."""
    cuts = sorted(rng.randint(0, 100) for _ in range(5))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    return {
        "mechanism-form": rng.choice(["forum", "secretariat", "treaty-organization"]),
        "mechanism-why": "A standing body can keep records between meetings.",
        "obligations": rng.sample(["reporting", "consultation", "inspection", "joint-projects"], 2),
        "partner-roles": {
            row: rng.choice(["member", "observer", "consulted", "none"])
            for row in [
                "ngos",
                "international-organizations",
                "regional-organizations",
                "companies",
            ]
        },
        "membership": rng.choice(["six-parties", "six-plus", "open"]),
        "chair-model": rng.choice(["china", "rotating", "co-chairs"]),
        "leadership-confidence": rng.randint(1, 5),
        "cost-sharing": dict(
            zip(["us", "china", "rok", "japan", "russia", "dprk"], shares, strict=True)
        ),
        "annual-budget": rng.uniform(1, 50),
        "location": rng.choice(["beijing", "seoul", "tokyo", "vladivostok", "rotating"]),
        "staffing": "mixed",
        "crisis-tools": {
            row: rng.randint(1, 5)
            for row in ["hotline", "emergency-meeting", "fact-finding", "early-warning"]
        },
        "dispute-approach": "consensus",
        "preparatory-steps": rng.sample(
            ["working-group", "track-two", "charter-draft", "ministerial"], 3
        ),
        "first-meeting": "2008-03-15",
        "lead-institution": "Ministry of Foreign Affairs",
        "next-steps": "Convene a working group before the next round.",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    schema = Registry.from_directory(ROOT / "questionnaires").get("capacity-wrap-up", 2).schema
    rng = random.Random(2007)
    bodies = [msgspec.json.encode(sample_answers(rng)) for _ in range(args.count)]

    start = time.perf_counter()
    decoded = [msgspec.json.decode(body) for body in bodies]
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    for body in bodies:
        result = validate_answers(schema, msgspec.json.decode(body), complete=True)
        assert result.ok, result.problems
    measured = time.perf_counter() - start

    print(f"machine: {machine()}")
    print(f"submissions: {len(decoded):,} to capacity-wrap-up v2 (17 answers each)")
    each = measured * 1e6 / args.count
    print(f"decode + validate: {args.count / measured:,.0f} per second ({each:.1f} µs each)")
    print(f"baseline, decode only: {args.count / baseline:,.0f} per second")
    print(f"ratio: {measured / baseline:.1f}x the baseline's time")


if __name__ == "__main__":
    main()
