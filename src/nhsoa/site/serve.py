"""Show a built site on this computer only (127.0.0.1), until interrupted.

The site is served as its host serves it: an address that holds no file gets the site's own
404 page (with status 404). That page links to its styles from the path the site is published
at (``site_url``; MkDocs does this so the page works at any depth), so the site is also served
under that path: the 404 page looks here as it does once published.
"""

from __future__ import annotations

import functools
import re
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nhsoa.errors import NhsoaError

HOST = "127.0.0.1"
NOT_FOUND_PAGE = "404.html"
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - http.server's own attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".xml": "application/atom+xml",
    }

    def __init__(self, *args: Any, published: str = "/", **kwargs: Any) -> None:
        self.published = published
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal shows only the address."""

    def do_GET(self) -> None:
        self._from_published_path()
        super().do_GET()

    def do_HEAD(self) -> None:
        self._from_published_path()
        super().do_HEAD()

    def _from_published_path(self) -> None:
        """``/nhsoa/assets/x.css`` is ``/assets/x.css`` when the site is published at ``/nhsoa/``."""
        if self.published != "/" and (self.path + "/").startswith(self.published):
            self.path = "/" + self.path[len(self.published) :]

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def published_path(public: Path) -> str:
    """The path the site says it is published at (its home page's canonical address), e.g. ``/nhsoa/``."""
    match = _CANONICAL.search((public / "index.html").read_text(encoding="utf-8", errors="replace"))
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path.rpartition("/")[0] + "/"


def server(public: Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``public`` on 127.0.0.1 (``port=0`` picks a free port); call ``serve_forever()``."""
    if not (public / "index.html").is_file():
        raise NhsoaError(f"{public} holds no built site (no index.html); run `nhsoa site build` first")
    handler = functools.partial(_QuietHandler, directory=str(public), published=published_path(public))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise PortUnavailable(f"cannot serve on {HOST}:{port}: {exc.strerror}; choose another port") from None


class PortUnavailable(NhsoaError):
    """Nothing can listen on the port asked for: another program has it, or it needs privileges."""


def url(httpd: ThreadingHTTPServer) -> str:
    return f"http://{HOST}:{httpd.server_address[1]}/"
