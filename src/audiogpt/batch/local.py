"""Local executor: worker processes fed through a bounded window of in-flight items."""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from audiogpt.batch.work import init_worker, process

logger = logging.getLogger(__name__)

#: An item whose worker died is retried this many times before it is reported as an error.
MAX_ATTEMPTS = 2


def _pool(workers: int, threads: int, env: dict[str, str]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                               initializer=init_worker, initargs=(threads, env))


def run_local(tasks: Iterable[dict[str, Any]], workers: int, threads: int,
              env: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Run ``tasks`` on ``workers`` processes; yield result lines as items finish.

    At most ``2 * workers`` items are in flight, so memory does not grow with the batch. A
    worker that dies (killed, or crashed by a malformed file) is replaced; its items are
    retried once and then reported as errors.

    Args:
        tasks: Task dicts (see :func:`audiogpt.batch.work.process`), pulled lazily.
        workers: Number of worker processes.
        threads: Threads each worker may use.
        env: ``AUDIOGPT_*`` settings passed on to the workers.
    """
    window = 2 * workers
    source = iter(tasks)
    retry: list[tuple[dict[str, Any], int]] = []
    pool = _pool(workers, threads, env)
    running: dict[Future[dict[str, Any]], tuple[dict[str, Any], int]] = {}
    exhausted = False
    try:
        while True:
            while len(running) < window and (retry or not exhausted):
                if retry:
                    task, attempt = retry.pop()
                else:
                    task = next(source, None)
                    if task is None:
                        exhausted = True
                        break
                    attempt = 1
                running[pool.submit(process, task)] = (task, attempt)
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                task, attempt = running.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    broken = True
                    if attempt < MAX_ATTEMPTS:
                        retry.append((task, attempt + 1))
                    else:
                        yield _died(task)
            if broken:
                logger.warning("a worker process died; starting a new pool")
                for task, attempt in running.values():
                    if attempt < MAX_ATTEMPTS:
                        retry.append((task, attempt + 1))
                    else:
                        yield _died(task)
                running.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers, threads, env)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _died(task: dict[str, Any]) -> dict[str, Any]:
    return {"input": task["input"], "status": "error",
            "tool": ">".join(s["tool"] for s in task["steps"]),
            "backend": ">".join(s["backend"] for s in task["steps"]), "artifacts": [],
            "seconds": 0.0, "error": "the worker process died while running this item",
            "key": task["key"]}
