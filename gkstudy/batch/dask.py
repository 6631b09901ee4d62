"""Run the same extraction on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

File bytes travel with each task, so the workers need no access to the client's disk; the workers
must run the same kit (checked once, up front), or their results would be cached under the wrong
version. Memory on the cluster is governed by Dask's own worker memory limits: a worker the
cluster kills yields a ``failed`` row for the file it held. The per-file wall-clock bound of local
runs is not enforced on a cluster (a running Dask task cannot be stopped). The pages of a big
scan go out as tasks of their own, as to local workers (batch.pages).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from gkstudy.batch.cache import cache_version, sha256_of_key
from gkstudy.extract import failed_extraction
from gkstudy.batch.limits import Limits, crash_reason
from gkstudy.batch.workers import Finished, Task, extract_one


CONNECT_TIMEOUT = "15s"


class SchedulerError(Exception):
    """The cluster cannot be used (unreachable, or its workers run another kit)."""


def _remote_version() -> str:
    from gkstudy.batch.cache import cache_version as remote

    return remote()


def _remote_extract(key: str, source: str, data: bytes, limits: Limits, split_at: int = 0,
                    pages: tuple[int, int, int] | None = None) -> Finished:
    return extract_one(key, source, data, None, limits, split_at, pages)


def run_on_dask(tasks: Iterable[Task], scheduler: str, limits: Limits, in_flight: int | None = None
                ) -> Iterator[Finished]:
    """Extract ``tasks`` on the cluster at ``scheduler``; yields results as they finish."""
    from distributed import Client, as_completed
    from distributed.scheduler import KilledWorker

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach Dask scheduler {scheduler}: {exc}") from None
    try:
        versions = set(client.run(_remote_version).values())
        if versions - {cache_version()}:
            raise SchedulerError(f"Dask workers run gkstudy {', '.join(sorted(versions))}, "
                                 f"this client {cache_version()}; install the same kit on both")
        # Bounded submission keeps the file bytes held by the client and scheduler flat.
        limit = in_flight or max(4, 4 * sum(client.nthreads().values()))
        pending = iter(tasks)
        by_future: dict = {}

        def submit_next():
            task = next(pending, None)
            if task is None:
                return None
            data = Path(task.path).read_bytes()
            future = client.submit(_remote_extract, task.key, task.source, data, limits, task.split_at, task.pages,
                                   pure=False)
            by_future[future] = task
            return future

        first = [f for f in (submit_next() for _ in range(limit)) if f is not None]
        if not first:
            return
        futures = as_completed(first, loop=client.loop)
        for future in futures:
            task = by_future.pop(future)
            try:
                yield future.result()
            except KilledWorker:
                yield Finished(task.key, failed_extraction(task.source, None, crash_reason("the Dask worker died"),
                                                           sha256_of_key(task.key)), cacheable=False, pages=task.pages)
            except Exception as exc:  # noqa: BLE001 - one bad task must not stop a batch
                reason = f"Dask task failed: {type(exc).__name__}: {exc}"
                yield Finished(task.key, failed_extraction(task.source, None, reason, sha256_of_key(task.key)),
                               cacheable=False, pages=task.pages)
            future.release()
            # Asked again after every result: the caller may have added tasks (a file's pages).
            while len(by_future) < limit:
                following = submit_next()
                if following is None:
                    break
                futures.add(following)
    finally:
        client.close()
