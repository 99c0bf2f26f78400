"""The ``cleantext`` command: a filter from stdin (or files) to stdout (or -o).

Exit codes: 0 all input cleaned; 1 some input could not be read or cleaned
(reported on stderr, the rest was processed); 2 bad usage.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO, TypeVar

import click

from . import __version__
from .cleaner import Cleaner
from .model import Document
from .options import FORMATS, Options
from .records import RecordFormat, clean_line
from .sink import open_output
from .sources import iter_sources

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


class Reporter:
    """Diagnostics on stderr, counted for the exit code."""

    def __init__(self) -> None:
        self.errors = 0

    def error(self, where: str, message: str) -> None:
        self.errors += 1
        click.echo(f"cleantext: {where}: {message}", err=True)

    @property
    def exit_code(self) -> int:
        return EXIT_INPUT_ERRORS if self.errors else EXIT_OK


def cleaner_options(command: F) -> F:
    """The options shared by every command that cleans."""
    decorators = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
                     help="Input format; auto tells HTML from plain text."),
        click.option("--disable", multiple=True, metavar="RULE",
                     help="Switch off a rule id (foreign-edge, pull-quote, title, en/newsletter) "
                          "or a family (fr/). Repeatable."),
        click.option("--phrases", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra phrase rule file (same format as the built-in ones). Repeatable."),
        click.option("--no-repair", is_flag=True, help="Do not repair encoding with ftfy."),
        click.option("--favor-precision", is_flag=True, help="Ask trafilatura for less but surer text."),
        click.option("--seed", type=int, default=0, show_default=True, help="Language detector seed."),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def build_options(fmt: str, disable: tuple[str, ...], phrases: tuple[str, ...], no_repair: bool,
                  favor_precision: bool, seed: int) -> Options:
    return Options(format=fmt, disable=disable, phrase_files=phrases,  # type: ignore[arg-type]
                   repair=not no_repair, favor_precision=favor_precision, seed=seed)


EXAMPLES = """
\b
Examples:
  cleantext clean article.txt                 # clean body to stdout
  curl -s URL | cleantext clean -             # HTML from a pipe
  cleantext clean --jsonl --field html --output-field text < pages.jsonl > clean.jsonl
  cleantext clean --jsonl --explain docs.jsonl -o out.jsonl
  cleantext explain article.html              # every paragraph with its verdict
"""


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleantext")
def main() -> None:
    """Strip publisher boilerplate from web text, in any language."""


@main.command(epilog=EXAMPLES)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here (atomically) instead of stdout.")
@click.option("--jsonl", is_flag=True, help="Input is JSON Lines: clean one field of each record.")
@click.option("--field", default="text", show_default=True, help="JSON Lines: field to clean.")
@click.option("--output-field", help="JSON Lines: field for the clean body [default: --field].")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines: field naming a record in messages.")
@click.option("--url-field", help="JSON Lines: field with the page URL, passed to trafilatura.")
@click.option("--explain", is_flag=True,
              help="Add every paragraph with its language and verdict (JSON output).")
@cleaner_options
def clean(files: tuple[str, ...], output: str | None, jsonl: bool, field: str, output_field: str | None,
          id_field: str, url_field: str | None, explain: bool, **cleaner_kw: Any) -> None:
    """Clean FILES (or stdin) and write the clean body.

    Plain text and HTML files give their clean body as text (several files:
    each under a `==> name <==` header). With --jsonl, every input line gives
    one output record, in order, carrying all its fields plus the clean body.
    """
    cleaner = Cleaner(build_options(**cleaner_kw))
    reporter = Reporter()
    with _closed_pipe_is_quiet(), open_output(output) as sink:
        if jsonl:
            fmt = RecordFormat(field=field, output_field=output_field, explain=explain,
                               id_field=id_field, url_field=url_field)
            _clean_jsonl(files, cleaner, fmt, sink, reporter)
        else:
            _clean_documents(files, cleaner, explain, sink, reporter)
    sys.exit(reporter.exit_code)


def _clean_documents(files: Iterable[str], cleaner: Cleaner, explain: bool, sink: TextIO,
                     reporter: Reporter) -> None:
    files = tuple(files)
    for name, stream in iter_sources(files):
        if isinstance(stream, OSError):
            reporter.error(name, f"cannot read: {stream.strerror or stream}")
            continue
        doc = cleaner.process(stream.read())
        if len(files) > 1:
            sink.write(f"==> {name} <==\n")
        if explain:
            sink.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
        elif doc.body:
            sink.write(doc.body + "\n")


def _clean_jsonl(files: Iterable[str], cleaner: Cleaner, fmt: RecordFormat, sink: TextIO,
                 reporter: Reporter) -> None:
    for name, stream in iter_sources(tuple(files)):
        if isinstance(stream, OSError):
            reporter.error(name, f"cannot read: {stream.strerror or stream}")
            continue
        for number, line in enumerate(stream, start=1):
            out, problem = clean_line(cleaner, line, fmt)
            sink.write(out + "\n")
            if problem:
                reporter.error(f"{name}:{number}", problem)


def document_record(doc: Document) -> dict[str, Any]:
    """A document as a JSON-ready record: body, title, language, paragraphs."""
    return {
        "text": doc.body,
        "title": doc.title,
        "lang": doc.lang,
        "paragraphs": [p.as_dict() for p in doc.paragraphs],
    }


@main.command(epilog=EXAMPLES)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@click.option("--width", type=int, default=100, show_default=True, help="Truncate paragraph text to this width.")
@cleaner_options
def explain(file: str, width: int, **cleaner_kw: Any) -> None:
    """Show each paragraph of FILE with its language and verdict."""
    cleaner = Cleaner(build_options(**cleaner_kw))
    reporter = Reporter()
    with _closed_pipe_is_quiet():
        for name, stream in iter_sources((file,)):
            if isinstance(stream, OSError):
                reporter.error(name, f"cannot read: {stream.strerror or stream}")
                continue
            click.echo(render_explanation(cleaner.process(stream.read()), width))
    sys.exit(reporter.exit_code)


def render_explanation(doc: Document, width: int = 100) -> str:
    """A table for a person: number, verdict, language, kind, text."""
    kept = len(doc.kept)
    lines = [
        f"language: {doc.lang or '-'}   title: {doc.title or '-'}   "
        f"kept {kept} of {len(doc.paragraphs)} paragraphs",
        f"{'#':>3}  {'verdict':<16} {'lang':<4} {'kind':<7} text",
    ]
    for number, p in enumerate(doc.paragraphs, start=1):
        text = " ".join(p.text.split())
        if len(text) > width:
            text = text[: width - 1] + "…"
        lines.append(f"{number:>3}  {p.dropped or 'kept':<16} {p.lang or '-':<4} {p.kind:<7} {text}")
    return "\n".join(lines)


class _closed_pipe_is_quiet:
    """A reader that stops reading (``| head``) ends the run quietly, exit 0."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
