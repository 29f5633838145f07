"""Building the site: strict MkDocs, no broken links, machine-readable files, a safe build folder."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest

from nhsoa import yamlio
from nhsoa.errors import NhsoaError
from nhsoa.main import main
from nhsoa.registry import rules
from nhsoa.site import build as build_module
from nhsoa.site.build import MARKER, build, site_files
from nhsoa.site.paths import Urls
from tests.site.conftest import Served
from tests.site.factory import REPO, make_registry

QUIET_MKDOCS = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # MkDocs' notice about its future


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("alternate",)):
                self.links.append(str(values[name]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("which", ["seed_site", "synthetic_site"])
def test_no_broken_internal_links(which: str, request: pytest.FixtureRequest) -> None:
    site: Served = request.getfixturevalue(which)
    public = site.build.public
    # 404.html is served at any depth, so MkDocs gives it root-relative links; reports are checked on their own.
    pages = [p for p in public.rglob("*.html") if p.name != "404.html" and p.parent.parent.name != "products"]
    parsed = {page: _parse(page) for page in pages}
    broken, outbound = [], set()
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme in ("https", "mailto"):
                outbound.add(parts.scheme)
                continue
            assert not parts.scheme, f"{page}: {link} is neither internal, https nor mailto"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(public)} -> {link}")
            elif parts.fragment and target in parsed and parts.fragment not in parsed[target].ids:
                broken.append(f"{page.relative_to(public)} -> {link} (no such anchor)")
    assert broken == []


def test_machine_readable_files(synthetic_site: Served) -> None:
    public = synthetic_site.build.public
    registry = json.loads((public / "registry.json").read_text(encoding="utf-8"))
    assert registry["count"] == len(synthetic_site.entries)
    with (public / "registry.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["id"] for row in rows} == {e["id"] for e in synthetic_site.entries}
    assert json.loads((public / "product.schema.json").read_text())["title"]
    feed = ET.parse(public / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    published = [e.findtext(f"{atom}published") for e in feed.findall(f"{atom}entry")]
    assert published == sorted(published, reverse=True)
    assert len(published) == min(50, len(synthetic_site.entries))
    raw = next(e for e in feed.findall(f"{atom}entry") if e.findtext(f"{atom}title", "").endswith("Raw"))
    assert raw.findtext(f"{atom}summary") == '<img src=x onerror="window.pwned=11"> summary'  # text, escaped as XML
    data = (public / "assets/nhsoa/catalogue-data.js").read_text(encoding="utf-8")
    assert data.startswith("window.nhsoaCatalogue=")
    assert "</script" not in data


def test_rules_page_is_generated_from_the_rules_table(synthetic_site: Served) -> None:
    page = (synthetic_site.build.public / "reference/rules.html").read_text(encoding="utf-8")
    for rule in rules.RULES:
        assert f"<td>{rule.id}</td>" in page
    assert "<td>rename the file to &lt;id&gt;.yaml or change the id</td>" in page
    assert main(["rules", "--format", "markdown"]) == 0


def test_pages_keep_out_of_the_navigation(synthetic_site: Served) -> None:
    home = (synthetic_site.build.public / "index.html").read_text(encoding="utf-8")
    assert "tools/tool-0001.html" not in home.split('class="md-main"')[0]


def test_every_page_has_the_content_security_policy(synthetic_site: Served) -> None:
    for page in ("index.html", "catalogue.html", "tools/hostile-raw.html", "adoption.html"):
        text = (synthetic_site.build.public / page).read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text
        assert "script-src 'self'" in text
        head = text.split("</head>", 1)[0]
        assert not re.search(r"<script>(?!\s*</script>)", head), "an inline script in the head"
        assert "fonts.googleapis" not in text
        assert "unpkg.com" not in text
        assert "cdn" not in text.lower()


def test_the_offline_search_shim_is_vendored_with_its_licence(synthetic_site: Served) -> None:
    vendored = synthetic_site.build.public / "assets" / "vendor" / "iframe-worker"
    assert "iframe-worker 1.0.4" in (vendored / "shim.js").read_text(encoding="utf-8")
    assert (vendored / "runtime.js").is_file()
    assert "Permission is hereby granted" in (vendored / "LICENSE").read_text(encoding="utf-8")
    index = (synthetic_site.build.public / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in index
    assert (synthetic_site.build.public / "search" / "search_index.js").is_file()  # loaded as a script from files


def test_empty_registry_builds(tmp_path: Path) -> None:
    registry = make_registry(tmp_path / "registry", 0)
    result = build(registry, tmp_path / "out", today=date(2026, 11, 25))
    assert (result.public / "catalogue.html").is_file()
    assert result.generated.tools == 0


def test_out_folder_with_other_files_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = make_registry(tmp_path / "registry", 2)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    with pytest.raises(NhsoaError, match="not a site build"):
        build(registry, out)
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]
    assert main(["site", "build", "--registry", str(registry), "--out", str(out)]) == 1
    assert "not a site build" in capsys.readouterr().err


def test_failed_build_keeps_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = make_registry(tmp_path / "registry", 3)
    out = tmp_path / "out"
    build(registry, out, today=date(2026, 11, 25))
    before = (out / "public" / "catalogue.html").read_text(encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise NhsoaError("MkDocs could not build the site: simulated")

    monkeypatch.setattr("nhsoa.site.build._render", broken)
    make_registry(tmp_path / "registry", 6)
    with pytest.raises(NhsoaError, match="simulated"):
        build(registry, out, today=date(2026, 11, 25))
    assert (out / "public" / "catalogue.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "public", "source"]


def test_cli_build_and_pages_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = make_registry(tmp_path / "registry", 3)
    out = tmp_path / "out"
    assert (
        main(["site", "build", "--registry", str(registry), "--out", str(out), "--pages-only", "--today", "2026-11-25"])
        == 0
    )
    assert (out / "source" / "mkdocs.yml").is_file()
    assert not (out / "public").exists()
    assert "hooks:" not in (out / "source" / "mkdocs.yml").read_text()
    assert main(["site", "build", "--registry", str(registry), "--out", str(out), "--today", "2026-11-25"]) == 0
    printed = capsys.readouterr().out
    assert "3 tools" in printed
    assert "site in" in printed
    assert (out / "public" / "tools" / "tool-0001.html").is_file()
    assert main(["site", "build", "--registry", str(tmp_path / "nowhere")]) == 2


def test_serve_refuses_a_folder_without_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", "serve", "--no-build", "--out", str(tmp_path)]) == 1
    assert "no built site" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("directory_urls", "page", "target", "expected"),
    [
        (False, "tools/a.md", "tools/b.md", "b.html"),
        (False, "tools/a.md", "index.md", "../index.html"),
        (False, "index.md", "organisations/RGT.md", "organisations/RGT.html"),
        (False, "catalogue.md", "assets/nhsoa/catalogue.js", "assets/nhsoa/catalogue.js"),
        (True, "tools/a.md", "tools/b.md", "../b/"),
        (True, "tools/a.md", "index.md", "../../"),
        (True, "index.md", "catalogue.md", "catalogue/"),
        (True, "catalogue.md", "assets/nhsoa/catalogue.js", "../assets/nhsoa/catalogue.js"),
    ],
)
def test_relative_links(directory_urls: bool, page: str, target: str, expected: str) -> None:
    assert Urls(directory_urls).rel(page, target) == expected


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by path; the sitemap's dates are the build's own and left out."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith("sitemap.xml")
    }


def _mkdocs_cli(source: Path, public: Path, *options: str) -> list[str]:
    """`mkdocs build` run as anyone would run it on the generated project; the warnings it printed."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(source / "mkdocs.yml"), "-d", str(public)]
    done = subprocess.run([*command, *options], capture_output=True, text=True, check=False, env=QUIET_MKDOCS)
    assert done.returncode == 0, done.stderr
    records = re.split(r"^(?=[A-Z]+ +-  )", done.stderr, flags=re.MULTILINE)  # a message may span lines
    return [record.split("-  ", 1)[1].rstrip("\n") for record in records if record.startswith("WARNING")]


def test_plain_mkdocs_builds_the_same_site(synthetic_site: Served, tmp_path: Path) -> None:
    """`mkdocs build --strict` of the generated project gives the same pages and search index, byte for byte."""
    plain = tmp_path / "plain"
    assert _mkdocs_cli(synthetic_site.build.source, plain, "--strict") == []
    ours, theirs = _files(synthetic_site.build.public), _files(plain)
    assert sorted(ours) == sorted(theirs)
    assert len([name for name in ours if name.endswith(".html")]) > 100
    assert "search/search_index.json" in ours
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_plain_mkdocs_gives_the_same_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page MkDocs warns about gives the same warnings through `nhsoa site build` as through `mkdocs build`.

    An id inside an HTML block is an anchor to MkDocs, so linking to it is fine; a missing page is not."""
    files = tmp_path / "site-files"
    shutil.copytree(site_files(), files)
    (files / "docs" / "notes.md").write_text(
        '# Notes\n\n<div id="inside-html">A block.</div>\n\n[fine](#inside-html) and [missing](nowhere.md)\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(build_module, "site_files", lambda: files)
    registry = make_registry(tmp_path / "registry", 3)
    with pytest.raises(NhsoaError, match="strict mode"):
        build(registry, tmp_path / "strict", today=date(2026, 11, 25))
    assert not (tmp_path / "strict" / "public").exists()

    result = build(registry, tmp_path / "out", today=date(2026, 11, 25), strict=False)
    assert any("'nowhere.md'" in warning for warning in result.warnings)
    assert not any("inside-html" in warning for warning in result.warnings)
    assert _mkdocs_cli(result.source, tmp_path / "plain") == result.warnings


def test_properdocs_builds_the_same_site(synthetic_site: Served, tmp_path: Path) -> None:
    """ProperDocs, the maintained MkDocs 1.x line, builds the generated project with Material into the same pages."""
    command = [
        sys.executable,
        "-m",
        "properdocs",
        "build",
        "-q",
        "--strict",
        "-f",
        str(synthetic_site.build.source / "mkdocs.yml"),
    ]
    done = subprocess.run([*command, "-d", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    ours, theirs = _files(synthetic_site.build.public), _files(tmp_path)
    assert sorted(ours) == sorted(theirs)
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    differ = [name for name in ours if generator.sub(b"", ours[name]) != generator.sub(b"", theirs[name])]
    assert differ == []


def test_any_valid_id_gets_its_own_page(tmp_path: Path) -> None:
    registry = make_registry(tmp_path / "registry", 2)
    text = (registry / "tools" / "tool-0001.yaml").read_text(encoding="utf-8")
    (registry / "tools" / "index.yaml").write_text(text.replace("id: tool-0001", "id: index").replace(
        "tool-0001", "index-tool"), encoding="utf-8")  # fmt: skip
    result = build(registry, tmp_path / "out", today=date(2026, 11, 25))
    assert result.generated.tools == 3
    assert "index-tool" in (result.public / "tools" / "index.html").read_text(encoding="utf-8")
    assert (result.public / "a-z.html").is_file()


def _addresses() -> tuple[str, str]:
    """The site's address and the project's repository, as site/mkdocs.yml gives them (once, for everything)."""
    config = yamlio.load_file(REPO / "site" / "mkdocs.yml").data
    return config["site_url"], config["extra"]["repository"]


def test_the_site_links_to_its_published_address(synthetic_site: Served) -> None:
    site_url, repository = _addresses()
    assert (site_url, repository) == ("https://nhsoa.github.io/nhsoa/", "https://github.com/nhsoa/nhsoa")
    public = synthetic_site.build.public
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(public / "feed.xml").getroot()
    entry = feed.findall(f"{atom}entry")[0]
    entry_id = entry.findtext(f"{atom}id", "").removeprefix("urn:nhsoa:tool:")
    assert entry.find(f"{atom}link").get("href") == f"{site_url}tools/{entry_id}.html"  # type: ignore[union-attr]
    assert feed.findtext(f"{atom}id") == f"{site_url}feed.xml"
    sitemap = ET.parse(public / "sitemap.xml").getroot()
    locations = [loc.text or "" for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{site_url}tools/{entry_id}.html" in locations
    assert all(location.startswith(site_url) for location in locations)
    page = (public / "tools" / "tool-0003.html").read_text(encoding="utf-8")
    assert f'href="{repository}/edit/main/registry/tools/tool-0003.yaml"' in page
    # Pages link to each other relatively, so a copy served from 127.0.0.1 or opened from files works.
    assert site_url not in page.split('rel="canonical"')[1].split("</head>")[1]


_PROJECT_ADDRESS = re.compile(r"https?://(?:[\w.-]*\bnhsoa\.github\.io|github\.com/nhsoa)\b[^\s\"'<>)\]`]*")


def test_every_project_address_uses_the_same_base() -> None:
    """The project is at github.com/nhsoa/nhsoa and its site at nhsoa.github.io/nhsoa, everywhere."""
    site_url, repository = _addresses()
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    found = {}
    for name in tracked:
        path = REPO / name
        if path.suffix in {".png", ".ico", ".gz", ".ipynb"} or not path.is_file():
            continue
        for address in _PROJECT_ADDRESS.findall(path.read_text(encoding="utf-8", errors="replace")):
            found[address] = name
    assert f"{site_url}product.schema.json" in found
    wrong = {a: name for a, name in found.items() if not (a.startswith(site_url) or a.startswith(repository + "/")
                                                          or a == repository)}  # fmt: skip
    assert wrong == {}
