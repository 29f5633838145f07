"""A local HTTP server standing in for the package indexes (PyPI, CRAN, R-universe, npm)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class IndexServer:
    """Serves ``pages`` (path -> body; dicts as JSON); any other path is a 404. Records the paths asked."""

    def __init__(self) -> None:
        self.pages: dict[str, Any] = {}
        self.asked: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.asked.append(self.path)
                body = server.pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                raw = (json.dumps(body) if isinstance(body, dict) else str(body)).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def pypi(self, name: str, version: str, uploaded: str) -> None:
        self.pages[f"/pypi/{name}/json"] = {
            "info": {"name": name, "version": version},
            "releases": {version: [{"upload_time": uploaded}]},
        }

    def cran_like(self, prefix: str, packages: dict[str, str]) -> None:
        stanzas = [f"Package: {name}\nVersion: {version}\nLicense: MIT\n" for name, version in packages.items()]
        self.pages[f"{prefix}/src/contrib/PACKAGES"] = "\n".join(stanzas)


@contextmanager
def serving() -> Iterator[IndexServer]:
    """An index server running for the duration of the ``with`` block."""
    server = IndexServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        server.thread.join()
