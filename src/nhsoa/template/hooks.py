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
    """``pre-commit install``, started now, pointed at a repository later (:meth:`install`), then awaited."""

    def __init__(self) -> None:
        self._failure: str | None = None
        self._sent = False
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

    def install(self, repository: Path) -> None:
        """Start installing the hooks into ``repository`` (already a git repository); :meth:`result` waits."""
        self._send(f"{repository}\n")

    def cancel(self) -> None:
        """Stop without installing anything (nothing happens after :meth:`install` or :meth:`result`)."""
        self._send("\n")
        self.result()

    def result(self) -> str | None:
        """Wait for the installation: None when the hooks are installed, else why not."""
        process, self._process = self._process, None
        if process is None:
            return self._failure
        out, err = process.communicate()
        if process.returncode == 0:
            return None
        lines = (err or out).strip().splitlines()
        self._failure = lines[-1] if lines else f"pre-commit stopped with exit status {process.returncode}"
        return self._failure

    def _send(self, line: str) -> None:
        process = self._process
        if process is None or process.stdin is None or self._sent:
            return
        self._sent = True
        try:
            process.stdin.write(line)
            process.stdin.flush()
        except OSError:  # the child has already stopped (e.g. pre-commit is not installed); result() says why
            pass
