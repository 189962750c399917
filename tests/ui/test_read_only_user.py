"""A real colleague without write permission (0440 file), not an injected check.

CI runs as root, and root may write anything: the app is run as a test user made here.
"""

from __future__ import annotations

import grp
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

USER, GROUP = "hf_kollege", "bildungsbuero"
ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3.11")

RUNUSER = Path("/usr/sbin/runuser")

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("useradd") or not RUNUSER.exists() or not SYSTEM_PYTHON.exists(),
    reason="needs root (to create a test user) and a system Python 3.11 the test user may run",
)


@pytest.fixture
def colleague():
    subprocess.run(["groupadd", "-f", GROUP], check=True)
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "-G", GROUP, USER], check=False)
    yield USER
    subprocess.run(["userdel", USER], check=False)


@pytest.fixture
def shared_folder():
    """Like /srv/herford-tui: group-writable with setgid, so only the file's mode forbids writing."""
    folder = Path(tempfile.mkdtemp(prefix="hf-shared-"))
    os.chown(folder, 0, grp.getgrnam(GROUP).gr_gid)
    folder.chmod(0o2770)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_colleague_on_a_0440_file_reads_and_never_writes(colleague, shared_folder, world):
    """Colleagues' changes appearing in read-only mode: see test_read_only.py (same code path)."""
    db = shared_folder / "herford.json"
    shutil.copy(world.path, db)
    os.chown(db, 0, grp.getgrnam(GROUP).gr_gid)
    db.chmod(0o440)
    before = db.read_bytes()
    # The test user runs the project's code with a system Python (the venv's lives under /root).
    site = next((ROOT / ".venv" / "lib").glob("python3.*/site-packages"), None)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(shared_folder), "PYTHONPATH": f"{ROOT}:{site}", "TERM": "dumb"}
    script = Path(__file__).with_name("read_only_colleague.py")
    done = subprocess.run(
        [str(RUNUSER), "-u", colleague, "--", str(SYSTEM_PYTHON), str(script), str(db)],
        stdin=subprocess.DEVNULL,  # a pipe on stdin keeps the headless app from finishing
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # a hang fails this test instead of the CI run
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["reason"] == "die Datei schreibgeschützt ist"
    assert "NUR LESEN" in report["sub_title"]
    assert report["opened"] == [], "a form opened although the file is read-only"
    assert sum("ausgeschaltet (weil die Datei schreibgeschützt ist" in n for n in report["notes"]) >= 8
    assert db.read_bytes() == before
    assert sorted(p.name for p in shared_folder.iterdir()) == ["herford.json"]  # no lock, no backup
