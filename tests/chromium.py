"""Drive headless Chromium through the DevTools protocol, for tests and the view benchmark.

A page can be loaded with the network cut off, hovered, clicked, typed into, and its console
read, which ``--dump-dom`` alone cannot do. The websocket client is tornado's (dask.distributed depends on
it), so nothing is added to the environment.
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# --proxy-server to a closed port and no loopback bypass: any request the page makes fails
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>")

# every element matching a selector, looking inside shadow roots too (a page may draw widgets in them)
DEEP_QUERY = """
var deep = (sel) => {  // var: evaluated again and again in one page
  const out = [];
  const walk = (root) => {
    root.querySelectorAll(sel).forEach((e) => out.push(e));
    root.querySelectorAll("*").forEach((e) => { if (e.shadowRoot) walk(e.shadowRoot); });
  };
  walk(document);
  return out;
};
"""


class Browser:
    """One headless Chromium with one page; ``close()`` ends the process it started."""

    def __init__(self, profile: Path, *, chromium: str = CHROMIUM, width: int = 1500, height: int = 950) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                      f"--window-size={width},{height}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.loop = asyncio.new_event_loop()
        self.events: list[dict[str, Any]] = []
        self._id = 0
        try:
            self._connect(profile / "DevToolsActivePort")
            for domain in ("Page", "Runtime", "Log"):
                self.call(f"{domain}.enable")
            self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                      mobile=False)
        except BaseException:
            self.close()
            raise

    def _connect(self, port_file: Path) -> None:
        from tornado.websocket import websocket_connect

        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        targets = json.loads(direct.open(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")

        async def connect() -> Any:
            return await websocket_connect(url, max_message_size=256 << 20)

        self.ws = self.loop.run_until_complete(connect())

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._id += 1
        ident = self._id

        async def exchange() -> dict[str, Any]:
            await self.ws.write_message(json.dumps({"id": ident, "method": method, "params": params}))
            while True:
                message = await asyncio.wait_for(self.ws.read_message(), 120)
                if message is None:
                    raise RuntimeError("DevTools connection closed")
                data = json.loads(message)
                if data.get("id") == ident:
                    return data
                self.events.append(data)

        data = self.loop.run_until_complete(exchange())
        if "error" in data:
            raise RuntimeError(f"{method}: {data['error']}")
        return data["result"]

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, page: Path, *, ready: str = "document.documentElement.dataset.kgReady === '1'",
             timeout: float = 60) -> float:
        """Load a file and wait until ``ready`` holds; returns the seconds that took."""
        start = time.monotonic()
        self.call("Page.navigate", url=page.resolve().as_uri())
        while not self.eval(f"(() => {{ try {{ return !!({ready}); }} catch (e) {{ return false; }} }})()"):
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"{page} not ready after {timeout} s")
            time.sleep(0.05)
        return time.monotonic() - start

    def wait(self, seconds: float) -> None:
        self.eval(f"new Promise((r) => setTimeout(r, {int(seconds * 1000)}))")

    def frames(self, n: int = 2) -> None:
        """Wait for n animation frames, so whatever changed has been drawn."""
        self.eval(f"new Promise((r) => {{ let k = {n}; const f = () => (--k > 0 ? requestAnimationFrame(f) : r()); "
                  "requestAnimationFrame(f); })")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def mouse(self, kind: str, x: float, y: float) -> None:
        """``move`` or ``click`` at page pixels."""
        if kind == "move":
            self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
            return
        for event in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=event, x=x, y=y, button="left", clickCount=1)

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def requests(self) -> list[str]:
        """URLs the page tried to fetch that are not the file itself or inline data."""
        return [e["params"]["entry"].get("url", "") for e in self.events
                if e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("source") == "network"]

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
            self.loop.close()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
