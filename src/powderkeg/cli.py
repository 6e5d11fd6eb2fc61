"""The command line: one thin command per verb over the library.

Each command parses its arguments, calls one library function and turns powderkeg's
errors into exit codes: 0 everything processed, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from powderkeg import __version__
from powderkeg.config import Settings
from powderkeg.errors import ConfigError, PowderkegError

app = typer.Typer(
    name="powderkeg",
    help="News in, trustworthy PLOVER event data out: events, factuality, quotes and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
actors_app = typer.Typer(help="Manage actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

err = Console(stderr=True, highlight=False)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Settings file (YAML).")]
ActorsOpt = Annotated[
    list[Path] | None, typer.Option("--actors", help="YAML file of actors to add or override (repeatable).")
]


def _settings(config: Path | None, **overrides: Any) -> Settings:
    try:
        settings = Settings.from_file(config) if config else Settings()
    except ConfigError as exc:
        _usage_error(str(exc))
    clean = {k: v for k, v in overrides.items() if v is not None}
    return settings.replace(**clean) if clean else settings


def _usage_error(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _check_date(value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        _usage_error(f"--date {value!r} is not a date of the form YYYY-MM-DD")
    return value


@contextlib.contextmanager
def _progress(enabled: bool, label: str) -> Iterator[Any]:
    """A rich progress display on stderr, or a no-op callback when stderr is not a terminal."""
    if not enabled or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn(label), BarColumn(), TextColumn("{task.completed} articles"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as prog:
        task = prog.add_task(label, total=None)
        yield lambda _name: prog.advance(task)


def _report_failures(summary: Any) -> None:
    for failure in summary.failures:
        err.print(f"[red]failed:[/red] {failure.source}: {failure.reason}", soft_wrap=True)


def _print_summary(summary: Any, written_to: str) -> None:
    recs = ", ".join(_count(n, k) for k, n in sorted(summary.records.items())) or "no records"
    err.print(
        f"{_count(summary.read, 'article')} read, {summary.new} new, {summary.duplicate} duplicate, "
        f"{summary.failed} failed; {recs} written to {written_to}",
        soft_wrap=True,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    date: Annotated[str | None, typer.Option("--date", help="Publication date to assume (YYYY-MM-DD).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here.")] = None,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes; 0 = all cores.")] = 0,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on a terminal.")] = True,
) -> None:
    """Extract articles, events, quotes and claims as JSON Lines (the records contract)."""
    from powderkeg.run import extract_batch

    settings = _settings(
        config, default_date=_check_date(date),
        actors_files=tuple(str(p) for p in actors) if actors else None, workers=workers,
    )
    out = output.open("w", encoding="utf-8") if output else sys.stdout

    def write(record: dict[str, Any]) -> None:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

    try:
        with _progress(progress, "extracting") as tick:
            summary = extract_batch(inputs, settings, write, stdin=sys.stdin, progress=tick)
    except PowderkegError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        if output:
            out.close()
        else:
            out.flush()
    _report_failures(summary)
    _print_summary(summary, str(output) if output else "standard output")
    raise typer.Exit(1 if summary.failed else 0)


DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]


def _default_db() -> Path:
    from powderkeg.config import default_data_dir

    return default_data_dir() / "powderkeg.duckdb"


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: Annotated[Path | None, typer.Option("--db", help="The DuckDB store (default: in the data folder).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date to assume (YYYY-MM-DD).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes; 0 = all cores.")] = 0,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on a terminal.")] = True,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Dask scheduler address (or 'local'): each input file is a shard."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="With --dask: the partitioned Parquet folder to write.")
    ] = None,
) -> None:
    """Extract and store articles in the DuckDB store; idempotent, resumable."""
    from powderkeg.run.ingest import ingest_batch
    from powderkeg.store import Store

    settings = _settings(
        config, default_date=_check_date(date), workers=workers,
        actors_files=tuple(str(p) for p in actors) if actors else None,
    )
    if dask is not None:
        _ingest_dask(dask, inputs, settings, out)
        return
    path = db or _default_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store(path, settings=settings) as store, _progress(progress, "ingesting") as tick:
        summary = ingest_batch(inputs, settings, store, stdin=sys.stdin, progress=tick)
    _report_failures(summary)
    recs = ", ".join(_count(n, k) for k, n in sorted(summary.records.items()))
    err.print(
        f"{_count(summary.read, 'article')} read, {summary.new} new, {summary.duplicate} duplicate, "
        f"{summary.already_stored} already stored, {summary.failed} failed; {recs} stored in {path}",
        soft_wrap=True,
    )
    raise typer.Exit(1 if summary.failed else 0)


def _ingest_dask(address: str, inputs: list[str], settings: Settings, out: Path | None) -> None:
    from powderkeg.run.distributed import expand_shards, run_on_dask

    if out is None:
        _usage_error("--dask needs --out DIR, the Parquet dataset to write")
    from distributed import Client, LocalCluster

    shards = expand_shards(inputs)
    if not shards:
        _usage_error("no input files to shard")
    if address == "local":
        n = settings.workers or None
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    else:
        cluster, client = None, Client(address)
    try:
        summary = run_on_dask(client, shards, settings.replace(workers=1), out)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for source, reason in summary.failures:
        err.print(f"[red]failed:[/red] {source}: {reason}", soft_wrap=True)
    recs = ", ".join(_count(n, k) for k, n in sorted(summary.records().items()))
    skipped = sum(1 for s in summary.shards if s.skipped)
    err.print(
        f"{_count(len(shards), 'shard')} ({skipped} already done), {_count(summary.articles, 'article')}; "
        f"{recs} written to {out}", soft_wrap=True,
    )
    raise typer.Exit(1 if summary.failures else 0)


@app.command()
def export(
    db: DbOpt,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (or .jsonl file for jsonl).")
    ] = Path("export"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet, plover or cameo.")] = "jsonl",
) -> None:
    """Export a store: every record kind (jsonl, csv, parquet), PLOVER JSON or a CAMEO table."""
    from powderkeg.store import Store

    if fmt not in {"jsonl", "csv", "parquet", "plover", "cameo"}:
        _usage_error(f"--format {fmt!r}: choose jsonl, csv, parquet, plover or cameo")
    if not db.exists():
        _usage_error(f"--db {db}: no such store")
    if fmt in {"plover", "cameo"}:
        from powderkeg.analysis import cameo_rows, plover_events, write_plover, write_rows

        records = _records(None, db)
        out.mkdir(parents=True, exist_ok=True)
        if fmt == "plover":
            paths = [write_plover(plover_events(records), out / "events.plover.jsonl")]
        else:
            paths = [write_rows(cameo_rows(records), out / "events.cameo.csv")]
        for p in paths:
            typer.echo(str(p))
        return
    with Store(db, read_only=True) as store:
        paths = store.export(out, format=fmt)
    for p in paths:
        typer.echo(str(p))


@app.command()
def demo(
    config: ConfigOpt = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Where to put the demo store.")] = None,
) -> None:
    """Run the pipeline on the bundled sample articles and fill a demo store."""
    from powderkeg.demo import run_demo

    settings = _settings(config)
    err.print("powderkeg demo: extracting the sample articles ...")
    summary = run_demo(settings, data_dir=data_dir)
    counts = ", ".join(_count(n, k.rstrip("s")) for k, n in summary.counts.items() if k in
                       {"articles", "events", "quotes", "claims"})
    typer.echo(f"Demo store: {summary.path}")
    typer.echo(f"It holds {counts}.")
    typer.echo("Try next:")
    typer.echo(f"  .venv/bin/powderkeg report --db {summary.path} -o demo-report   # situation report")
    typer.echo(f"  .venv/bin/powderkeg serve --db {summary.path}                   # dashboard on :8000")
    typer.echo(f"  .venv/bin/powderkeg export --db {summary.path} --format csv --out demo-export")
    typer.echo("  .venv/bin/powderkeg extract --date 2024-10-26 your-article.txt")


InputsOpt = Annotated[
    list[Path] | None, typer.Argument(help="JSON Lines files written by `powderkeg extract`.")
]
StoreOpt = Annotated[Path | None, typer.Option("--db", help="Read records from this DuckDB store.")]


def _records(inputs: list[Path] | None, db: Path | None) -> list[dict[str, Any]]:
    """Records from JSON Lines files or a store (exactly one of them)."""
    from powderkeg.analysis import load_jsonl, records_from_store

    if bool(inputs) == bool(db):
        _usage_error("give JSON Lines files or --db FILE (one of them)")
    if db is not None:
        if not db.exists():
            _usage_error(f"--db {db}: no such store")
        from powderkeg.store import Store

        with Store(db, read_only=True) as store:
            return list(records_from_store(store))
    out: list[dict[str, Any]] = []
    for path in inputs or []:
        if not path.exists():
            _usage_error(f"{path}: no such file")
        out.extend(load_jsonl(path))
    return out


@app.command()
def report(
    inputs: InputsOpt = None,
    db: StoreOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.html and report.md.")] = Path("report"),
    since: Annotated[str | None, typer.Option(help="First day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last day (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only incidents involving this actor (name or text).")] = None,
    country: Annotated[str | None, typer.Option(help="Only incidents involving this country code.")] = None,
) -> None:
    """Write a situation report (self-contained HTML and Markdown) from a store or JSON Lines."""
    from powderkeg.report import build_report

    records = _records(inputs, db)
    paths = build_report(records, out, _check_date(since), _check_date(until), actor, country)
    typer.echo(f"{paths.html}")
    typer.echo(f"{paths.markdown}")


@app.command()
def incidents(
    inputs: InputsOpt = None,
    db: StoreOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output: .jsonl (PLOVER JSON), .csv or .parquet.")] = Path(
        "incidents.jsonl"
    ),
) -> None:
    """Consolidate event mentions into incidents (the same real-world event reported many times)."""
    from powderkeg.analysis import consolidate, incident_rows, plover_incident, write_plover, write_rows

    found = consolidate(_records(inputs, db))
    if out.suffix == ".jsonl":
        write_plover((plover_incident(i) for i in found), out)
    else:
        write_rows(incident_rows(found), out)
    err.print(f"{_count(len(found), 'incident')} written to {out}")


@app.command()
def dyads(
    inputs: InputsOpt = None,
    db: StoreOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output: .csv or .parquet.")] = Path("dyads.csv"),
    period: Annotated[str, typer.Option(help="day, week or month.")] = "day",
    undirected: Annotated[bool, typer.Option(help="Pool both directions of a dyad.")] = False,
    sector: Annotated[bool, typer.Option(help="Actors as country:sector, not country.")] = False,
    mentions: Annotated[bool, typer.Option(help="Count every event mention, not incidents.")] = False,
) -> None:
    """Per-dyad time series: counts per quad class, intensity, material-conflict share."""
    from powderkeg.analysis import SeriesParams, dyad_series, write_rows

    try:
        params = SeriesParams(
            period=period, directed=not undirected, level="sector" if sector else "country",
            unit="mentions" if mentions else "incidents",
        )
    except ValueError as exc:
        _usage_error(str(exc))
    rows = dyad_series(_records(inputs, db), params)
    write_rows(rows, out)
    err.print(f"{_count(len(rows), 'row')} written to {out}")


@app.command()
def alerts(
    inputs: InputsOpt = None,
    db: StoreOpt = None,
) -> None:
    """Escalation and new-actor alerts, one per line."""
    from powderkeg.analysis import alerts as find_alerts

    for alert in find_alerts(_records(inputs, db)):
        typer.echo(f"{alert.window_start}  {alert.kind:<10}  {alert.source}-{alert.target}  {alert.message}")


@actors_app.command("import")
def actors_import(
    source: Annotated[Path, typer.Argument(help="A TABARI/PETRARCH actors or agents dictionary.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The powderkeg actors YAML file to write.")],
) -> None:
    """Convert a TABARI/PETRARCH dictionary into a powderkeg actors file (use it with --actors)."""
    from powderkeg.actors.importer import import_tabari, write_yaml

    if not source.exists():
        _usage_error(f"{source}: no such file")
    entries = import_tabari(source)
    write_yaml(entries, out, source=str(source))
    err.print(f"{_count(len(entries), 'entry')} written to {out}".replace("entrys", "entries"))


@app.command()
def serve(
    db: Annotated[Path | None, typer.Option("--db", help="The DuckDB store to serve.")] = None,
    host: Annotated[str, typer.Option(help="Address to bind (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve the HTTP API (/api/v1) and the web dashboard over a store."""
    from powderkeg.api import serve as run_server

    settings = _settings(config)
    path = db or _default_db()
    if not path.exists():
        _usage_error(f"--db {path}: no such store (create one with `powderkeg ingest` or `powderkeg demo`)")
    err.print(f"serving {path} on http://{host}:{port}/ (API under /api/v1)")
    run_server(path, host, port, settings)


@app.command(name="eval")
def evaluate(
    shared: Annotated[Path, typer.Option("--shared", help="The folder holding data/dev and data/seed.")] = Path(
        "../shared"
    ),
    only: Annotated[list[str] | None, typer.Option("--only", help="Only these datasets (repeatable).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many items per dataset.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Score the project on the dev sets and the seed annotation; prints a table."""
    from powderkeg.eval import format_table, run_all

    if not (shared / "data").is_dir():
        _usage_error(f"--shared {shared}: no data/ folder there")
    metrics = run_all(_settings(config), shared, only=only, limit=limit)
    Console(highlight=False).print(format_table(metrics))


@app.command()
def train(
    tsv: Annotated[Path, typer.Argument(help="Labelled sentences: text<TAB>label (0-4 or quad names).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the trained model.")],
    epochs: Annotated[int, typer.Option(help="Training epochs.")] = 4,
    lr: Annotated[float, typer.Option(help="Learning rate.")] = 5e-5,
    batch_size: Annotated[int, typer.Option(help="Batch size.")] = 16,
    seed: Annotated[int, typer.Option(help="Seed of the split and of training.")] = 13,
) -> None:
    """Retrain the quad classifier on your own labelled sentences (needs powderkeg[train])."""
    from powderkeg.events.training import train_quad

    if not tsv.exists():
        _usage_error(f"{tsv}: no such file")
    report = train_quad(tsv, out, epochs=epochs, lr=lr, batch_size=batch_size, seed=seed,
                        log=lambda line: err.print(line, soft_wrap=True))
    typer.echo(f"model written to {out}")
    import dataclasses

    typer.echo(json.dumps(dataclasses.asdict(report), default=str))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    """Entry point: run the app, mapping unexpected library errors to a one-line message."""
    try:
        app()
    except PowderkegError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
