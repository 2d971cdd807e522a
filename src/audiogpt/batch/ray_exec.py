"""Ray executor: actors that each hold a loaded App, fed through a bounded window.

``--ray auto`` joins the cluster named by ``RAY_ADDRESS`` or a running local one, and starts a
local Ray instance otherwise; ``--ray ADDRESS`` joins that cluster. Actors are restarted when
they die (``max_restarts``) and their pending calls retried (``max_task_retries``), so killing
one worker mid-batch still completes every item. Outputs are written by the actors to the
``--out`` folder, which must be shared by every node of a multi-machine cluster.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from audiogpt.core.errors import BackendUnavailable

logger = logging.getLogger(__name__)

RAY_HINT = "pip install 'audiogpt[cluster]'"
MAX_RESTARTS = 4
MAX_TASK_RETRIES = 3


class _Actor:
    """Holds one worker state (App, loaded models) inside a Ray actor process."""

    def __init__(self, threads: int, env: dict[str, str]) -> None:
        from audiogpt.batch.work import init_worker

        init_worker(threads, env)

    def process(self, task: dict[str, Any]) -> dict[str, Any]:
        from audiogpt.batch.work import process

        return process(task)

    def pid(self) -> int:
        return os.getpid()


def connect(address: str, num_cpus: int | None = None) -> bool:
    """Connect to Ray (``auto``: existing cluster or a new local one).

    Returns:
        True when this call started Ray (and should shut it down).

    Raises:
        BackendUnavailable: Ray is not installed.
    """
    try:
        import ray
    except ImportError:
        raise BackendUnavailable(f"--ray needs Ray: {RAY_HINT}") from None
    if ray.is_initialized():
        return False
    if address == "auto":
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                 ignore_reinit_error=True)
    else:
        ray.init(address=address, log_to_driver=False)
    return True


def run_ray(tasks: Iterable[dict[str, Any]], workers: int | None, threads: int,
            env: dict[str, str], address: str = "auto") -> Iterator[dict[str, Any]]:
    """Run ``tasks`` on Ray actors; yield result lines as items finish.

    Args:
        tasks: Task dicts, pulled lazily (at most two per actor in flight).
        workers: Number of actors (default: the cluster's CPUs).
        threads: Threads each actor may use (also its ``num_cpus``).
        env: ``AUDIOGPT_*`` settings passed on to the actors.
        address: ``auto`` or a cluster address.
    """
    import ray

    started = connect(address)
    try:
        cpus = float(ray.cluster_resources().get("CPU", 1))
        n = workers or max(1, int(cpus) // max(1, threads))
        remote = ray.remote(num_cpus=min(float(threads), cpus / n), max_restarts=MAX_RESTARTS,
                            max_task_retries=MAX_TASK_RETRIES)(_Actor)
        actors = [remote.remote(threads, env) for _ in range(n)]
        load = {i: 0 for i in range(n)}
        running: dict[Any, tuple[dict[str, Any], int]] = {}
        source = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(running) < 2 * n:
                task = next(source, None)
                if task is None:
                    exhausted = True
                    break
                i = min(load, key=load.get)
                load[i] += 1
                running[actors[i].process.remote(task)] = (task, i)
            if not running:
                return
            ready, _ = ray.wait(list(running), num_returns=1)
            for ref in ready:
                task, i = running.pop(ref)
                load[i] -= 1
                try:
                    yield ray.get(ref)
                except ray.exceptions.RayError as exc:
                    logger.warning("ray: item %s failed: %s", task["input"], exc)
                    yield {"input": task["input"], "status": "error",
                           "tool": ">".join(s["tool"] for s in task["steps"]),
                           "backend": ">".join(s["backend"] for s in task["steps"]),
                           "artifacts": [], "seconds": 0.0, "key": task["key"],
                           "error": f"the Ray worker failed: {type(exc).__name__}"}
    finally:
        if started:
            ray.shutdown()
