"""The bundle's entry point: the same `deskbreak` command line as the installed package."""

from deskbreak.cli import main

raise SystemExit(main())
