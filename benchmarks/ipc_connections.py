"""Benchmark: the control socket's memory across many connections (each one a `ctl status`).

A panel widget polling `deskbreak ctl status` every 2 s opens 43,200 connections a day; each used
to leak about 1 KB. This starts an IpcServer in a child process, answers N requests from plain
sockets, and reads the child's RSS from /proc before and after.

Run: `.venv/bin/python benchmarks/ipc_connections.py [N]` (Linux). It writes
benchmarks/results/ipc_connections.md. Nothing is asserted: the machine is shared and noisy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER = """
import sys
from PySide6.QtCore import QCoreApplication
from deskbreak.desktop.ipc import IpcServer
app = QCoreApplication([])
server = IpcServer(sys.argv[1], lambda command, args: {"state": "sitting", "summary": "x" * 100})
assert server.listen()
print("READY", flush=True)
app.exec()
"""
REQUEST = b'{"version": 1, "command": "status", "args": {}}\n'
RESULTS = Path(__file__).resolve().parent / "results" / "ipc_connections.md"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def one_request(path: str) -> None:
    with socket.socket(socket.AF_UNIX) as client:  # type: ignore[attr-defined, unused-ignore]  # POSIX only
        client.connect(path)
        client.sendall(REQUEST)
        data = b""
        while b"\n" not in data and (chunk := client.recv(4096)):
            data += chunk


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o700)
        path = str(Path(folder) / "ipc.sock")
        with subprocess.Popen(
            [sys.executable, "-c", SERVER, path], stdout=subprocess.PIPE, text=True
        ) as server:
            assert server.stdout is not None
            assert server.stdout.readline().strip() == "READY"
            for _ in range(500):  # warm up: imports, caches, the allocator's first arenas
                one_request(path)
            before = rss_mib(server.pid)
            started = time.monotonic()
            for _ in range(count):
                one_request(path)
            seconds = time.monotonic() - started
            after = rss_mib(server.pid)
            server.kill()
    per_connection = (after - before) * 1024 * 1024 / count
    report = (
        "# Control socket: memory across connections\n\n"
        f"`benchmarks/ipc_connections.py {count}`: {count} `status` requests, each on its own connection.\n\n"
        "| RSS before | RSS after | per connection | time per request |\n|---|---|---|---|\n"
        f"| {before:.1f} MiB | {after:.1f} MiB | {per_connection:.0f} bytes | {seconds / count * 1000:.2f} ms |\n"
    )
    RESULTS.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
