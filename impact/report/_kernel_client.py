"""The kernel client papermill gets from :class:`impact.report.render.EarlyKernel`."""

from __future__ import annotations

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type


class NoHeartbeatClient(AsyncKernelClient):
    """jupyter_client's asynchronous client without its heartbeat thread.

    The heartbeat is not needed here: a client made by a kernel manager asks the manager
    whether the kernel lives (``is_alive``), and the manager watches the kernel's process. And
    it could hang a process at its end: the heartbeat thread sees a reply with a blocking poll,
    then awaits it on its event loop, which a ZeroMQ socket's edge-triggered readiness may never
    wake; ``stop_channels`` then joins that thread forever. A demo worker hung so at its exit,
    while closing its kept kernel (jupyter_client 8.10, seen under load)."""

    def start_channels(self, shell: bool = True, iopub: bool = True, stdin: bool = True,
                       hb: bool = True, control: bool = True) -> None:
        super().start_channels(shell=shell, iopub=iopub, stdin=stdin, hb=False,
                               control=control)


class NoHeartbeatManager(AsyncKernelManager):
    """papermill's ``kernel_manager_class`` where it starts the kernel itself: its clients are
    :class:`NoHeartbeatClient`."""

    client_factory = Type(NoHeartbeatClient, klass=AsyncKernelClient, config=True)
