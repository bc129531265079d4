"""Command-line subcommands; each module keeps its imports light so `deskbreak CMD` starts fast."""
