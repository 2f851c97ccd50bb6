"""The shared cache's recent answers, kept for a moment in the web process's own memory.

A public page served from Redis costs one round trip (0.14 ms on the benchmark's machine, about
half of what the rest of the request costs): at a popular page's rate, most of that is asking
again for an answer the process had a moment ago. `RecentAnswers` keeps what the shared cache
answered for a key for `seconds` (core.public_cache: PUBLIC_PAGE_PROCESS_SECONDS), bounded in
bytes, the least recently used first to go.

What it trades, and only for anonymous public pages: a change made through another process
(another web worker, a Celery task) shows here at most `seconds` later; a change made through
this process shows on its next request, since the version bump clears every copy (`clear`).
Signed-in pages and token lists never use it: a person who has just saved must see the save,
whichever worker answers next."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class RecentAnswers:
    def __init__(self, *, max_bytes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_bytes, self.clock = max_bytes, clock
        self._entries: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        # Counts the clears: an answer read before one is not kept after it (see keep).
        self.generation = 0

    def get(self, key: str, seconds: float):
        """The answer kept for `key` if it was read less than `seconds` ago, else None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if self.clock() - entry[0] >= seconds:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def keep(self, key: str, answer, *, size: int, generation: int) -> None:
        """Keeps `answer` (about `size` bytes) read at `generation`; nothing if a clear came
        since, as the answer may be older than the change that cleared."""
        with self._lock:
            if generation != self.generation or size > self.max_bytes:
                return
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (self.clock(), answer, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self.generation += 1

    def __len__(self) -> int:
        return len(self._entries)

    def _drop(self, key: str) -> None:
        _read_at, _answer, size = self._entries.pop(key)
        self._bytes -= size
