"""Show a built site on this computer only (127.0.0.1), until interrupted."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from nhsoa.errors import NhsoaError

HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - http.server's own attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".xml": "application/atom+xml",
    }

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal shows only the address."""


def server(public: Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``public`` on 127.0.0.1 (``port=0`` picks a free port); call ``serve_forever()``."""
    if not (public / "index.html").is_file():
        raise NhsoaError(f"{public} holds no built site (no index.html); run `nhsoa site build` first")
    handler = functools.partial(_QuietHandler, directory=str(public))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise NhsoaError(f"cannot serve on {HOST}:{port}: {exc.strerror}; choose another port with --port") from None


def url(httpd: ThreadingHTTPServer) -> str:
    return f"http://{HOST}:{httpd.server_address[1]}/"
