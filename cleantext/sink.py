"""Where output goes: stdout, or a file written atomically; and a clean stop.

A file named with ``-o`` is written to a temporary file beside it and renamed
into place only when the run completes, so an interrupted or failed run never
leaves a half-written file: the target is either as it was (absent) or
complete. A name ending in ``.gz``, ``.bz2``, ``.xz`` or ``.zst`` gets
compressed output. The path is used as given: a symbolic link there is
replaced, not followed, and nothing else is written outside its folder.

Writes are whole: under :func:`exit_on_signals`, SIGINT or SIGTERM arriving
while a record is being written takes effect once it is written, so standard
output, flushed on the way out, always ends at the end of a record.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from typing import IO, Any, TextIO, cast

import click

from .compression import compressing

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class OutputError(click.ClickException):
    """The output cannot be written; shown as ``cleantext: WHERE: WHAT``, exit 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"cleantext: {self.message}", err=True)


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _Guard:
    """What the signal handler must know: is a write under way, and did a
    signal arrive during it."""

    writing = False
    pending: int | None = None
    owner_pid = 0


_guard = _Guard()


@contextlib.contextmanager
def _whole() -> Iterator[None]:
    """A stretch (a write, a commit) that a stop signal does not cut: the
    signal takes effect at its end."""
    _guard.writing = True
    try:
        yield
    finally:
        _guard.writing = False
    if _guard.pending is not None:
        raise Interrupted(_guard.pending)


def _on_signal(signum: int, _frame: Any) -> None:
    if os.getpid() != _guard.owner_pid:  # a forked worker: die as it would have
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    elif _guard.writing:
        _guard.pending = signum
    else:
        raise Interrupted(signum)


@contextlib.contextmanager
def exit_on_signals(output: str | None) -> Iterator[None]:
    """Turn SIGINT and SIGTERM into a clean stop: a message on stderr and exit
    status 128 + the signal number (130, 143).

    Place it outside :func:`open_output`, which removes its temporary file on
    the way out. Outside the main thread it does nothing (signals cannot be set).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _guard.writing, _guard.pending, _guard.owner_pid = False, None, os.getpid()
    previous = {signum: signal.signal(signum, _on_signal) for signum in _STOP_SIGNALS}
    try:
        yield
    except Interrupted as stop:
        _guard.writing = True  # from here on a second signal only waits
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        state = f"{output} is written only when complete" if output and output != "-" else \
            "the output ends at the last whole record"
        click.echo(f"cleantext: interrupted by {stop}; {state}", err=True)
        sys.exit(128 + stop.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _guard.writing, _guard.pending = False, None


class _WholeWrites:
    """A text stream whose writes a stop signal does not cut in half, and whose
    write errors name the output."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        with _whole(), self._errors():
            return self._stream.write(text)

    def flush(self) -> None:
        with _whole(), self._errors():
            self._stream.flush()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except BrokenPipeError:  # the reader is gone: the caller decides (quiet exit)
            raise
        except OSError as err:
            raise OutputError(f"{self._name}: cannot write: {err.strerror or err}") from err

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """A text stream for ``path`` (UTF-8, ``\\n`` line ends), compressed as its suffix says
    (``.gz``, ``.bz2``, ``.xz``, ``.zst``: :func:`cleantext.compression.compressing`); stdout
    (text, never compressed) for None or ``-``.

    Raises :class:`OutputError` when the file cannot be created or written.
    """
    if path is None or path == "-":
        stdout = _WholeWrites(sys.stdout, "<stdout>")
        yield cast(TextIO, stdout)
        stdout.flush()
        return
    target = os.path.abspath(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=".cleantext-", suffix=".part", dir=os.path.dirname(target))
        os.chmod(temp, _file_mode(target))
    except OSError as err:
        raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err
    try:
        with contextlib.ExitStack() as cleanup:  # after a failure too: nothing is left to write later
            cleanup.callback(os.close, fd)
            binary = open(fd, "wb", closefd=False)  # noqa: SIM115
            cleanup.callback(_close_quietly, binary)
            text = io.TextIOWrapper(compressing(binary, path), encoding="utf-8", newline="\n")
            cleanup.callback(_close_quietly, text)
            out = _WholeWrites(text, path)
            yield cast(TextIO, out)
            out.flush()
            with out._errors():
                text.close()  # ends the compressed data, if any
                binary.close()
                os.fsync(fd)
        with _whole():
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _close_quietly(stream: IO[Any]) -> None:
    """Close ``stream`` whatever happens (the file it writes is being discarded)."""
    with contextlib.suppress(Exception):
        stream.close()


def _file_mode(target: str) -> int:
    """The mode of the file being replaced, else what a new file would get
    (mkstemp's own 0600 would hide the output from other users)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
