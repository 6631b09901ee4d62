"""The Jupyter kernel manager the study runs notebooks with (see run.kernel_transport)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager


class IPCKernelManager(AsyncKernelManager):
    """Jupyter's async kernel manager on local (ipc) sockets instead of TCP ports.

    Without a connection file the sockets would be ``kernel-ipc-N`` in the working directory, and
    two runs started in the same folder at once (two test workers, two terminals) would take the same
    names and wait on each other's kernel; each kernel gets its own private folder instead.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)
        self._socket_dir: Path | None = None
        if self.transport == "ipc" and not self.connection_file and self.ip == "kernel-ipc":
            self._socket_dir = Path(tempfile.mkdtemp(prefix="gkstudy-kernel-"))
            self.ip = str(self._socket_dir / "kernel-ipc")

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)  # the sockets are gone; the folder too
