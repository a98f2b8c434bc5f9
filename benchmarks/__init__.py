"""Speed and memory figures of the import road (``make bench`` = ``python -m benchmarks``).

Modules:

``generate``     deterministic synthetic German offer feeds (semicolon CSV) of any size
``vocabulary``   the words and phrasings the generator draws from
``feed``         the registry ``Source`` that reads those feeds (mapping onto draft slots)
``import_road``  one size, in a process of its own: extract → normalise → merge, three times
``reference``    DuckDB's own ``read_csv`` of the same file: the ceiling
``measure``      wall and CPU time, per-stage peak RSS (VmHWM reset) and RSS over the stage
``profile``      cProfile of one import: where the time goes
``runner``       one fresh subprocess per size and measurement; collects their JSON results
``report``       the printed tables
"""
