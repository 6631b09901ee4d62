"""The Jupyter kernel manager the study runs notebooks with (see run.kernel_transport)."""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager


class IPCKernelManager(AsyncKernelManager):
    """Jupyter's async kernel manager on local (ipc) sockets instead of TCP ports."""

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)
