"""Reading the package's YAML data files (taxonomies, word lists, organisations) quickly.

libyaml's C loader, when PyYAML was built with it, reads the same safe subset about ten times faster than
the pure-Python one; start-up of commands such as ``screen`` depends on it.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The data of one YAML document (safe types only: no Python objects are built)."""
    return yaml.load(text, Loader=_LOADER)
