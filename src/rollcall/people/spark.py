"""The Spark backend for linkage (`rollcall link --engine spark`), for data beyond one machine.

Needs the optional `spark` extra (pyspark) and Java 17. The same Splink model runs here as on DuckDB; our
name comparison is registered as a Spark SQL function.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pyarrow as pa

from rollcall.errors import RollcallError


def spark_session():
    """A local Spark session on this machine's cores (offline, quiet)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise RollcallError("--engine spark needs the optional extra: pip install 'rollcall[spark]' "
                            "(and Java 17: apt-get install openjdk-17-jre-headless)") from None
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only: never bind to another interface
    os.environ.setdefault("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON") or __import__("sys").executable)
    spark = (SparkSession.builder.master(os.environ.get("ROLLCALL_SPARK_MASTER", "local[2]"))
             .appName("rollcall-link").config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "4g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(os.path.join(os.environ.get("TMPDIR", "/tmp"), "rollcall-spark-ckpt"))
    return spark


def _spark_schema(schema: pa.Schema):
    from pyspark.sql import types as T

    def convert(t: pa.DataType):
        if pa.types.is_list(t):
            return T.ArrayType(convert(t.value_type))
        if pa.types.is_int64(t):
            return T.LongType()
        if pa.types.is_integer(t):
            return T.IntegerType()
        return T.StringType()

    return T.StructType([T.StructField(f.name, convert(f.type), True) for f in schema])


def spark_backend(table: pa.Table, name_score: Callable[[str, str], float] | None):
    """Splink's SparkAPI over the records, with `rc_name_score` registered, and a fetcher for results."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType
    from splink import SparkAPI

    from rollcall.people.engine import weight_columns

    spark = spark_session()
    if name_score is not None:
        spark.udf.register("rc_name_score",
                           lambda a, b: None if a is None or b is None else float(name_score(a, b)), DoubleType())
    db_api = SparkAPI(spark_session=spark, break_lineage_method="persist")
    frame = db_api.register(spark.createDataFrame(table.to_pylist(), schema=_spark_schema(table.schema)))

    def fetch(predictions):
        df = predictions.as_spark_dataframe()
        present, exprs = weight_columns(df.columns)
        weights = [F.expr(e).alias(g) for g, e in zip(present, exprs, strict=True)]
        for row in df.select("unique_id_l", "unique_id_r", "match_probability", "match_weight", *weights).collect():
            yield (row[0], row[1], row[2], row[3], {g: round(row[g], 3) for g in present if row[g]})

    return db_api, frame, fetch
