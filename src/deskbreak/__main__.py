"""Lets `python -m deskbreak` behave exactly like the `deskbreak` command."""

from deskbreak.cli import main

raise SystemExit(main())
