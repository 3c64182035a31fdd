"""Rollcall: a verified registry for documenting mass arbitrary detention."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rollcall")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+src"
