"""Operating-system adapters: each has a small interface, a fake for tests, and real backends."""
