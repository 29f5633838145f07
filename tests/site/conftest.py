"""Sites built once per test session, and a browser (Debian's chromium) that may only reach 127.0.0.1."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nhsoa.registry import catalogue
from nhsoa.site import generate, serve
from nhsoa.site.build import BuildResult, build
from tests.site.factory import HOSTILE_RAW, REPO, make_product, make_registry, notebook

TODAY = date(2026, 11, 25)
ARTEFACTS = REPO / "test-artifacts" / "site"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@dataclass
class Served:
    build: BuildResult
    url: str
    registry: Path
    entries: list[dict[str, Any]]


def _serve(result: BuildResult, registry: Path, entries: list[dict[str, Any]]) -> Iterator[Served]:
    httpd = serve.server(result.public, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(result, serve.url(httpd), registry, entries)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """60 varied entries with adopters, the inert hostile entry, the raw hostile entry and a product.

    Built the way a large registry is: tool pages written by worker processes.
    """
    root = tmp_path_factory.mktemp("synthetic-site")
    registry = make_registry(root / "registry", 60, hostile=True)
    products = root / "products"
    make_product(
        products,
        "stored-report",
        {"summary": notebook([("markdown", "# Summary"), ("code", "print(42)")], outputs=True)},
    )
    found = catalogue.load(registry, today=TODAY)
    assert not found.skipped, found.skipped
    found.entries.append(HOSTILE_RAW)  # published despite failing validation: the renderer alone must make it inert
    found.entries.sort(key=lambda e: (e["name"].casefold(), e["id"]))
    with pytest.MonkeyPatch.context() as patch:  # small chunks on worker processes, as a large registry is built
        patch.setattr(generate, "PARALLEL_FROM", 0)
        patch.setattr(generate, "CHUNK", 7)
        result = build(registry, root / "out", today=TODAY, products_dir=products, catalogue=found)
    yield from _serve(result, registry, found.entries)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The shipped registry and products, built as `make run` builds them."""
    root = tmp_path_factory.mktemp("seed-site")
    registry = REPO / "registry"
    entries = catalogue.load(registry).entries
    result = build(registry, root / "out", products_dir=REPO / "products")
    yield from _serve(result, registry, entries)


@dataclass
class Browser:
    """A chromium page whose every request outside 127.0.0.1 is blocked and recorded."""

    page: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed; `make chromium` installs it")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, args=CHROMIUM_FLAGS, headless=True,
            viewport={"width": 1280, "height": 1000},
        )  # fmt: skip
        yield context
        context.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Browser]:
    page = chromium.new_page()
    page.set_default_timeout(10_000)
    watched = Browser(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            watched.outside.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: watched.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on("dialog", lambda dialog: (watched.dialogs.append(dialog.message), dialog.dismiss()))
    yield watched
    page.close()
    assert watched.outside == [], f"requests outside 127.0.0.1 were attempted: {watched.outside}"
    assert watched.errors == [], f"console errors: {watched.errors}"
    assert watched.dialogs == []
