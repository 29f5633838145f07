"""The built catalogue, served locally and open in Debian's headless Chromium, for the browser timings."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from nhsoa.site import serve

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip
# Milliseconds from a click on the element to the next frame, once the page has handled it.
CLICK = """async (selector) => {
  const box = document.querySelector(selector);
  const started = performance.now();
  box.click();
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - started;
}"""


@contextmanager
def catalogue_page(public: Path) -> Iterator[Any]:
    """A Playwright page showing ``public``'s catalogue, ready; nothing outside the local server loads."""
    from playwright.sync_api import sync_playwright

    httpd = serve.server(public, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=shutil.which("chromium"), args=FLAGS, headless=True
            )
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(serve.url(httpd)) else r.abort())
            page.goto(serve.url(httpd) + "catalogue.html")
            page.wait_for_selector("#nhsoa-catalogue[data-ready=true]")
            yield page
            context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
