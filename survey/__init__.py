"""survey: structured questionnaires for multi-party policy workshops."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("survey")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
