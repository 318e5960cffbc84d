"""Downloading a release from a local HTTP server (127.0.0.1 only): install, resume, integrity."""

from __future__ import annotations

import io
import random
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from careerfit_opt.cli import main
from careerfit_opt.data.onet import (
    DownloadError,
    download_release,
    load_onet,
    release_url,
    resolve_onet_dir,
)
from careerfit_opt.errors import InputError
from onet_tables import CEO, write_onet


class _Server:
    """Serves one zip at /db_23_2_text.zip, honouring Range; can cut the first transfer short."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self.cut_after: int | None = None  # bytes sent before the connection drops (once)
        self.ranges: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path != "/db_23_2_text.zip":
                    self.send_error(404)
                    return
                rng = self.headers.get("Range")
                server.ranges.append(rng)
                data, start = server.payload, 0
                if rng:
                    start = int(rng.removeprefix("bytes=").split("-")[0])
                    if start >= len(data):
                        self.send_response(416)
                        self.send_header("Content-Range", f"bytes */{len(data)}")
                        self.end_headers()
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.cut_after is not None:
                    body, server.cut_after = body[: server.cut_after], None
                    self.wfile.write(body)
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _release_zip(tmp_path: Path) -> bytes:
    """An official-looking zip: one top folder db_23_2_text/ holding the tables."""
    tables = write_onet(tmp_path / "src")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(tables.iterdir()):
            archive.write(path, f"db_23_2_text/{path.name}")
        # Padding so a transfer can be cut in the middle of real content.
        noise = random.Random(0).randbytes(20000).hex()  # incompressible: the zip stays large
        archive.writestr("db_23_2_text/Read Me.txt", "O*NET 23.2 Database\n" + noise)
    return buf.getvalue()


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    monkeypatch.setenv("CAREERFIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CAREERFIT_DATA_DIR", str(tmp_path / "data"))
    with _Server(_release_zip(tmp_path)) as srv:
        yield srv


def test_release_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAREERFIT_ONET_BASE_URL", raising=False)
    assert release_url("23.2").endswith("/dl_files/database/db_23_2_text.zip")
    monkeypatch.setenv("CAREERFIT_ONET_BASE_URL", "http://mirror/x/")
    assert release_url("23.2") == "http://mirror/x/db_23_2_text.zip"
    assert release_url("23.2", "http://other") == "http://other/db_23_2_text.zip"
    with pytest.raises(InputError, match=r"major.minor"):
        release_url("latest")


def test_download_installs_a_usable_release(server: _Server, tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    installed = download_release(
        "23.2", base_url=server.base_url, progress=lambda *a: seen.append(a)
    )
    assert installed == tmp_path / "data" / "onet" / "23.2"
    assert seen[-1] == (len(server.payload), len(server.payload))
    assert resolve_onet_dir("23.2", tmp_path) == installed
    cat = load_onet(installed)
    assert cat.metadata["release"] == "23.2"
    assert cat.occupation(CEO).requirements["reading_comprehension"].level == 4.75
    assert not list((tmp_path / "data" / "onet" / ".downloads").iterdir())  # zip removed


def test_interrupted_transfer_resumes(server: _Server, tmp_path: Path) -> None:
    server.cut_after = 5000
    with pytest.raises(DownloadError, match="run the command again to resume"):
        download_release("23.2", base_url=server.base_url)
    part = tmp_path / "data" / "onet" / ".downloads" / "db_23_2_text.zip.part"
    assert 0 < part.stat().st_size < len(server.payload)
    have = part.stat().st_size
    installed = download_release("23.2", base_url=server.base_url)
    assert server.ranges == [None, f"bytes={have}-"]
    assert load_onet(installed).occupation(CEO).title == "Chief Executives"


def test_corrupt_zip_is_rejected(server: _Server, tmp_path: Path) -> None:
    bad = bytearray(server.payload)
    middle = len(bad) // 3
    bad[middle : middle + 200] = bytes(200)  # damage a compressed member, keep the size
    server.payload = bytes(bad)
    with pytest.raises(DownloadError, match=r"corrupt|not a valid zip"):
        download_release("23.2", base_url=server.base_url)
    assert not (tmp_path / "data" / "onet" / "23.2").exists()
    assert not (tmp_path / "data" / "onet" / ".downloads" / "db_23_2_text.zip.part").exists()


def test_not_a_zip_is_rejected(server: _Server) -> None:
    server.payload = b"<html>maintenance</html>"
    with pytest.raises(DownloadError, match="not a valid zip"):
        download_release("23.2", base_url=server.base_url)


def test_unknown_release_is_a_clear_error(server: _Server) -> None:
    with pytest.raises(DownloadError, match="not found \\(404\\)"):
        download_release("99.9", base_url=server.base_url)


def test_cli_download_and_list(
    server: _Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["data", "onet", "--download", "--release", "23.2", "--base-url", server.base_url]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "installed O*NET 23.2" in text
    assert "USDOL/ETA" in text
    assert "CC BY 4.0" in text
    assert main(["data", "onet"]) == 0
    assert "23.2" in capsys.readouterr().out


def test_cli_download_failure_exits_1(server: _Server, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["data", "onet", "--download", "--release", "99.9", "--base-url", server.base_url])
        == 1
    )
    assert "404" in capsys.readouterr().err


def test_cli_from_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CAREERFIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CAREERFIT_DATA_DIR", str(tmp_path / "data"))
    src = write_onet(tmp_path / "db_23_2_text")
    assert main(["data", "onet", "--from", str(src)]) == 0
    out = capsys.readouterr().out
    assert "installed O*NET 23.2" in out
    assert "2 occupations" in out
    assert "USDOL/ETA" in out
    assert main(["data", "onet", "--from", str(tmp_path / "nowhere")]) == 2
    assert main(["data", "onet", "--from", str(src), "--download"]) == 2
