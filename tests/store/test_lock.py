"""The workspace lock names who holds it and how to clear a stale one."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kinerja_cli.errors import KinerjaError
from kinerja_cli.store.lock import INFO_NAME, holder, lock_path, workspace_lock


def test_second_holder_gets_a_clear_message(workspace) -> None:
    with workspace_lock(workspace, "kinerja collect"):
        info = holder(workspace)
        assert info is not None and info["pid"]
        with (
            pytest.raises(KinerjaError) as exc,
            workspace_lock(workspace, "kinerja collect", timeout=0.1),
        ):
            pass
    msg = str(exc.value)
    assert f"{info['user']}@{info['host']}" in msg and f"pid {info['pid']}" in msg
    assert str(lock_path(workspace)) in msg and "hapus" in msg
    assert exc.value.exit_code == 2
    assert not (workspace.internal / INFO_NAME).exists()  # released: sidecar gone
    with workspace_lock(workspace):  # and free again
        pass


def test_lock_held_by_another_process(workspace) -> None:
    code = textwrap.dedent(f"""
        import sys, time
        from kinerja_cli.io.workspace import find_workspace
        from kinerja_cli.store.lock import workspace_lock
        ws = find_workspace({str(workspace.root)!r})
        with workspace_lock(ws):
            print("ok", flush=True)
            sys.stdin.readline()
    """)
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ok"
        with (
            pytest.raises(KinerjaError, match=f"pid {child.pid}"),
            workspace_lock(workspace, timeout=0.2),
        ):
            pass
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(timeout=20)
