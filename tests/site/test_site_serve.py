"""`nhsoa site serve` answers as the site's host does: missing addresses get the site's 404 page."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from nhsoa.main import main
from nhsoa.site import serve
from tests.site.conftest import Served


def _get(url: str, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def test_a_missing_address_gets_the_404_page_with_its_styles(synthetic_site: Served) -> None:
    status, body = _get(synthetic_site.url + "tools/no-such-tool.html")
    assert status == 404
    page = body.decode()
    assert "Page not found" in page
    # Its links start from the published path (/nhsoa/), as MkDocs writes them for any depth.
    assets = re.findall(r'(?:href|src)="(/nhsoa/assets/[^"]+)"', page)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert _get(synthetic_site.url + asset.lstrip("/"))[0] == 200, asset
    assert _get(synthetic_site.url + "nhsoa/index.html") == _get(synthetic_site.url + "index.html")
    assert _get(synthetic_site.url + "nope.html", "HEAD") == (404, b"")


def test_a_site_published_at_the_root_and_without_a_404_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<title>home</title>", encoding="utf-8")
    assert serve.published_path(tmp_path) == "/"
    httpd = serve.server(tmp_path, 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        status, body = _get(serve.url(httpd) + "missing.html")
        assert status == 404
        assert b"File not found" in body  # the server's own page
        assert _get(serve.url(httpd) + "nhsoa/index.html")[0] == 404
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [("https://nhsoa.github.io/nhsoa/index.html", "/nhsoa/"), ("https://example.org/", "/"),
     ("https://example.org/a/b/", "/a/b/")],
)  # fmt: skip
def test_published_path_is_read_from_the_home_page(tmp_path: Path, canonical: str, expected: str) -> None:
    (tmp_path / "index.html").write_text(f'<link rel="canonical" href="{canonical}">', encoding="utf-8")
    assert serve.published_path(tmp_path) == expected


def test_a_taken_port_is_explained_and_the_command_names_its_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public = tmp_path / "public"
    public.mkdir()
    (public / "index.html").write_text("<title>home</title>", encoding="utf-8")
    taken = serve.server(public, 0)  # holds a free port, as another program would
    port = taken.server_address[1]
    try:
        with pytest.raises(serve.PortUnavailable) as raised:
            serve.server(public, port)
        assert str(raised.value).startswith(f"cannot serve on 127.0.0.1:{port}: ")
        assert str(raised.value).endswith("; choose another port")  # the library names no option
        assert main(["site", "serve", "--no-build", "--out", str(tmp_path), "--port", str(port)]) == 1
    finally:
        taken.server_close()
    assert capsys.readouterr().err.endswith("; choose another port with --port\n")
