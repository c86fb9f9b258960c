"""A caching nginx in front of the city's gunicorn, for ``city_load.py --proxy nginx``.

The configuration is written to a throwaway folder (cache, temporary files, pid) and
honours the app's own caching headers: ``Cache-Control: public, max-age`` decides what is
kept and for how long, ``Vary`` (``Accept-Language, Cookie``) keeps one copy per variant,
``ETag`` revalidates an expired copy (``proxy_cache_revalidate``). Nothing is cached that
the app did not mark public (no ``proxy_cache_valid``): signed-in pages, forms and
redirects always reach a worker. Every answer carries ``X-Cache-Status`` (``HIT``,
``MISS``, ``EXPIRED``, ``REVALIDATED`` …) so the client counts hits.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import children_of

CONFIG = """\
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    proxy_cache_path {folder}/cache keys_zone=pnyx_pages:10m max_size=500m inactive=10m;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_cache pnyx_pages;
            proxy_cache_revalidate on;
            proxy_cache_lock on;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}
}}
"""


def nginx_config(folder: Path, port: int, upstream: int) -> str:
    # nginx's workers drop root for Debian's www-data, who could not write to a folder
    # made by tempfile (mode 700): as root, the throwaway workers stay root.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return CONFIG.format(user=user, folder=folder, port=port, upstream=upstream)


class Nginx:
    """``nginx -g 'daemon off;'`` on ``port`` in front of ``upstream``; ``stop()`` removes all."""

    def __init__(self, port: int, upstream: int) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            sys.exit("nginx is missing: apt-get install -y nginx-light")
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="pnyx-city-nginx-"))
        config = self.folder / "nginx.conf"
        config.write_text(nginx_config(self.folder, port, upstream))
        command = [binary, "-p", str(self.folder), "-c", str(config), "-e", "stderr"]
        self.process = subprocess.Popen([*command, "-g", "daemon off;"])
        wait_for_port(port, self.process)

    def pids(self) -> list[int]:
        """The master and its worker (the master forks it: its CPU is the proxy's)."""
        return [self.process.pid, *children_of(self.process.pid)]

    def stop(self) -> None:
        self.process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server on port {port} stopped at start-up ({process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    sys.exit(f"nothing listens on port {port} after {seconds} s")
