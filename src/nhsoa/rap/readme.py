"""A README's sections and the commands it shows, in Markdown, R Markdown, reStructuredText or plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from nhsoa.rap.repository import Repository

README = r"readme(?:\.(?:md|markdown|rst|txt|rmd|qmd))?"
# Sections that tell a new user how to install, set up or run the code.
SETUP_HEADING = re.compile(
    r"\b(?:install\w*|set\s*up|setup|setting\s+up|requirements?|prerequisites?|dependencies)\b",
    re.IGNORECASE,
)
USE_HEADING = re.compile(
    r"\b(?:getting\s+started|get\s+started|quick\s*start|usage|how\s+to|running|reproduc\w*|"
    r"examples?|tutorials?|walkthrough|user\s+guide)\b"
    r"|^\W*run\b|\brun\s+(?:the|it|this|a|an|locally|with|from|on)\b",
    re.IGNORECASE,
)
COMMAND = re.compile(
    r"\bpip\s+install\b|\bconda\s+(?:env\s+)?create\b|\bmamba\s+(?:env\s+)?create\b|\binstall\.packages\(|"
    r"\b(?:remotes|devtools|pak|renv)::|\buv\s+(?:sync|run)\b|\bpoetry\s+(?:install|run)\b|\bpython3?\s+(?:-m\s+[\w.]+|[\w./-]+\.py)\b|"
    r"\bRscript\b|\btar_make\(|\bstreamlit\s+run\b|\bdocker\s+run\b|\bquarto\s+render\b|\bmake\s+\w+|\bjust\s+\w+"
)
UNDERLINE = re.compile(r"^\s*([=\-^*+#'\"])\1{2,}\s*$")
RST_UNDERLINE = re.compile(r"^\s*([=\-~^*+#`'\"])\1{2,}\s*$")  # ``` and ~~~ fence code in Markdown, not in rst


@dataclass(frozen=True)
class Heading:
    line: int
    text: str


@dataclass(frozen=True)
class Readme:
    path: PurePosixPath
    headings: list[Heading]
    commands: list[Heading]  # (line, command) of the first commands in code

    def sections(self, pattern: re.Pattern[str]) -> list[Heading]:
        return [h for h in self.headings if pattern.search(h.text)]


def find(repo: Repository) -> Readme | None:
    """The root README (the rendered README.md is preferred over README.Rmd)."""
    candidates = repo.at_root(README)
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda p: (p.suffix.lower() in (".rmd", ".qmd"), p.suffix.lower() != ".md"))
    return parse(ranked[0], repo.read(ranked[0]))


def parse(path: PurePosixPath, text: str) -> Readme:
    headings: list[Heading] = []
    commands: list[Heading] = []
    lines = text.splitlines()
    fenced = False
    for index, line in enumerate(lines):
        number = index + 1
        if re.match(r"^\s*(```|~~~)", line):
            fenced = not fenced
            continue
        code = fenced or line.startswith(("    ", "\t")) or line.lstrip().startswith((">>>", "$ ", "> "))
        # In prose, only what is inside `code spans` can be a command.
        for span in [line] if code else re.findall(r"`([^`]+)`", line):
            found = COMMAND.search(span)
            if found and len(commands) < 3:
                commands.append(Heading(number, found.group(0).strip()))
        if code:
            continue
        heading = _heading(line, lines[index + 1] if index + 1 < len(lines) else "", path.suffix.lower() == ".rst")
        if heading:
            headings.append(Heading(number, heading))
    # The first heading is the document's title ("Example pipeline ..."), not a section.
    return Readme(path, headings[1:], commands)


def _heading(line: str, following: str, rst: bool) -> str | None:
    atx = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", line)
    if atx:
        return atx.group(1)
    html = re.match(r"^\s*<h[1-6][^>]*>(.+?)</h[1-6]>", line, re.IGNORECASE)
    if html:
        return re.sub(r"<[^>]+>", "", html.group(1))
    bold = re.match(r"^\s*(?:\*\*|__)([^*_]{2,60})(?:\*\*|__):?\s*$", line)
    if bold:
        return bold.group(1)
    underline = RST_UNDERLINE if rst else UNDERLINE
    if line.strip() and not line.startswith(" ") and underline.match(following) and len(line.strip()) <= 80:
        return line.strip()
    return None
