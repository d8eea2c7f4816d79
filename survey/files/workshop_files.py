"""Reading workshop files: a dated meeting, its sessions and groups, as organizers write it.

```yaml
id: beijing-2007
title: Building Multi-Party Capacity for a WMD-Free Korean Peninsula
dates: [2007-04-27]
venue: Hotel Nikko New Century Beijing
languages: [en, ko, zh, ja, ru]
non_attribution: true
groups:
  - {id: pol-mil, title: Pol-Mil Group, room: "Zhonghua Hall I",
     questionnaire: {id: capacity-pol-mil, version: 3}}
```

Decoded like questionnaire files (same formats, same strictness) into the Structs of
`core/workshop_spec.py`; the questionnaire each group names is checked against the
registry of versions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from survey.core.errors import Finding, QuestionnaireError, error, errors_only
from survey.core.workshop_spec import Workshop, check_workshop
from survey.files.formats import read_document
from survey.files.questionnaire_files import Registry, type_errors


def decode_workshop(data: Any) -> tuple[Workshop | None, list[Finding]]:
    findings = type_errors(data, Workshop, "")
    if findings:
        return None, findings
    workshop = msgspec.convert(data, Workshop, str_keys=True)
    return workshop, check_workshop(workshop)


def check_questionnaires_exist(workshop: Workshop, registry: Registry) -> list[Finding]:
    findings = []
    for index, group in enumerate(workshop.groups):
        ref = group.questionnaire
        try:
            registry.get(ref.id, ref.version)
        except LookupError as missing:
            findings.append(
                error("unknown-questionnaire", f"groups[{index}].questionnaire", str(missing))
            )
    return findings


def read_workshop_file(path: Path, registry: Registry) -> Workshop:
    """Read and check a workshop file; raises QuestionnaireError with every finding."""
    document = read_document(path)
    findings = document.findings
    workshop = None
    if not findings:
        workshop, findings = decode_workshop(document.data)
    if workshop is not None:
        findings = findings + check_questionnaires_exist(workshop, registry)
    located = [f.located(str(path), document.line_of(f.path)) for f in findings]
    if errors_only(located) or workshop is None:
        raise QuestionnaireError(located)
    return workshop
