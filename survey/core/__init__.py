"""The pure core: the questionnaire language, answers, checks, lineage and aggregation.

Plain Python on msgspec Structs: no web framework, SQL, spreadsheet or PDF library here,
so it is testable in microseconds and shared by the CLI, the web app and the reports.
Each question type's own behaviour lives with its kind (`survey/kinds/`).
"""
