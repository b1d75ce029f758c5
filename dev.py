#!/usr/bin/env python3
"""Set-up and chores with nothing but Python 3.11+: `python3 dev.py COMMAND`.

`run`           builds .venv (once), then opens MesoDesk on its demo database.
`test`          builds .venv, installs what the tests need from the system's packages where this
                machine allows it (poppler-utils, Qt's libraries, a PostgreSQL server), starts a
                throw-away PostgreSQL server, and runs the whole suite. The suite includes the
                quality gates (ruff, ruff format, mypy, import contracts, migration drift) and the
                install smoke test: the wheel installed into a new environment, and the desktop
                bundle built from it, each run as a user would.
`dist`          builds the sdist, the wheel and the one-folder desktop bundle dist/MesoDesk/;
                `dist --check` then starts the bundle (--version, demo data, a screenshot).
`lock`          refreshes constraints.txt, the exact versions every install here uses.
`bench`         measures start-up, search, a patient, the diagram, a PDF and the demo fill at
                100,000 patients beside their floors, into benchmarks/results.json
                (`bench --quick`: a tiny database, to check it runs).
`i18n`          brings the Russian translation in line with the code: lists the core's fixed
                messages, runs pyside6-lupdate on resources/i18n/mesodesk_ru.ts (new texts arrive
                unfinished, old translations kept) and compiles it to the shipped .qm.
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
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
CONSTRAINTS = ROOT / "constraints.txt"
BUNDLE_SPEC = ROOT / "packaging" / "mesodesk.spec"
BUNDLE_NAME = "MesoDesk"
BUNDLE_CLI = "mesodesk-cli"
BUNDLER = "pyinstaller>=6.10"
BUILD_BACKEND = ("setuptools>=77", "wheel")
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
BUNDLE_PACKAGES = [*QT_PACKAGES, "binutils"]  # PyInstaller reads libraries with objdump
TEST_PACKAGES = [*BUNDLE_PACKAGES, "poppler-utils", "postgresql", "desktop-file-utils"]


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - the message is the point
        print("MesoDesk needs Python 3.11 or newer.", file=sys.stderr)
        return 1
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "run":
        ensure_venv()
        ensure_system_packages(QT_PACKAGES)
        return subprocess.call([str(bin_path(VENV, "mesodesk")), "--demo", *rest])
    if command == "test":
        ensure_venv()
        ensure_system_packages(TEST_PACKAGES)
        return run_tests(rest)
    if command == "dist" and set(rest) <= {"--check"}:
        ensure_venv()
        ensure_system_packages(BUNDLE_PACKAGES)
        return dist(check="--check" in rest)
    if command == "lock" and not rest:
        return lock()
    if command == "i18n" and not rest:
        ensure_venv()
        return subprocess.call([str(python_path(VENV)), str(ROOT / "tools" / "i18n.py")], cwd=ROOT)
    if command == "bench":
        ensure_venv()
        return subprocess.call(
            [str(python_path(VENV)), str(ROOT / "benchmarks" / "run.py"), *rest], cwd=ROOT
        )
    print(__doc__)
    return 0 if command == "help" else 2


def bin_path(venv: Path, name: str) -> Path:
    """A program installed in a virtual environment."""
    if os.name == "nt":
        return venv / "Scripts" / f"{name}.exe"
    return venv / "bin" / name


def python_path(venv: Path) -> Path:
    return bin_path(venv, "python")


def pinned_env() -> dict[str, str]:
    """The environment for pip: constraints.txt pins every install, build environments too."""
    return {**os.environ, "PIP_CONSTRAINT": str(CONSTRAINTS), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def pip_install(venv: Path, *requirements: str, env: Mapping[str, str] | None = None) -> None:
    subprocess.check_call(
        [str(python_path(venv)), "-m", "pip", "install", "-q", *requirements],
        env=dict(env if env is not None else pinned_env()),
    )


def new_venv(venv: Path) -> None:
    """A fresh virtual environment with the running Python (any old one is removed first)."""
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.check_call([sys.executable, "-m", "venv", str(venv)])


def ensure_venv() -> None:
    """Create .venv and install MesoDesk into it, again when pyproject.toml or the lock changed."""
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and python_path(VENV).exists():
        return
    if not python_path(VENV).exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    print("Installing MesoDesk and its test tools into .venv ...", flush=True)
    pip_install(VENV, "--upgrade", "pip")
    pip_install(VENV, "-e", f"{ROOT}[test,postgres]")
    STAMP.write_text(wanted)


def build_distributions(out: Path) -> tuple[Path, Path]:
    """The sdist, and the wheel built from it (so the sdist is proven complete), into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("mesodesk-*.tar.gz"), *out.glob("mesodesk-*.whl")]:
        old.unlink()
    result = subprocess.run(
        [str(python_path(VENV)), "-m", "build", "--outdir", str(out), str(ROOT)],
        env=pinned_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"building the sdist and wheel failed:\n{result.stderr[-4000:]}")
    (sdist,) = out.glob("mesodesk-*.tar.gz")
    (wheel,) = out.glob("mesodesk-*.whl")
    return sdist, wheel


def build_bundle(venv: Path, out: Path, work: Path) -> Path:
    """The one-folder desktop bundle `out/MesoDesk`, made by PyInstaller in `venv`.

    `venv` holds MesoDesk installed from its wheel, so the bundle carries what a user installs.
    """
    pip_install(venv, BUNDLER)
    shutil.rmtree(out / BUNDLE_NAME, ignore_errors=True)
    result = subprocess.run(
        [
            str(python_path(venv)),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out),
            "--workpath",
            str(work),
            str(BUNDLE_SPEC),
        ],
        cwd=work.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed:\n{result.stderr[-4000:]}")
    return out / BUNDLE_NAME


def check_bundle(bundle: Path, scratch: Path) -> Path:
    """Start the bundle as a user would: --version, demo data, a screenshot. Returns the PNG."""
    scratch.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "MESODESK_DATA_DIR": str(scratch / "data"),
    }
    database = scratch / "bundle.sqlite3"
    screenshot = scratch / "bundle.png"
    gui = bundle / (f"{BUNDLE_NAME}.exe" if os.name == "nt" else BUNDLE_NAME)
    cli = bundle / (f"{BUNDLE_CLI}.exe" if os.name == "nt" else BUNDLE_CLI)
    runs = [
        [str(cli), "--version"],
        [str(cli), "demo", "--db", str(database), "--patients", "3"],
        [str(gui), "screenshot", str(screenshot), "--db", str(database)],
    ]
    if os.name != "nt":  # a windowed program has no console to print to on Windows
        runs.insert(0, [str(gui), "--version"])
    for command in runs:
        result = subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
        print(f"  {Path(command[0]).name} {' '.join(command[1:])}: {result.stdout.strip()}")
    if not screenshot.is_file() or screenshot.stat().st_size == 0:
        raise RuntimeError("the bundle wrote no screenshot")
    return screenshot


def dist(check: bool) -> int:
    """sdist + wheel + the desktop bundle into dist/, the bundle made from the wheel."""
    out = ROOT / "dist"
    started = time.monotonic()
    print("Building the sdist and the wheel ...", flush=True)
    sdist, wheel = build_distributions(out)
    print("Installing the wheel into build/bundle-venv ...", flush=True)
    venv = ROOT / "build" / "bundle-venv"
    new_venv(venv)
    pip_install(venv, "--upgrade", "pip")
    pip_install(venv, f"{wheel}[postgres]")
    print("Building the desktop bundle with PyInstaller ...", flush=True)
    bundle = build_bundle(venv, out, ROOT / "build" / "pyinstaller")
    for made in (sdist, wheel, bundle):
        print(f"  {made.relative_to(ROOT)}")
    if check:
        with tempfile.TemporaryDirectory(prefix="mesodesk-bundle-") as scratch:
            print("Starting the bundle ...", flush=True)
            check_bundle(bundle, Path(scratch))
    print(f"Done in {time.monotonic() - started:.0f} s.")
    return 0


def lock() -> int:
    """Resolve the newest versions pyproject.toml allows in a fresh environment; pin them all.

    Run it with the oldest Python MesoDesk supports, so every pinned version installs there.
    """
    with tempfile.TemporaryDirectory(prefix="mesodesk-lock-") as folder:
        venv = Path(folder) / "venv"
        new_venv(venv)
        free = {k: v for k, v in os.environ.items() if k != "PIP_CONSTRAINT"}
        pip_install(venv, "--upgrade", "pip", env=free)
        pip_install(venv, f"{ROOT}[test,postgres]", BUNDLER, *BUILD_BACKEND, env=free)
        frozen = subprocess.run(
            [str(python_path(venv)), "-m", "pip", "freeze", "--all"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    pins = sorted(
        (
            line
            for line in frozen.splitlines()
            if line and not line.startswith(("pip==", "mesodesk"))
        ),
        key=str.lower,
    )
    header = (
        "# The exact versions MesoDesk is tested with; dev.py installs nothing else.\n"
        f"# Refreshed by `python3 dev.py lock` (Python {sys.version_info.major}."
        f"{sys.version_info.minor}); do not edit by hand.\n"
    )
    CONSTRAINTS.write_text(header + "\n".join(pins) + "\n")
    print(f"Wrote {len(pins)} pins to {CONSTRAINTS.name}.")
    return 0


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
        # whole modules per worker: a module-scoped set-up (the installed wheel) is made once
        workers = (
            []
            if "-n" in pytest_args
            else ["-n", str(min(os.cpu_count() or 1, 4)), "--dist", "loadscope"]
        )
        return subprocess.call(
            [str(python_path(VENV)), "-m", "pytest", *workers, *pytest_args], cwd=ROOT, env=env
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
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
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
