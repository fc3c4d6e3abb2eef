"""``python -m wireledger``: the same as the ``wireledger`` command."""

from .cli import main

main()
