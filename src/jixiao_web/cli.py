"""``jixiao serve``: migrate, optionally load the demo, run the worker and serve the web app.

Registered through the ``jixiao.commands`` entry point, so the core CLI never imports
Django. Serving uses waitress (a threaded, production-grade pure-Python WSGI server);
background imports run in a worker thread of the same process.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

LOOPBACK = ("127.0.0.1", "localhost", "::1")

DESCRIPTION = """\
启动网页应用（填报、审核、公开与 JSON 接口）。

首次运行会在数据目录中创建 SQLite 数据库并完成迁移；设置 DATABASE_URL 可改用 PostgreSQL。
示例：
  jixiao serve --demo                 载入演示机构、用户和种子文件，在 127.0.0.1:8000 提供服务
  jixiao serve --host 0.0.0.0 --port 8080 --data /srv/jixiao
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="启动网页应用",
        description=DESCRIPTION,
    )
    parser.add_argument(
        "--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1）"
    )
    parser.add_argument("--port", type=int, default=8000, metavar="端口", help="端口（默认 8000）")
    parser.add_argument(
        "--data",
        type=Path,
        metavar="目录",
        help="数据目录：SQLite 数据库与上传文件（默认 ~/.local/share/jixiao）",
    )
    parser.add_argument("--demo", action="store_true", help="载入演示数据（只载入一次）")
    parser.add_argument(
        "--threads", type=int, default=8, metavar="数量", help="每个进程的线程数（默认 8）"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=default_processes(),
        metavar="数量",
        help="服务进程数（默认每个 CPU 核一个，最多 4 个）",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Set up Django, migrate, load the demo if asked, start the worker and serve."""
    setup(args.data)
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        from jixiao_web.demo import format_users, load_demo

        print(format_users(load_demo()))
    try:
        listener = socket.create_server((args.host, args.port))
    except OSError as error:
        print(
            f"无法在 {args.host}:{args.port} 上启动服务：{error.strerror or error}", file=sys.stderr
        )
        return 1
    if args.host not in LOOPBACK and "DJANGO_ALLOWED_HOSTS" not in os.environ:
        print("提示：从其他计算机访问时，请用环境变量 DJANGO_ALLOWED_HOSTS 列出本机的域名或地址。")
    print(f"数据目录：{settings.DATA_DIR}")
    print(f"jixiao 已启动：http://{_display_host(args.host)}:{args.port}/  （按 Ctrl+C 停止）")
    sys.stdout.flush()
    # SIGTERM (a service manager stopping us) unwinds like Ctrl+C, so the forked servers stop too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    children = fork_servers(listener, args.processes - 1, args.threads)
    start_worker()
    try:
        serve(listener, args.threads)
    finally:
        stop(children)
    return 0


def setup(data: Path | None) -> None:
    """Point Django at the data dir and the settings, then initialise it."""
    if data is not None:
        os.environ["JIXIAO_DATA_DIR"] = str(data.expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()


def start_worker() -> threading.Thread:
    """Run the database task worker in a daemon thread (no separate process to manage)."""
    # The worker class of django-tasks-db's db_worker command; the command itself installs
    # signal handlers, which only the main thread may do.
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"jixiao-serve-{os.getpid()}",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="jixiao-worker", daemon=True)
    thread.start()
    return thread


def serve(listener: socket.socket, threads: int) -> None:
    """Serve the WSGI application on the listening socket until interrupted."""
    from waitress import serve as waitress_serve

    from jixiao_web.wsgi import application

    waitress_serve(application, sockets=[listener], threads=threads, ident="jixiao", _quiet=True)


def fork_servers(listener: socket.socket, count: int, threads: int) -> list[int]:
    """Fork ``count`` more server processes sharing the listening socket; return their pids.

    Requests are CPU-bound Python, so one process uses one core whatever its threads;
    the kernel spreads connections over the processes. Without fork (Windows) one serves.
    """
    if count < 1 or not hasattr(os, "fork"):
        return []
    from django.db import connections

    connections.close_all()  # each process opens its own database connections
    pids = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            _child(listener, threads)
        pids.append(pid)
    return pids


def _child(listener: socket.socket, threads: int) -> None:
    # A forked server never returns into the parent's code: it serves, then exits.
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    code = 0
    try:
        serve(listener, threads)
    except (KeyboardInterrupt, SystemExit):
        pass
    except BaseException:
        code = 1
    os._exit(code)


def _exit_with_parent(parent: int) -> None:
    """Exit when the parent is gone (killed outright, it could not stop its children)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def stop(pids: list[int]) -> None:
    """Terminate and reap the forked servers."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pid in pids:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def default_processes() -> int:
    """Return one server process per core, at most four (SQLite prefers few writers)."""
    return max(1, min(os.cpu_count() or 1, 4))


def _display_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host
