"""What changed between two git refs, and file contents at a ref, read with git itself."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from nhsoa.errors import NhsoaError, UsageError

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"


@dataclass(frozen=True)
class FileChange:
    """One changed path: status A (added), M (modified), R (renamed), D (deleted), T (type changed)."""

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class TreeFile:
    mode: str
    sha: str
    path: str


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root
        top = self._run(["rev-parse", "--show-toplevel"], error=f"{root} is not inside a git repository").strip()
        self.top = self.root = Path(top)  # every path git prints is relative to the top

    def _run(self, args: list[str], *, error: str | None = None, data: bytes | None = None) -> str:
        return self._run_bytes(args, error=error, data=data).decode("utf-8", "replace")

    def _run_bytes(self, args: list[str], *, error: str | None = None, data: bytes | None = None) -> bytes:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), "-c", "core.quotepath=false", *args],
                input=data,
                capture_output=True,
                env=env,
                check=False,
                timeout=300,
            )
        except FileNotFoundError:
            raise NhsoaError("git is not installed; `nhsoa review` needs git") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise NhsoaError(error or f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
        return done.stdout

    def commit(self, ref: str) -> str:
        if ref.startswith("-"):
            raise UsageError(f"{ref!r} is not a git ref")
        return self._run(
            ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
            error=f"{ref!r} is not a commit in {self.top}; fetch it first (actions/checkout: fetch-depth: 0)",
        ).strip()

    def merge_base(self, base: str, head: str) -> str:
        return self._run(["merge-base", base, head], error=f"{base} and {head} have no common history").strip()

    def changes(self, base: str, head: str, prefix: str) -> list[FileChange]:
        """Changed paths under ``prefix`` between two commits, with renames detected."""
        out = self._run(["diff", "-z", "--name-status", "-M", "--no-ext-diff", base, head, "--", prefix])
        parts = out.split("\0")
        found: list[FileChange] = []
        index = 0
        while index < len(parts) and parts[index]:
            status = parts[index]
            if status[0] in "RC":
                found.append(FileChange("R" if status[0] == "R" else "A", parts[index + 2], parts[index + 1]))
                index += 3
            else:
                found.append(FileChange(status[0], parts[index + 1]))
                index += 2
        return found

    def show(self, commit: str, path: str) -> bytes:
        """The bytes of ``path`` at ``commit`` (``git show commit:path``)."""
        return self._run_bytes(["show", f"{commit}:{path}"], error=f"cannot read {path} at {commit[:12]}")

    def tree(self, commit: str, prefix: str) -> list[TreeFile]:
        out = self._run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix])
        files = []
        for record in filter(None, out.split("\0")):
            meta, path = record.split("\t", 1)
            mode, _kind, sha = meta.split()
            files.append(TreeFile(mode, sha, path))
        return files

    def blobs(self, shas: list[str]) -> dict[str, bytes]:
        """Contents of many blobs in one ``git cat-file --batch`` call."""
        if not shas:
            return {}
        raw = self._run_bytes(["cat-file", "--batch"], data=("\n".join(shas) + "\n").encode())
        contents: dict[str, bytes] = {}
        position = 0
        for sha in shas:
            end = raw.index(b"\n", position)
            header = raw[position:end].decode().split()
            size = int(header[2])
            contents[sha] = raw[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
        return contents

    def materialise(self, commit: str, prefix: str, dest: Path) -> list[TreeFile]:
        """Write the regular files under ``prefix`` at ``commit`` into ``dest``; return the others.

        Symbolic links and submodules are not written (they could point outside the tree);
        they are returned so the caller can report them.
        """
        files = self.tree(commit, prefix)
        regular = [f for f in files if f.mode not in (SYMLINK_MODE, GITLINK_MODE)]
        contents = self.blobs([f.sha for f in regular])
        root = dest.resolve()
        for item in regular:
            target = (dest / item.path).resolve()
            if root not in target.parents:
                continue  # git does not store such paths; never write outside dest
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[item.sha])
        return [f for f in files if f.mode in (SYMLINK_MODE, GITLINK_MODE)]
