"""`python -m kinerja_cli`."""

from kinerja_cli.cli import main

main()
