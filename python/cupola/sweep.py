"""``python -m cupola.sweep [FILE] --out DIR --study STUDY [--set
KEY=V1,V2,...]... [--lhs N] [--range KEY=LOW:HIGH]... [--seed S] [--address
ADDR] [--budget-scale X] [--progress] [--json]``: a sweep on Ray, as
``cupola sweep --backend ray`` hands it over (docs/sweeps.md). The sweep
itself is ``cupola.sweep(...)`` (``cupola._sweep``)."""

import sys

from cupola._sweep import main

if __name__ == "__main__":
    sys.exit(main())
