"""A local fake Slack Web API on a random port that records the exact bodies that left the
process (the fake core is ``testkit.fake_core``)."""

from __future__ import annotations

from typing import Any

from tests.support.recording import Recorded, RecordingServer

# --- the fake Slack Web API -----------------------------------------------------------------

BOT_USER_ID = "UFRONTBOT"


class FakeSlackApi:
    """Answers ``/api/{method}`` like Slack does; ``fail`` maps a method to an error code or 500."""

    def __init__(self) -> None:
        self.fail: dict[str, str | int] = {}
        self._ts = 1700000000.0
        self.server = RecordingServer(self._respond)

    def _respond(self, record: Recorded) -> tuple[int, Any]:
        method = record.path.removeprefix("/api/")
        failure = self.fail.get(method)
        if isinstance(failure, int):
            return failure, "Internal Server Error"
        if failure:
            return 200, {"ok": False, "error": failure}
        if method == "auth.test":
            return 200, {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": "BFRONT",
                "team_id": "T0001",
                "team": "Bank",
            }
        if method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": "DNEW0001"}}
        if method in ("chat.postMessage", "chat.update"):
            self._ts += 1
            body = record.body if isinstance(record.body, dict) else {}
            return 200, {
                "ok": True,
                "channel": body.get("channel"),
                "ts": body.get("ts") or f"{self._ts:.6f}",
            }
        if method == "files.getUploadURLExternal":  # files_upload_v2, step 1 of 3
            self._ts += 1
            file_id = f"F{int(self._ts)}"
            return 200, {
                "ok": True,
                "upload_url": f"{self.server.url}/upload/{file_id}",
                "file_id": file_id,
            }
        if record.path.startswith("/upload/"):  # step 2: the bytes, to the URL Slack gave
            return 200, "OK"
        if method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": f"{self._ts:.6f}"}
        return 200, {"ok": True}

    def calls(self, method: str) -> list[dict]:
        return [r.body for r in self.server.snapshot() if r.path == f"/api/{method}"]

    def methods(self) -> list[str]:
        return [
            r.path.removeprefix("/api/")
            for r in self.server.snapshot()
            if r.path != "/api/auth.test"
        ]
