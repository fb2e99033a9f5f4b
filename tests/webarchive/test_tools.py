"""Where the web-archive tools come from: $ARCHIVER_PYWB_BIN_DIR, then PATH, then a venv."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from archiver.webarchive.tools import (
    ENV_BIN_DIR,
    TOOL_COMMANDS,
    ToolsError,
    default_tools_venv,
    tools_bin_dir,
)

Linker = Callable[..., Path]


@pytest.fixture
def linked_tools(tools_env: dict[str, str]) -> Linker:
    """``linked_tools(folder, names)``: ``folder`` holding links to the real tools ``names``."""
    real = Path(tools_env[ENV_BIN_DIR])

    def link(folder: Path, names: tuple[str, ...] = TOOL_COMMANDS) -> Path:
        folder.mkdir(parents=True)
        for name in names:
            (folder / name).symlink_to(real / name)
        return folder

    return link


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No configured tools, nothing on PATH, a fresh data home."""
    monkeypatch.delenv(ENV_BIN_DIR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return monkeypatch


def test_the_environment_variable_comes_first(linked_tools: Linker, clean_env, tmp_path: Path) -> None:
    configured = linked_tools(tmp_path / "configured")
    clean_env.setenv("PATH", str(linked_tools(tmp_path / "on-path")))
    clean_env.setenv(ENV_BIN_DIR, str(configured))
    assert tools_bin_dir(install=False) == configured


def test_a_configured_folder_without_the_tools_is_an_error(linked_tools: Linker, clean_env, tmp_path) -> None:
    clean_env.setenv(ENV_BIN_DIR, str(linked_tools(tmp_path / "partial", ("wayback",))))
    with pytest.raises(ToolsError, match="wacz"):
        tools_bin_dir(install=False)


def test_then_a_path_folder_holding_every_tool(linked_tools: Linker, clean_env, tmp_path: Path) -> None:
    partial = linked_tools(tmp_path / "partial", ("wayback",))
    complete = linked_tools(tmp_path / "complete")
    clean_env.setenv("PATH", os.pathsep.join([str(partial), str(complete)]))
    assert tools_bin_dir(install=False) == complete


def test_then_the_tools_venv_under_the_data_home(linked_tools: Linker, clean_env, tmp_path: Path) -> None:
    assert default_tools_venv() == tmp_path / "data" / "archiver" / "webarchive-tools"
    with pytest.raises(ToolsError, match=ENV_BIN_DIR):
        tools_bin_dir(install=False)
    linked_tools(default_tools_venv() / "bin")
    assert tools_bin_dir(install=False) == default_tools_venv() / "bin"
