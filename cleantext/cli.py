"""The ``cleantext`` command: a filter from stdin (or files) to stdout (or -o).

Exit codes: 0 all input cleaned; 1 some input could not be read or cleaned
(reported on stderr, the rest was processed); 2 bad usage.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TextIO, TypeVar

import click

from . import __version__
from .batch import Run, file_site, write_stats
from .cleaner import Cleaner
from .inputs import Input, clashes, expand
from .limits import parse_size
from .model import Document
from .options import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, EXTRACTIONS, FORMATS, Options
from .parallel import Progress, WorkersKeepDying, worker_count
from .profile import DEFAULT_CAPACITY, Profile, ProfileError, ProfileLearner
from .records import RecordError, RecordFormat, field_text, is_blank, parse_record
from .sink import exit_on_signals, open_output
from .sources import iter_sources, open_warc, read_whole
from .summary import RunSummary
from .tasks import WARC_GIVEN_AS, DocumentTask, WarcTask, looks_like_warc, problems
from .warc import WarcError, WarcPage, iter_warc
from .write import render_explanation

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])


class Reporter:
    """Diagnostics on stderr: errors, counted for the exit code, and warnings, each kind
    written once with its first place, its repeats counted by :meth:`exit`."""

    def __init__(self) -> None:
        self.errors = 0
        self.warnings: dict[str, int] = {}

    def error(self, where: str, message: str) -> None:
        self.errors += 1
        click.echo(f"cleantext: {where}: {message}", err=True)

    def warning(self, where: str, message: str) -> None:
        if message not in self.warnings:
            click.echo(f"cleantext: {where}: warning: {message}", err=True)
        self.warnings[message] = self.warnings.get(message, 0) + 1

    def exit(self) -> NoReturn:
        """Say how often each warning came back, and exit: 1 after errors, else 0."""
        for message, count in self.warnings.items():
            if count > 1:
                click.echo(f"cleantext: warning: {count - 1:,} more like this: {message}", err=True)
        sys.exit(EXIT_INPUT_ERRORS if self.errors else EXIT_OK)


def reading_options(command: F) -> F:
    """The options of every command that reads documents: format, repair, limits."""
    decorators = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
                     help="Input format; auto tells HTML from plain text."),
        click.option("--no-repair", is_flag=True, help="Do not repair encoding with ftfy."),
        click.option("--favor-precision", is_flag=True, help="Ask trafilatura for less but surer text."),
        click.option("--extraction", type=click.Choice(EXTRACTIONS), default="trafilatura", show_default=True,
                     help="HTML: trafilatura's paragraphs, or what trafilatura, readability and the page agree on."),
        click.option("--max-bytes", default=f"{DEFAULT_MAX_BYTES // 2**20}M", show_default=True,
                     callback=_size_option, metavar="SIZE",
                     help="A bigger document is not cleaned but reported as too-large (0: no limit)."),
        click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_TIMEOUT, show_default=True,
                     metavar="SECONDS", help="A slower document is abandoned and reported as timeout (0: no limit)."),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def cleaner_options(command: F) -> F:
    """The options of every command that cleans: reading, then the rules."""
    decorators = [
        reading_options,
        click.option("--disable", multiple=True, metavar="RULE",
                     help="Switch off a rule id (foreign-edge, pull-quote, title, en/newsletter) "
                          "or a family (fr/). Repeatable."),
        click.option("--phrases", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra phrase rule file (same format as the built-in ones). Repeatable."),
        click.option("--seed", type=int, default=0, show_default=True, help="Language detector seed."),
        click.option("--profile", type=click.Path(exists=True, dir_okay=False),
                     help="A learned publisher profile (cleantext learn): drop its paragraphs as 'repeated'."),
        click.option("--learn", is_flag=True,
                     help="Learn repeated paragraphs per site while streaming, and drop them (one pass)."),
        click.option("--with-metadata", "metadata", is_flag=True,
                     help="HTML: add the page's metadata (author, date, sitename, canonical_url, description…)."),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def _size_option(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from err


def build_options(fmt: str, disable: tuple[str, ...], phrases: tuple[str, ...], no_repair: bool,
                  favor_precision: bool, seed: int, profile: str | None = None, learn: bool = False,
                  max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                  extraction: str = "trafilatura", metadata: bool = False) -> Options:
    try:
        return Options(format=fmt, disable=disable, phrase_files=phrases,  # type: ignore[arg-type]
                       repair=not no_repair, favor_precision=favor_precision, seed=seed,
                       profile=_loaded_profile(profile), learn=learn, max_bytes=max_bytes, timeout=timeout,
                       extraction=extraction, metadata=metadata)  # type: ignore[arg-type]
    except ValueError as err:  # a bad phrase file, a bad option value
        raise click.UsageError(str(err)) from err


def build_cleaner(**cleaner_kw: Any) -> Cleaner:
    """The cleaner for the command line's options; a usage error (exit 2) before any input is
    read when they are wrong (a phrase file that does not parse, an unknown rule id)."""
    options = build_options(**cleaner_kw)
    try:
        return Cleaner(options)
    except ValueError as err:
        raise click.UsageError(str(err)) from err


def _loaded_profile(path: str | None) -> Profile | None:
    """The profile file read once, or a usage error naming what is wrong in it."""
    if path is None:
        return None
    try:
        return Profile.load(path)
    except (ProfileError, OSError) as err:
        raise click.BadParameter(str(err), param_hint="'--profile'") from err


EXAMPLES = """
\b
Examples:
  cleantext clean article.txt                 # clean body to stdout
  curl -s URL | cleantext clean -             # HTML from a pipe
  cleantext clean --jsonl --field html --output-field text < pages.jsonl > clean.jsonl
  cleantext clean --jsonl --explain docs.jsonl -o out.jsonl
  cleantext explain article.html              # every paragraph with its verdict
  cleantext learn --jsonl --site-field url corpus.jsonl -o profile.json
  cleantext clean --jsonl --profile profile.json --site-field url corpus.jsonl
  cleantext clean --warc --workers 0 crawl.warc.gz -o pages.jsonl.zst
  cleantext clean pages/ --output-dir clean/ --skip-existing --stats stats.json
"""


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleantext")
def main() -> None:
    """Strip publisher boilerplate from web text, in any language."""
    # Output is UTF-8 whatever the locale, like the files -o writes.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")


@main.command(epilog=EXAMPLES)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here (atomically) instead of stdout; .gz, .bz2, .xz or .zst compresses.")
@click.option("--input-dir", type=click.Path(exists=True, file_okay=False),
              help="Clean every file under this folder (as if given as an argument).")
@click.option("--output-dir", type=click.Path(file_okay=False),
              help="Write one output per input file here, mirroring names (a/b.html: a/b.txt, or .json with "
                   "--explain; JSON Lines and WARC files: .jsonl).")
@click.option("--skip-existing", is_flag=True, help="--output-dir: skip inputs whose output exists (resume a run).")
@click.option("--jsonl", is_flag=True, help="Input is JSON Lines: clean one field of each record.")
@click.option("--warc", is_flag=True, help="Input is WARC archives: each HTML response gives a JSON Lines record.")
@click.option("--warc-status", "warc_statuses", type=int, multiple=True, default=(200,), show_default=True,
              metavar="CODE", help="WARC: HTTP statuses of the responses to clean (others are skipped). Repeatable.")
@click.option("--field", default="text", show_default=True, help="JSON Lines: field to clean.")
@click.option("--output-field", help="JSON Lines: field for the clean body [default: --field].")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines: field naming a record in messages.")
@click.option("--url-field", help="JSON Lines: field with the page URL, passed to trafilatura.")
@click.option("--site-field", default="url", show_default=True,
              help="JSON Lines: field naming the site for --profile/--learn (a URL gives its registered domain).")
@click.option("--site", help="Files: the site for --profile/--learn [default: the file's folder name].")
@click.option("--explain", is_flag=True,
              help="Add every paragraph with its language and verdict (JSON output; JSON Lines for several files).")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Clean in N processes (0: one per CPU); the output order is the input's.")
@click.option("--progress/--no-progress", default=None,
              help="Show documents, docs/s and errors on stderr [default: when it is a terminal].")
@click.option("--stats", type=click.Path(dir_okay=False, writable=True),
              help="Write the run's summary (documents, paragraphs dropped per rule, bytes) here as JSON.")
@cleaner_options
def clean(files: tuple[str, ...], output: str | None, input_dir: str | None, output_dir: str | None,
          skip_existing: bool, jsonl: bool, warc: bool, warc_statuses: tuple[int, ...], field: str,
          output_field: str | None, id_field: str, url_field: str | None, site_field: str, site: str | None,
          explain: bool, workers: int, progress: bool | None, stats: str | None, **cleaner_kw: Any) -> None:
    """Clean FILES or folders (or stdin) and write the clean body.

    Plain text and HTML files give their clean body as text (several files:
    each under a `==> name <==` header). With --jsonl, every input line that is
    not blank gives one output record, in order, carrying all its fields plus the clean body.
    With --warc, every HTML response of the archives gives one JSON Lines record.
    Compressed input (gzip, bzip2, xz, zstd) is recognised by its content.
    """
    inputs = _inputs(files, input_dir, output, output_dir, skip_existing, jsonl, warc)
    cleaner = build_cleaner(**cleaner_kw)
    workers = _workers(workers, cleaner)
    reporter = Reporter()
    show = progress or (progress is None and sys.stderr.isatty())
    run = Run(cleaner, reporter, RunSummary(), workers, Progress() if show else None, output_dir, skip_existing)
    with exit_on_signals(output), _closed_pipe_is_quiet(), _stream(output, output_dir) as sink:
        try:
            if jsonl:
                run.clean_jsonl(inputs, RecordFormat(field=field, output_field=output_field, explain=explain,
                                                     id_field=id_field, url_field=url_field,
                                                     site_field=site_field), sink)
            elif warc:
                run.clean_warc(inputs, WarcTask(explain), warc_statuses, sink)
            else:
                named = len(inputs) > 1 and output_dir is None  # JSON Lines: each record says whose it is
                run.clean_documents(inputs, DocumentTask(explain, named), site, sink)
        except WorkersKeepDying as err:  # the output stops here: -o leaves no file
            reporter.error("--workers", str(err))
            sys.exit(EXIT_INPUT_ERRORS)
    _sum_up(run, jsonl or warc or len(inputs) > 1 or output_dir is not None, stats)
    reporter.exit()


def _inputs(files: tuple[str, ...], input_dir: str | None, output: str | None, output_dir: str | None,
            skip_existing: bool, jsonl: bool, warc: bool) -> list[Input]:
    """The input files, or a usage error for options that do not go together."""
    if jsonl and warc:
        raise click.UsageError("--jsonl and --warc exclude each other")
    if output and output_dir:
        raise click.UsageError("-o and --output-dir exclude each other")
    if skip_existing and not output_dir:
        raise click.UsageError("--skip-existing needs --output-dir")
    paths = files + ((input_dir,) if input_dir else ())
    inputs = list(expand(paths, skip=output_dir))
    if output_dir:
        if any(item.path == "-" for item in inputs):
            raise click.UsageError("--output-dir needs input files or folders, not stdin")
        suffix = ".jsonl" if jsonl or warc else ".txt"
        for first, second, target in clashes(inputs, output_dir, suffix):
            raise click.UsageError(f"{first} and {second} would both be written to {target}")
    return inputs


@contextlib.contextmanager
def _stream(output: str | None, output_dir: str | None) -> Iterator[TextIO | None]:
    """The one output stream, or None when every input has its own file (``--output-dir``)."""
    if output_dir is not None:
        yield None
        return
    with open_output(output) as sink:
        yield sink


def _sum_up(run: Run, many: bool, stats: str | None) -> None:
    """End a run over many documents with its summary on stderr, and in ``stats`` as JSON."""
    if run.progress is not None:
        run.progress.close()
    if many:
        click.echo(run.summary.line(), err=True)
    if stats:
        write_stats(stats, run.summary)


def report_document(reporter: Reporter, name: str, doc: Document) -> None:
    """Report a document that was not cleaned (too large, too slow, failed), and one whose bytes
    could not be decoded well: its text is passed on, but the run does not end with 0."""
    error, warning = problems(doc)
    if error:
        reporter.error(name, error)
    if warning:
        reporter.warning(name, warning)


def _workers(requested: int, cleaner: Cleaner) -> int:
    """The processes for ``--workers``, or a usage error where they cannot be used."""
    if requested != 1 and cleaner.options.learn:
        raise click.UsageError("--learn learns from the documents in order, in one process: it cannot use --workers")
    return worker_count(requested)


@main.command(epilog=EXAMPLES)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the profile here (atomically) instead of stdout.")
@click.option("--jsonl", is_flag=True, help="Input is JSON Lines records.")
@click.option("--warc", is_flag=True, help="Input is WARC archives: learn from their HTML 200 responses, "
                                            "each page's site from its URL.")
@click.option("--field", default="text", show_default=True, help="JSON Lines: field with the text or HTML.")
@click.option("--site-field", default="url", show_default=True,
              help="JSON Lines: field naming the site (a URL gives its registered domain).")
@click.option("--site", help="Files: the site of every file [default: each file's folder name].")
@click.option("--min-share", type=click.FloatRange(0, 1, min_open=True), default=0.3, show_default=True,
              help="A paragraph is boilerplate when in at least this share of its site's documents…")
@click.option("--min-docs", type=click.IntRange(1), default=3, show_default=True,
              help="…and in at least this many of them.")
@click.option("--min-sites", type=click.IntRange(1), default=3, show_default=True,
              help="Boilerplate of this many sites is corpus-wide.")
@click.option("--capacity", type=click.IntRange(1), default=DEFAULT_CAPACITY, show_default=True,
              help="Paragraphs counted per site before rare ones are pruned (bounds memory).")
@reading_options
def learn(files: tuple[str, ...], output: str | None, jsonl: bool, warc: bool, field: str, site_field: str,
          site: str | None, min_share: float, min_docs: int, min_sites: int, capacity: int,
          **reading_kw: Any) -> None:
    """Learn a publisher profile from FILES or folders (or stdin): the paragraphs that
    recur across many documents of one site. Use it with `clean --profile`.
    """
    if jsonl and warc:
        raise click.UsageError("--jsonl and --warc exclude each other")
    reader = build_cleaner(**reading_kw, disable=(), phrases=(), seed=0)
    learner = ProfileLearner(min_share=min_share, min_docs=min_docs, min_sites=min_sites, capacity=capacity)
    reporter = Reporter()
    paths = tuple(item.path for item in expand(files))
    if warc:
        for path in paths:
            _learn_warc(learner, path, reader, reporter)
    for name, stream in () if warc else iter_sources(paths):
        if isinstance(stream, OSError):
            reporter.error(name, f"cannot read: {stream.strerror or stream}")
        elif jsonl:
            for number, line in enumerate(stream, start=1):
                if is_blank(line):
                    continue
                try:
                    record = parse_record(line)
                    text, record_site = field_text(record, field), field_text(record, site_field)
                except RecordError as err:
                    reporter.error(f"{name}:{number}", f"skipped: {err}")
                    continue
                _learn_document(learner, record_site, text, reader, reporter, f"{name}:{number}")
        else:
            _learn_document(learner, file_site(name, site), stream.read(), reader, reporter, name)
    profile = learner.profile()
    with open_output(output) as sink:
        sink.write(profile.to_json())
    click.echo(f"cleantext: learned {sum(len(s.entries) for s in profile.sites.values())} repeated paragraphs "
               f"of {len(profile.sites)} sites from {learner.docs} documents", err=True)
    reporter.exit()


def _learn_warc(learner: ProfileLearner, path: str, reader: Cleaner, reporter: Reporter) -> None:
    """Learn from the HTML 200 responses of one WARC file, each page's site from its URL."""
    name, stream = open_warc(path)
    if isinstance(stream, OSError):
        reporter.error(name, f"cannot read: {stream.strerror or stream}")
        return
    with stream:
        for record in iter_warc(stream, max_bytes=reader.options.max_bytes):
            where = f"{name}: offset {record.offset}"
            if isinstance(record, WarcError):
                reporter.error(where, record.message)
            elif isinstance(record, WarcPage):
                _learn_document(learner, record.url, record.body, reader, reporter, where, record.url, record.charset)


def _learn_document(learner: ProfileLearner, site: str | None, source: str | bytes, reader: Cleaner,
                    reporter: Reporter, where: str, url: str | None = None, charset: str | None = None) -> None:
    if isinstance(source, bytes) and looks_like_warc(source):
        reporter.error(where, WARC_GIVEN_AS.format("a document"))
        return
    doc = reader.read(source, url, charset=charset)
    if "skipped" in doc.meta:
        reporter.error(where, f"skipped: {doc.meta['error']}")
    else:
        report_document(reporter, where, doc)
        learner.add(site, [p.text for p in doc.paragraphs])


@main.command(epilog=EXAMPLES)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True), default="-")
@click.option("--width", type=int, default=100, show_default=True, help="Truncate paragraph text to this width.")
@click.option("--site", help="The site for --profile [default: the file's folder name].")
@cleaner_options
def explain(file: str, width: int, **cleaner_kw: Any) -> None:
    """Show each paragraph of FILE with its language and verdict."""
    site = cleaner_kw.pop("site")
    cleaner = build_cleaner(**cleaner_kw)
    reporter = Reporter()
    name, data = "<stdin>" if file == "-" else file, read_whole(file)
    with _closed_pipe_is_quiet():
        if isinstance(data, OSError):
            reporter.error(name, f"cannot read: {data.strerror or data}")
        elif looks_like_warc(data):
            reporter.error(name, WARC_GIVEN_AS.format("a document"))
        else:
            doc = cleaner.process(data, site=file_site(name, site))
            report_document(reporter, name, doc)
            click.echo(render_explanation(doc, width))
    reporter.exit()


class _closed_pipe_is_quiet:
    """A reader that stops reading (``| head``) ends the run quietly, exit 0."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
