"""`jixiao serve` on a fresh data directory: creates the database, serves pages and API docs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from jixiao.cli import build_parser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8", "replace")


def _wait(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"jixiao serve exited with {process.returncode}")
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_the_cli_lists_serve_with_its_options():
    args = build_parser().parse_args(["serve", "--port", "9", "--data", "d", "--demo"])
    assert (args.port, args.data, args.demo, args.host) == (9, Path("d"), True, "127.0.0.1")
    assert 1 <= args.processes <= 4


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    # A user's fresh machine: none of the test run's Django settings leak in.
    leaked = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_SECRET_KEY", "JIXIAO_DATA_DIR")
    env = {k: v for k, v in os.environ.items() if k not in leaked}
    command = [
        sys.executable,
        "-m",
        "jixiao.cli",
        "serve",
        "--port",
        str(port),
        "--data",
        str(tmp_path),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/accounts/login/", process)
        yield base, tmp_path
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_it_starts_on_a_fresh_data_directory(server):
    base, data = server
    assert (data / "jixiao.sqlite3").is_file()
    assert (data / "secret_key").stat().st_mode & 0o077 == 0
    status, page = _get(f"{base}/accounts/login/")
    assert status == 200 and "登录" in page
    status, docs = _get(f"{base}/api/docs")
    assert status == 200 and "/static/ninja/swagger-ui-bundle.js" in docs
    assert _get(f"{base}/static/ninja/swagger-ui-bundle.js")[0] == 200


def test_the_console_is_not_filled_with_a_line_for_every_background_task():
    import logging

    assert logging.getLogger("django.tasks").getEffectiveLevel() >= logging.WARNING
