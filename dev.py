#!/usr/bin/env python3
"""Set-up and chores with nothing but Python 3.11+: `python3 dev.py run` or `python3 dev.py test`.

`run` builds .venv (once), then opens MesoDesk on its demo database.
`test` builds .venv, installs what the tests need from the system's packages where this machine
allows it (poppler-utils, Qt's libraries, a PostgreSQL server), starts a throw-away PostgreSQL
server, and runs the whole suite. `bench` runs the benchmarks and writes benchmarks/results/.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
QT_PACKAGES = [
    # what PySide6's Qt needs to start, on screen (xcb) or offscreen, and fonts for its text
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "fonts-dejavu-core",
]
TEST_PACKAGES = [*QT_PACKAGES, "poppler-utils", "postgresql"]


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - the message is the point
        print("MesoDesk needs Python 3.11 or newer.", file=sys.stderr)
        return 1
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "run":
        ensure_venv()
        ensure_system_packages(QT_PACKAGES)
        return subprocess.call([str(BIN / "mesodesk"), "--demo", *rest])
    if command == "test":
        ensure_venv()
        ensure_system_packages(TEST_PACKAGES)
        return run_tests(rest)
    if command == "bench":
        ensure_venv()
        return subprocess.call([str(PYTHON), str(ROOT / "benchmarks" / "run.py"), *rest], cwd=ROOT)
    print(__doc__)
    return 0 if command == "help" else 2


def ensure_venv() -> None:
    """Create .venv and install MesoDesk into it, again only when pyproject.toml changed."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    print("Installing MesoDesk and its test tools into .venv ...", flush=True)
    subprocess.check_call([*pip, "--upgrade", "pip"])
    subprocess.check_call([*pip, "-e", f"{ROOT}[test,postgres]"])
    STAMP.write_text(wanted)


def ensure_system_packages(packages: list[str]) -> None:
    """On Debian-like systems where we may install, add the missing system packages."""
    if sys.platform != "linux" or shutil.which("apt-get") is None or shutil.which("dpkg") is None:
        return
    missing = [name for name in packages if not _dpkg_installed(name)]
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") is None or subprocess.call(["sudo", "-n", "true"]) != 0:
            print(f"Not installing {', '.join(missing)}: needs root.", file=sys.stderr)
            return
        prefix = ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Installing system packages: {', '.join(missing)} ...", flush=True)
    subprocess.call([*prefix, "apt-get", "update", "-qq"], env=env)
    subprocess.check_call(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        env=env,
        stdout=subprocess.DEVNULL,
    )


def _dpkg_installed(name: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True, check=False
    )
    return "install ok installed" in result.stdout


def run_tests(pytest_args: list[str]) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with postgres_server() as url:
        if url:
            env["MESODESK_TEST_PG_URL"] = url
        workers = [] if "-n" in pytest_args else ["-n", str(min(os.cpu_count() or 1, 4))]
        return subprocess.call(
            [str(PYTHON), "-m", "pytest", *workers, *pytest_args], cwd=ROOT, env=env
        )


@contextlib.contextmanager
def postgres_server() -> Iterator[str | None]:
    """A PostgreSQL server for this test run only, on a Unix socket in a temporary folder.

    Uses MESODESK_TEST_PG_URL as it is when set. Otherwise starts the system's PostgreSQL
    binaries (as the `postgres` user when we are root, since the server refuses root).
    """
    if os.environ.get("MESODESK_TEST_PG_URL"):
        yield os.environ["MESODESK_TEST_PG_URL"]
        return
    bindir = _postgres_bindir()
    if bindir is None:
        yield None
        return
    run_as: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if (
            shutil.which("runuser") is None
            or subprocess.call(["id", "postgres"], stdout=subprocess.DEVNULL) != 0
        ):
            yield None
            return
        run_as = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="mesodesk-pg-"))
    os.chmod(folder, 0o755)
    if run_as:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    log = folder / "server.log"
    port = "54329"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        subprocess.check_call(
            [
                *run_as,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            **quiet,
        )
        subprocess.check_call(
            [
                *run_as,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "start",
                "-o",
                f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off",
            ],
            **quiet,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        print(
            f"PostgreSQL test server did not start ({exc}); PostgreSQL tests are skipped.",
            file=sys.stderr,
        )
        shutil.rmtree(folder, ignore_errors=True)
        yield None
        return
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.call(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], **quiet
        )
        time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)


def _postgres_bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return versions[0].parent if versions else None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
