"""``python -m aggregator`` is the ``microcat`` command."""

from aggregator.cli import main

main(prog_name="microcat")
