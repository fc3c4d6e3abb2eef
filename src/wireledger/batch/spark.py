"""The Spark engine: JSONL inputs -> reading rows and error rows -> two Parquet datasets.

The driver lists the input files (local paths and globs exactly as ``wireledger read`` expands them;
``scheme://`` URIs through Hadoop's file system, so ``hdfs://`` and ``s3a://`` work where the cluster
has their connectors), reads each file's lines numbered from 1, and runs ``records.read_lines`` on every
partition with ``mapPartitions``. The result is kept (memory, then disk) while it is written twice: the
readings, sorted by input and line, and the error table.

pyspark is imported only here and only when a job runs, so wireledger works without it.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ..errors import Problem, UsageError, WireledgerError
from ..ingest.options import IngestOptions
from ..ingest.sources import InputFile, expand_path, format_for_name
from ..settings import Settings
from .records import ERROR, ERROR_COLUMNS, READING, READING_COLUMNS, InputLine, Row, read_lines

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

APP_NAME = "wireledger batch"


@dataclass
class SparkJob:
    """What one job read and wrote."""

    output: str
    errors_output: str
    inputs: int = 0  # input files
    partitions: int = 0
    readings: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # code -> rows in the error table
    seconds: float = 0.0  # the whole job, starting Spark included
    start_seconds: float = 0.0  # starting Spark (0 when the session was already running)
    master: str = ""


def pyspark_missing() -> str | None:
    """None when pyspark can be imported; else what to install."""
    try:
        import pyspark  # noqa: F401 - only checking that it is there
    except ImportError:
        return "pyspark is not installed; install the extra: pip install 'wireledger[spark]'"
    return None


def errors_path(output: str) -> str:
    """Where the error table of ``output`` goes: ``x.parquet`` -> ``x.errors.parquet``."""
    base = output.rstrip("/")
    return (base.removesuffix(".parquet") if base.endswith(".parquet") else base) + ".errors.parquet"


def start_session(master: str | None = None, app_name: str = APP_NAME) -> SparkSession:
    """A Spark session; ``master`` None takes the one spark-submit or spark-defaults give (else local).

    In local mode the Python workers run this interpreter, so they see the same packages."""
    missing = pyspark_missing()
    if missing:
        raise UsageError(missing, input="batch")
    from pyspark.sql import SparkSession

    # no console progress bars: the job's summary and coded lines are the output
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, a master that does not answer: one coded line, not a traceback
        first = (str(exc).splitlines() or [""])[0]
        raise UsageError(f"Spark could not start ({type(exc).__name__}: {first}); it needs Java 17 and, "
                         "with --master, a master that answers", input="batch") from exc
    sc = session.sparkContext
    sc.setLogLevel("WARN")
    # Local workers are started with the interpreter named by PYSPARK_PYTHON, by default whatever
    # "python3" is on PATH, which need not be the one wireledger is installed in: unless PYSPARK_PYTHON
    # chose one, local workers run this interpreter. On a cluster, PYSPARK_PYTHON names it (docs/scale.md).
    if str(sc.master or "").startswith("local") and sc.pythonExec == "python3":
        sc.pythonExec = sys.executable
    return session


def active_session() -> SparkSession | None:
    """The Spark session already running in this process (e.g. under spark-submit), if any."""
    if pyspark_missing():
        return None
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def _hadoop_path(session: SparkSession, path: str) -> tuple[Any, Any]:
    """(Hadoop FileSystem, Hadoop Path) of a path or URI, through the JVM gateway."""
    sc = session.sparkContext
    jvm: Any = sc._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    return hpath.getFileSystem(sc._jsc.hadoopConfiguration()), hpath


def _exists(session: SparkSession, path: str) -> bool:
    fs, hpath = _hadoop_path(session, path)
    return bool(fs.exists(hpath))


def list_inputs(session: SparkSession,
                patterns: Sequence[str]) -> tuple[list[tuple[str, str]], list[Problem]]:
    """((path to read, name shown), ...) of the JSONL files the patterns name, and the problems
    (nothing matches, not JSONL) found while listing."""
    files: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for raw in patterns:
        if "://" in raw:
            found = _hadoop_glob(session, raw)
            if not found:
                problems.append(Problem("E100", raw, "no file matches this path or pattern", "nothing read"))
            files.extend((uri, uri) for uri in found)
            continue
        for item in expand_path(raw):
            if isinstance(item, Problem):
                problems.append(item)
            elif isinstance(item, InputFile):
                if format_for_name(item.name) != "jsonl":
                    problems.append(Problem("E114", item.name, "the batch job reads JSONL files only "
                                            "(.jsonl, .ndjson, also gzipped)", "skipped"))
                else:
                    # unquoted: Hadoop quotes what a URI needs itself
                    files.append((f"file://{item.path.resolve()}", item.name))
    return files, problems


def _hadoop_glob(session: SparkSession, pattern: str) -> list[str]:
    fs, path = _hadoop_path(session, pattern)
    statuses = fs.globStatus(path) or []
    return sorted(str(s.getPath().toString()) for s in statuses if s.isFile())


def _numbered(name: str, pair: tuple[str, int]) -> InputLine:
    text, index = pair
    return name, index + 1, text


def _read_partition(lines: Iterator[InputLine], options: IngestOptions, settings: Settings) -> Iterator[Row]:
    # runs in the Python worker: the pipeline is built there once and kept (records.worker_pipeline)
    return read_lines(lines, options, settings)


_HADOOP_GLOB = re.compile(r"([\\*?\[\]{}])")


def literal_path(path: str) -> str:
    """``path`` with Hadoop's glob characters escaped, so that ``textFile`` reads that one file."""
    return _HADOOP_GLOB.sub(r"\\\1", path)


def input_lines(session: SparkSession, files: Sequence[tuple[str, str]],
                partitions: int | None = None) -> RDD[InputLine]:
    """Every line of the files as (name, line number, text); ``partitions`` spreads them evenly."""
    sc = session.sparkContext
    parts = [sc.textFile(literal_path(path)).zipWithIndex().map(partial(_numbered, name))
             for path, name in files]
    lines: RDD[InputLine] = parts[0] if len(parts) == 1 else sc.union(parts)
    if partitions:
        lines = lines.repartition(partitions)
    return lines


def _is(kind: str, row: Row) -> bool:
    return row[0] == kind


def _values(row: Row) -> tuple[Any, ...]:
    return row[1]


_CODE = list(ERROR_COLUMNS).index("code")


def _error_code(row: Row) -> str:
    return str(row[1][_CODE])


def _schema(columns: dict[str, str]) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in columns.items())


def run_spark_batch(patterns: Sequence[str], output: str, options: IngestOptions, settings: Settings, *,
                    master: str | None = None, partitions: int | None = None, overwrite: bool = False,
                    session: SparkSession | None = None) -> SparkJob:
    """Read the JSONL inputs on Spark and write ``output`` (readings) and ``errors_path(output)``.

    ``session``: an existing Spark session to run in (it is left running); otherwise one is started for
    the job (``master``) and stopped at the end."""
    started = time.perf_counter()
    if session is None:
        session = active_session()
    own = session is None  # a session that was running before the job is left running
    spark = session if session is not None else start_session(master)
    start_seconds = time.perf_counter() - started
    job = SparkJob(output=output, errors_output=errors_path(output),
                   master=str(spark.sparkContext.master or ""), start_seconds=start_seconds if own else 0.0)
    try:
        files, problems = list_inputs(spark, patterns)
        job.inputs = len(files)
        if not files:
            raise UsageError("no JSONL input to read: " + "; ".join(str(p) for p in problems),
                             input="batch")
        if not overwrite:
            for path in (output, job.errors_output):
                if _exists(spark, path):
                    raise UsageError(f"{path} already exists; pass --overwrite to replace it", input="batch")
        lines = input_lines(spark, files, partitions)
        job.partitions = lines.getNumPartitions()
        rows = lines.mapPartitions(partial(_read_partition, options=options, settings=settings))
        from pyspark import StorageLevel

        rows.persist(StorageLevel.MEMORY_AND_DISK)  # read once, written twice
        shuffle = spark.conf.get("spark.sql.shuffle.partitions")
        try:
            mode = "overwrite" if overwrite else "errorifexists"
            # the sort before writing: as many output files as partitions read, not Spark's default 200
            spark.conf.set("spark.sql.shuffle.partitions", str(max(1, job.partitions)))
            readings = spark.createDataFrame(rows.filter(partial(_is, READING)).map(_values),
                                             schema=_schema(READING_COLUMNS))
            readings.orderBy("input_name", "line").write.mode(mode).parquet(output)
            listed = [(p.input, p.input, 0, p.code, str(p), p.cause, p.consequence, "") for p in problems]
            found = rows.filter(partial(_is, ERROR)).map(_values)
            errors = spark.createDataFrame(found.union(spark.sparkContext.parallelize(listed, 1))
                                           if listed else found, schema=_schema(ERROR_COLUMNS))
            errors.orderBy("input_name", "line").write.mode(mode).parquet(job.errors_output)
            job.readings = rows.filter(partial(_is, READING)).count()
            codes = Counter(rows.filter(partial(_is, ERROR)).map(_error_code).countByValue())
            for p in problems:
                codes[p.code] += 1
            job.errors = dict(sorted(codes.items()))
        finally:
            rows.unpersist()
            if shuffle is not None:
                spark.conf.set("spark.sql.shuffle.partitions", shuffle)
    except WireledgerError:
        raise
    except Exception as exc:  # the job as a whole failed (one record never does): one coded line
        first = (str(exc).splitlines() or [""])[0]
        raise WireledgerError("E160", output, f"the Spark job failed ({type(exc).__name__}: {first})",
                              "nothing usable written; rerun with --overwrite") from exc
    finally:
        if own:
            spark.stop()
    job.seconds = time.perf_counter() - started
    return job
