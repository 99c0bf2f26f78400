"""Cleaning touches nothing but its input and its output: no network, no
local file read through the markup (no XXE, no entity expansion), and output
only where it was asked to go."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from typing import ClassVar

import pytest

from cleantext import Cleaner, Options
from cleantext.records import RecordFormat, clean_line

BODY = "The museum reopens on Friday with a new wing for modern art and a larger café for visitors."
BODY2 = "Its director expects twice as many visitors this summer, and longer opening hours for schools."
SECRET = "SECRET-7f3a9c-do-not-leak"
CLI = [sys.executable, "-m", "cleantext"]


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.requests.append(self.path)
        body = f"<!ENTITY remote '{SECRET}'>".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    """A web server on this machine that counts the requests it gets (a fetch
    from C code, which a Python socket patch cannot see, would show here)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python code reaches the network refuses, and is recorded."""
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network access while cleaning: {name}")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def pages_with_external_resources(base: str) -> list[str]:
    head = f"""<base href="{base}/base/">
<link rel="stylesheet" href="{base}/style.css"><link rel="preload" href="{base}/font.woff2" as="font">
<link rel="canonical" href="{base}/canonical"><link rel="alternate" hreflang="fr" href="{base}/fr">
<script src="{base}/script.js"></script><meta http-equiv="refresh" content="0; url={base}/refresh">
<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}</style>"""
    body = f"""<p>{BODY}</p><img src="{base}/a.jpg" srcset="{base}/b.jpg 2x"><p>{BODY2}</p>
<iframe src="{base}/frame"></iframe><object data="{base}/object"></object><embed src="{base}/embed">
<video src="{base}/v.mp4" poster="{base}/p.jpg"></video><a href="{base}/next">Next</a>
<svg><image href="{base}/svg.png"/><use href="{base}/sprite.svg#x"/></svg>"""
    return [
        f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>",
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{base}/xhtml1-strict.dtd">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><head>{head}</head><body><article>{body}</article></body></html>',
        f'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="{base}/style.xsl"?>'
        f'<!DOCTYPE html SYSTEM "{base}/dtd" [<!ENTITY % remote SYSTEM "{base}/entities"> %remote;]>'
        f"<html><head>{head}</head><body><article>{body}<p>&remote;</p></article></body></html>",
    ]


@pytest.mark.parametrize("options", [Options(), Options(format="html", favor_precision=True)])
def test_cleaning_never_reaches_the_network(server, no_network, options):
    cleaner = Cleaner(options)
    for page in pages_with_external_resources(server):
        for source in (page, page.encode()):
            body = cleaner.process(source, url=f"{server}/article").body
            assert BODY in body and BODY2 in body
    record = json.dumps({"id": 1, "url": f"{server}/a", "html": pages_with_external_resources(server)[0]})
    assert BODY in clean_line(cleaner, record, RecordFormat(field="html", url_field="url")).line
    time.sleep(0.1)  # a request in flight would have arrived by now
    assert no_network == [] and _Counting.requests == []


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def xxe_pages(secret: str) -> list[str]:
    paragraphs = f"<p>{BODY} &xxe; &passwd;</p><p>{BODY2}</p>"
    doctype = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"> '
               '<!ENTITY passwd SYSTEM "file:///etc/passwd">]>')
    xinclude = (f'<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret}" '
                'parse="text"/></p>')
    return [
        f"{doctype}<html><body><article>{paragraphs}</article></body></html>",
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<html><body><article>{paragraphs}</article></body></html>',
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>'
        f"<html><body><article>{paragraphs}{xinclude}</article></body></html>",
        f'<html><body><article>{paragraphs}<object data="file://{secret}"></object>'
        f'<iframe src="file://{secret}"></iframe><img src="file:///etc/passwd"></article></body></html>',
    ]


@pytest.mark.parametrize("fmt", ["auto", "html", "text"])
def test_markup_cannot_read_local_files(secret_file, fmt):
    cleaner = Cleaner(Options(format=fmt))
    for page in xxe_pages(str(secret_file)):
        for source in (page, page.encode()):
            doc = cleaner.process(source)
            everything = "\n".join(p.text for p in doc.paragraphs)
            assert SECRET not in everything and "root:" not in everything
            if fmt != "text" and doc.paragraphs:  # the references stay as written, not expanded
                assert [p.text for p in doc.paragraphs[:2]] == [f"{BODY} &xxe; &passwd;", BODY2]
        assert fmt == "text" or doc.paragraphs or page.startswith("<?xml"), "trafilatura read nothing"


def test_entities_are_not_expanded(secret_file):
    """The "billion laughs": nested internal entities that would expand to gigabytes."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    page = (f'<?xml version="1.0"?><!DOCTYPE html [{entities}]>'
            f"<html><body><article><p>{BODY} &lol9;</p><p>{BODY2}</p></article></body></html>")
    start = time.perf_counter()
    doc = Cleaner().process(page)
    assert time.perf_counter() - start < 5
    assert [p.text for p in doc.paragraphs] == [f"{BODY} &lol9;", BODY2]


def test_output_is_written_where_asked_and_nowhere_else(tmp_path):
    (tmp_path / "in.txt").write_text(f"{BODY}\n\n{BODY2}", encoding="utf-8")
    (tmp_path / "sub dir é").mkdir()
    proc = subprocess.run([*CLI, "clean", "in.txt", "-o", "sub dir é/out file.txt"], cwd=tmp_path,
                          capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == b"" and proc.stderr == b""
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert files == ["in.txt", "sub dir é", "sub dir é/out file.txt"]
    assert (tmp_path / "sub dir é" / "out file.txt").read_text(encoding="utf-8") == f"{BODY}\n\n{BODY2}\n"


def test_a_new_output_file_gets_the_usual_permissions(tmp_path):
    (tmp_path / "in.txt").write_text(BODY, encoding="utf-8")
    umask = os.umask(0o022)
    try:
        proc = subprocess.run([*CLI, "clean", "in.txt", "-o", "out.txt"], cwd=tmp_path, timeout=60)
    finally:
        os.umask(umask)
    assert proc.returncode == 0 and (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644


def test_a_symbolic_link_given_as_output_is_replaced_not_followed(tmp_path):
    (tmp_path / "in.txt").write_text(BODY, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("untouched", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(elsewhere)
    proc = subprocess.run([*CLI, "clean", "in.txt", "-o", "link.txt"], cwd=tmp_path, timeout=60)
    assert proc.returncode == 0
    assert not (tmp_path / "link.txt").is_symlink() and elsewhere.read_text(encoding="utf-8") == "untouched"


def test_an_output_that_cannot_be_created_is_reported_and_nothing_is_written(tmp_path):
    (tmp_path / "in.txt").write_text(BODY, encoding="utf-8")
    proc = subprocess.run([*CLI, "clean", "in.txt", "-o", "missing/out.txt"], cwd=tmp_path,
                          capture_output=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode() == "cleantext: missing/out.txt: cannot write: No such file or directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]
