"""Load the web application with 10,000 projects and measure it under concurrent clients.

    python bench/web_load.py                       # 10,000 projects, 50 clients, 10 s per endpoint
    python bench/web_load.py --projects 2000 --seconds 5
    python bench/web_load.py --think 1.0           # each client pauses 1 s between requests

Fills a fresh SQLite database in a temporary data directory (bulk insert of the seed
projects, renamed and spread over 100 units of a 财政局 → 10 主管部门 tree), then starts
``jixiao serve`` (waitress, several threads) on 127.0.0.1 in a separate process, exactly
as users run it. For each endpoint (the project list, the list with filters, the detail
page, the API list and the API detail) it runs ``--clients`` concurrent clients, each a
thread with its own keep-alive HTTP connection, for ``--seconds``, logged in as the
finance reviewer who sees all projects. Prints requests, errors, throughput and the
p50/p95/p99 latency per endpoint. Target (issue #5): p95 ≤ 200 ms for list and detail.

``cpu ms`` is the server process's CPU time per request (from /proc): what a request
costs whatever else the machine is doing; one core serves about 1000 / cpu ms requests
a second. Clients are closed-loop: with ``--think 0`` (the default) each sends its next request as
soon as the previous one answers, which saturates the server; the latency then measures
queueing as much as work. ``--think`` adds a pause per client, as people reading a page do.
Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXPECTED = Path(os.environ.get("JIXIAO_SHARED", REPO.parent / "shared")) / "expected"
TARGET_MS = 200
STATUSES = ("draft", "submitted", "returned", "approved", "published")


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float | None = None

    def line(self) -> str:
        ms = sorted(x * 1000 for x in self.latencies) or [0.0]
        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        target = ""
        if self.name.startswith(("list", "detail")):
            target = "ok" if _pct(ms, 95) <= TARGET_MS else "MISS"
        served = len(self.latencies) + self.errors
        cpu = " " * 9
        if self.cpu_seconds and served:
            cpu = f"{1000 * self.cpu_seconds / served:>9.1f}"
        return (
            f"{self.name:<16}{len(self.latencies):>8}{self.errors:>7}{rate:>9.1f}"
            f"{_pct(ms, 50):>9.1f}{_pct(ms, 95):>9.1f}{_pct(ms, 99):>9.1f}{cpu}  {target}"
        )


def _pct(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


# --- filling the database -------------------------------------------------------------


def setup_django(data_dir: Path) -> None:
    os.environ["JIXIAO_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao_web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def build_tree():
    """Create 财政局 → 10 主管部门 → 100 预算单位 and a finance reviewer; return (units, user)."""
    from django.contrib.auth.models import User

    from jixiao_web.accounts.models import Membership, Organisation, OrgKind, Role

    finance = Organisation.objects.create(name="压测市财政局", kind=OrgKind.FINANCE)
    units = []
    for d in range(10):
        dept = Organisation.objects.create(
            name=f"压测主管部门{d + 1}", kind=OrgKind.DEPARTMENT, parent=finance
        )
        for u in range(10):
            units.append(
                Organisation.objects.create(
                    name=f"压测预算单位{d + 1}-{u + 1}", kind=OrgKind.UNIT, parent=dept
                )
            )
    user = User.objects.create_user("bench_finance", password=None)
    Membership.objects.create(user=user, organisation=finance, role=Role.FINANCE_REVIEWER)
    return units, user


def template_filings():
    """Return one unsaved, reviewed Filing per seed project (the rows to copy)."""
    from jixiao.interchange import from_dict
    from jixiao_web.filings import store
    from jixiao_web.filings.models import Filing
    from jixiao_web.filings.review import review_project

    templates = []
    for path in sorted(EXPECTED.glob("*.json")):
        document = from_dict(json.loads(path.read_text(encoding="utf-8")))
        for project in document.projects:
            filing = Filing(source=path.stem)
            store.apply_project(filing, project)
            store.apply_review(filing, review_project(project, path.stem))
            templates.append(filing)
    return templates


def fill(count: int, units, user) -> float:
    """Bulk-insert ``count`` filings copied from the seed projects; return the seconds taken."""
    from jixiao_web.filings.models import Filing

    started = time.perf_counter()
    templates = template_filings()
    rng = random.Random(5)
    batch = []
    for i in range(count):
        template = templates[i % len(templates)]
        data = dict(template.data, name=f"{template.name}（{i + 1}）", code=f"BENCH{i + 1:08d}")
        filing = Filing(
            organisation=units[i % len(units)],
            status=rng.choice(STATUSES),
            created_by=user,
            source=template.source,
            data=data,
            findings=template.findings,
            **{f: getattr(template, f) for f in COPIED},
        )
        filing.name, filing.code = data["name"], data["code"]
        batch.append(filing)
        if len(batch) == 1000:
            Filing.objects.bulk_create(batch)
            batch = []
    Filing.objects.bulk_create(batch)
    return time.perf_counter() - started


COPIED = (
    "year",
    "kind",
    "unit_name",
    "budget_total",
    "indicator_count",
    "score",
    "grade",
    "error_count",
    "warning_count",
)


def credentials(user) -> tuple[str, str]:
    """Return (session cookie value, API bearer key) for ``user``."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from jixiao_web.accounts.models import Token

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    _, key = Token.issue(user, "bench")
    return session.session_key, key


# --- the server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path, port: int, threads: int) -> subprocess.Popen:
    """Start ``jixiao serve`` on loopback and wait until it answers."""
    env = dict(os.environ, JIXIAO_DATA_DIR=str(data_dir))
    env["DJANGO_SETTINGS_MODULE"] = "jixiao_web.settings"
    command = [sys.executable, "-m", "jixiao.cli", "serve", "--data", str(data_dir)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)]
    # waitress logs its queue depth when clients wait; keep that out of the report.
    log = (data_dir / "serve.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("jixiao serve 启动失败") from None
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("jixiao serve 60 秒内没有响应")


def cpu_seconds(pid: int) -> float | None:
    """Return the user + system CPU seconds process ``pid`` has used (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the clients ----------------------------------------------------------------------


def run_endpoint(name, make_path, headers, port, clients, seconds, think) -> Result:
    """Run ``clients`` threads against one endpoint for ``seconds``; return the latencies."""
    result = Result(name)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        if think:
            # Start the clients spread over one pause, not all in the same instant.
            time.sleep(rng.uniform(0, think))
        latencies, errors = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", make_path(rng), headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            if ok:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
            if think:
                pause = rng.expovariate(1 / think)
                time.sleep(max(0.0, min(pause, deadline - time.monotonic())))
        connection.close()
        with lock:
            result.latencies += latencies
            result.errors += errors

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Requests start only before the deadline: throughput is over that window.
    result.seconds = min(time.monotonic() - started, seconds)
    return result


def endpoints(pks: list[int], session: str, key: str):
    """Return (name, path maker, headers) for each measured endpoint."""
    ui = {"Cookie": f"sessionid={session}"}
    api = {"Authorization": f"Bearer {key}"}
    return [
        ("list", lambda r: f"/?page={r.randint(1, 20)}", ui),
        ("list filtered", lambda r: f"/?status={r.choice(STATUSES)}&q=%E8%BF%90%E7%BB%B4", ui),
        ("detail", lambda r: f"/{r.choice(pks)}/", ui),
        ("api list", lambda r: f"/api/projects?page={r.randint(1, 20)}", api),
        ("api detail", lambda r: f"/api/projects/{r.choice(pks)}", api),
    ]


def measure(server: subprocess.Popen, port: int, targets, args: argparse.Namespace) -> None:
    """Run every endpoint in turn against the server and print one line each."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} before the run")
    print(
        f"{args.clients} clients, {args.seconds:g} s per endpoint, think {args.think:g} s, "
        f"server: jixiao serve (waitress, {args.threads} threads), SQLite"
    )
    print(
        f"{'endpoint':<16}{'requests':>8}{'errors':>7}{'req/s':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'cpu ms':>9}  p95≤{TARGET_MS}ms"
    )
    for name, make_path, headers in targets:
        run_endpoint(name, make_path, headers, port, 4, 1.0, 0)  # warm-up
        before = cpu_seconds(server.pid)
        result = run_endpoint(
            name, make_path, headers, port, args.clients, args.seconds, args.think
        )
        after = cpu_seconds(server.pid)
        if before is not None and after is not None:
            result.cpu_seconds = after - before
        print(result.line())
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause per client (s)")
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        data_dir = Path(tmp)
        setup_django(data_dir)
        units, user = build_tree()
        filled = fill(args.projects, units, user)
        from jixiao_web.filings.models import Filing

        pks = list(Filing.objects.values_list("pk", flat=True))
        session, key = credentials(user)
        print(f"filled {len(pks)} projects in {filled:.1f} s ({len(pks) / filled:.0f}/s)")

        port = free_port()
        server = start_server(data_dir, port, args.threads)
        try:
            measure(server, port, endpoints(pks, session, key), args)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
