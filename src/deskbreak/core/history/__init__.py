"""The history: typed events, the local SQLite store, and the queries behind the progress views."""
