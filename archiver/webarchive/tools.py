"""Finding, or creating, the web-archive tools: ``wayback``, ``wb-manager`` and ``wacz``.

pywb and wacz pin old libraries (redis 2.10, fakeredis 0.16 ...) that conflict with
ours, so they live in a virtualenv of their own. The folder holding the commands is,
in this order: ``$ARCHIVER_PYWB_BIN_DIR``; a folder on ``PATH`` holding all of them;
the virtualenv ``$XDG_DATA_HOME/archiver/webarchive-tools`` (``~/.local/share/...``),
which is created with ``python -m venv`` + pip on first use (under a file lock in the
temporary folder, so parallel runs build it once).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ENV_BIN_DIR = "ARCHIVER_PYWB_BIN_DIR"
TOOL_PACKAGES = ("pywb", "wacz", "cdxj-indexer")
TOOL_COMMANDS = ("wayback", "wb-manager", "wacz")
INSTALL_TIMEOUT = 900


class ToolsError(RuntimeError):
    """The web-archive tools cannot be found or installed; the message says what to do."""


def default_tools_venv() -> Path:
    """``$XDG_DATA_HOME/archiver/webarchive-tools`` (``~/.local/share`` when unset)."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "archiver" / "webarchive-tools"


def has_tools(bin_dir: Path) -> bool:
    """True if ``bin_dir`` holds every tool, executable."""
    return all(os.access(bin_dir / name, os.X_OK) and (bin_dir / name).is_file() for name in TOOL_COMMANDS)


def tools_bin_dir(venv: Path | None = None, install: bool = True) -> Path:
    """The folder with ``wayback``, ``wb-manager`` and ``wacz``; creates ``venv`` (default
    :func:`default_tools_venv`) when no other has them and ``install`` is true."""
    if configured := os.environ.get(ENV_BIN_DIR):
        if not has_tools(Path(configured)):
            raise ToolsError(f"${ENV_BIN_DIR}={configured} lacks one of {', '.join(TOOL_COMMANDS)}")
        return Path(configured)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if folder and has_tools(Path(folder)):
            return Path(folder)
    venv = venv or default_tools_venv()
    if has_tools(venv / "bin"):
        return venv / "bin"
    if not install:
        raise ToolsError(f"no web-archive tools: set ${ENV_BIN_DIR} or install {' '.join(TOOL_PACKAGES)}")
    return install_tools(venv)


def install_tools(venv: Path) -> Path:
    """Create ``venv`` with the tools (once, under a lock); its ``bin`` folder."""
    venv.parent.mkdir(parents=True, exist_ok=True)
    lock_name = f"archiver-tools-{hashlib.sha1(str(venv.resolve()).encode()).hexdigest()[:12]}.lock"
    with open(Path(tempfile.gettempdir()) / lock_name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if has_tools(venv / "bin"):
            return venv / "bin"
        print(f"archiver: building the web-archive tools environment ({', '.join(TOOL_PACKAGES)}) in {venv}: "
              "about 30 s, once; later runs reuse it", file=sys.stderr, flush=True)  # fmt: skip
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *TOOL_PACKAGES],
                           check=True, timeout=INSTALL_TIMEOUT)  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            raise ToolsError(
                f"could not install the web-archive tools into {venv} ({exc}); install "
                f"{' '.join(TOOL_PACKAGES)} in a virtualenv and set ${ENV_BIN_DIR} to its bin folder"
            ) from exc
    return venv / "bin"


def tool(name: str) -> str:
    """The path of the web-archive command ``name`` (``wayback``, ``wb-manager``, ``wacz``)."""
    return str(tools_bin_dir() / name)
