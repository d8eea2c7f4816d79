"""Reading files organizers write: questionnaire versions and workshop files, strictly.

YAML, TOML and JSON become the core's Structs here, with every problem of a file
reported at once (file, line, path inside the document, how to fix it).
"""
