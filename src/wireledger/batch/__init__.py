"""The reading pipeline on a distributed engine (Spark), for JSONL dumps too large for one machine.

``records`` is what every partition does (lines -> Documents -> readings and error rows), with no engine
in it; ``spark`` runs it with ``mapPartitions`` and writes Parquet; ``output`` reads that Parquet back
(pyarrow, no Spark) for ``wireledger load``. pyspark and pyarrow are optional (``wireledger[spark]``)
and imported only when a job runs. See docs/scale.md.
"""
