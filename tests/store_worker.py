"""A separate process that writes responses and says so after each acknowledged write.

Run by the durability tests: `python -m tests.store_worker URL [--drafts N] TOKEN…`.
For every token it saves N drafts then a submission, and prints `ack <token>` once the
submission's transaction has returned. Exits 0 only if every write succeeded.
"""

from __future__ import annotations

import argparse
import sys

from survey.store.database import open_database
from survey.store.participants import participant_for_token
from survey.store.responses import save_answers
from tests.conftest import POL_MIL_ANSWERS

ANSWERS = POL_MIL_ANSWERS


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("tokens", nargs="+")
    parser.add_argument("--drafts", type=int, default=0)
    args = parser.parse_args()
    database = open_database(args.url)
    for token in args.tokens:
        participant = participant_for_token(database, token)
        if participant is None:
            print(f"unknown token {token}", file=sys.stderr)
            return 1
        for draft in range(args.drafts):
            answers = {"nuclear-safety-role": "now", "comments": f"draft {draft}"}
            save_answers(database, participant, answers, language="en", submit=False)
        result = save_answers(database, participant, ANSWERS, language="en", submit=True)
        if result.response is None:
            print(f"refused: {result.problems}", file=sys.stderr)
            return 1
        print(f"ack {token}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
