"""Install a new project's pre-commit hooks with pre-commit itself, in a process started early.

Starting Python and importing pre-commit takes longer than rendering the whole template. The
process is therefore started before the template is rendered, imports pre-commit while nhsoa
works, and runs ``pre-commit install`` as soon as it is told which repository to install into.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Runs in the child: import pre-commit now, then install into the folder read from stdin (none: stop).
_CHILD = """\
import os, sys
from pre_commit.main import main
folder = sys.stdin.readline().rstrip("\\n")
if folder:
    os.chdir(folder)
    sys.exit(main(["install"]))
"""


class HookInstaller:
    """``pre-commit install``, started now and pointed at a repository later (:meth:`install`)."""

    def __init__(self) -> None:
        self._failure: str | None = None
        self._process: subprocess.Popen[str] | None = None
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        except OSError as exc:
            self._failure = exc.strerror or str(exc)

    def install(self, repository: Path) -> str | None:
        """Install the hooks into ``repository`` (already a git repository); None, or why it failed."""
        return self._finish(f"{repository}\n")

    def cancel(self) -> None:
        """Stop without installing anything (safe to call after :meth:`install`)."""
        self._finish("\n")

    def _finish(self, line: str) -> str | None:
        process, self._process = self._process, None
        if process is None:
            return self._failure
        out, err = process.communicate(line)  # a child that has already stopped just ignores the line
        if process.returncode == 0:
            return None
        lines = (err or out).strip().splitlines()
        self._failure = lines[-1] if lines else f"pre-commit stopped with exit status {process.returncode}"
        return self._failure
