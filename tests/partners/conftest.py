"""A real HTTP endpoint on loopback standing in for a partner's webhook receiver."""

import json
import threading
import time
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass(frozen=True)
class ReceivedHook:
    path: str
    headers: Message  # names are case-insensitive, as in HTTP (urllib sends "X-Wic-Event")
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class WebhookReceiver:
    """Records every POST; answers with the statuses queued by ``answer()`` in turn, then 200."""

    def __init__(self):
        self.received: list[ReceivedHook] = []
        self._answers: list[tuple[int, float, dict]] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    receiver.received.append(ReceivedHook(self.path, self.headers, body))
                    status, delay, headers = receiver._answers.pop(0) if receiver._answers else (200, 0.0, {})
                if delay:
                    time.sleep(delay)
                payload = f"status {status} from the partner".encode()
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the sender gave up waiting (timeout tests)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/wic-hooks"

    def answer(self, *statuses: int, delay: float = 0.0, headers: dict | None = None) -> None:
        with self._lock:
            self._answers += [(status, delay, headers or {}) for status in statuses]

    def events(self) -> list[str]:
        return [hook.headers["X-WIC-Event"] for hook in self.received]


@pytest.fixture
def webhook_receiver():
    receiver = WebhookReceiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()
