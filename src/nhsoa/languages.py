"""Programming languages by file extension, shared by what counts code (line counts, RAP's B1)."""

from __future__ import annotations

EXTENSIONS = {
    ".py": "Python", ".pyi": "Python", ".r": "R", ".sql": "SQL", ".js": "JavaScript", ".mjs": "JavaScript",
    ".cjs": "JavaScript", ".jsx": "JavaScript", ".ts": "TypeScript", ".tsx": "TypeScript", ".clj": "Clojure",
    ".cljs": "Clojure", ".cljc": "Clojure", ".sh": "Shell", ".bash": "Shell", ".jl": "Julia", ".scala": "Scala",
    ".java": "Java", ".c": "C", ".h": "C", ".cpp": "C++", ".cc": "C++", ".hpp": "C++", ".go": "Go", ".rs": "Rust",
    ".rb": "Ruby", ".cs": "C#", ".sas": "SAS", ".do": "Stata", ".ado": "Stata",
}  # fmt: skip
PROPRIETARY = frozenset({"SAS", "Stata"})
