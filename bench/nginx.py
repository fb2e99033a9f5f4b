"""nginx serving a directory on 127.0.0.1: found (or installed with apt-get as root), run in the foreground.

Config, pid file, logs and temp paths live in a private directory; no daemon, no
system file is touched. ``gzip_static`` serves the generator's ``.gz`` twins, so nginx
spends no CPU compressing and stays far from being the bottleneck.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from archiver.webarchive.replay import free_port

CONFIG = """worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; text/plain txt; text/css css; text/javascript js; image/png png; image/jpeg jpg;
             font/woff2 woff2; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    open_file_cache max=2000 inactive=20s;
    gzip_static on;
    gzip_vary on;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen {host}:{port};
        root {root};
        index index.html;
        charset utf-8;
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def nginx_binary() -> str:
    """Path of nginx; installs it with apt-get when missing and running as root, else exits with advice."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit(
            "nginx is not installed: run `sudo apt-get install -y nginx` (the benchmark needs it), then retry."
        )
    print("nginx is not installed: running `apt-get install -y nginx` (we are root) ...", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "nginx"]
    if subprocess.run(install, env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=True)
        subprocess.run(install, env=env, check=True)
    return shutil.which("nginx") or "/usr/sbin/nginx"


class NginxServer:
    """``with NginxServer(root, work) as server: server.url("/")``."""

    def __init__(self, root: Path, work: Path, port: int = 0, host: str = "127.0.0.1") -> None:
        self.host = host
        self.root = root.resolve()
        self.work = work.resolve()
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> NginxServer:
        self.work.mkdir(parents=True, exist_ok=True)
        _make_readable(self.root)  # workers run as an unprivileged user when nginx starts as root
        conf = self.work / "nginx.conf"
        conf.write_text(CONFIG.format(work=self.work, host=self.host, port=self.port, root=self.root))
        cmd = [nginx_binary(), "-p", str(self.work), "-e", str(self.work / "error.log"), "-c", str(conf)]
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                log = (self.work / "error.log").read_text() if (self.work / "error.log").exists() else ""
                raise RuntimeError(f"nginx exited ({self.process.returncode}): {err}{log}")
            try:
                with urllib.request.urlopen(self.url("/robots.txt"), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not answer on {self.base_url} within {timeout}s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: fast shutdown of master and workers
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> NginxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _make_readable(root: Path) -> None:
    """Let nginx workers (``nobody``/``www-data``) reach ``root``: opens it and its parents below the temp dir."""
    tmp = Path(tempfile.gettempdir()).resolve()
    for directory in [root, *root.parents]:
        if directory == tmp or tmp not in directory.parents:
            break
        directory.chmod(directory.stat().st_mode | 0o005)
