"""SBIs needed over orbit altitude and decision time, swept on Ray.

Loads cupola's built-in default scenario, sweeps the space-based
interceptors' orbit altitude (`sbi.altitude_km`) and the time the defense
takes to decide to fire (`sbi.budget.decision_s`) as Ray tasks, one row per
point in a Parquet dataset, and plots the SBI carriers needed against
altitude: one line per decision time, and the band they span. A point
with no answer (no constellation within the sizing search: too high, or
too slow to decide) is left out of the lines.

    pip install './python[all]'       # the package, pandas, pyarrow, Ray, matplotlib
    python examples/sbi_altitude_sweep.py                       # 2 x 2 points, a local Ray instance
    python examples/sbi_altitude_sweep.py --altitudes 300 350 400 450 500 \\
        --decisions 10 15 20 30 45 --address auto                 # a larger grid on a running cluster

The dataset (`--out`, default `sbi-altitude-sweep`) resumes: run the same
command again after an interruption and only the missing points are
computed. Every number is computed by cupola's Rust library; this script
only chooses the points and draws.
"""

import argparse
import sys
from pathlib import Path

import cupola


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--altitudes", type=float, nargs="+", default=[300.0, 400.0],
                   help="SBI orbit altitudes, km (default: 300 400)")
    p.add_argument("--decisions", type=float, nargs="+", default=[15.0, 30.0],
                   help="decision times, s (default: 15 30)")
    p.add_argument("--out", type=Path, default=Path("sbi-altitude-sweep"),
                   help="the dataset's directory (resumed when it holds this sweep)")
    p.add_argument("--plot", type=Path, default=Path("sbi-altitude-sweep.png"),
                   help="the plot (.png or .svg)")
    p.add_argument("--backend", choices=["ray", "serial"], default="ray")
    p.add_argument("--address", default=None,
                   help="a Ray cluster's address (default: the running instance, or a local one)")
    return p.parse_args(argv)


def plot(df, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ok = df[df["status"] == "ok"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    by_altitude = ok.groupby("sbi.altitude_km")["sbi_carriers"]
    low, high = by_altitude.min(), by_altitude.max()
    ax.fill_between(low.index, low.values, high.values, alpha=0.2, color="tab:blue",
                    label="band over decision times")
    for decision, group in ok.groupby("sbi.budget.decision_s"):
        group = group.sort_values("sbi.altitude_km")
        ax.plot(group["sbi.altitude_km"], group["sbi_carriers"], marker="o",
                label=f"decision {decision:g} s")
    ax.set_xlabel("SBI orbit altitude, km")
    ax.set_yscale("log")
    ax.set_ylabel("SBI carriers needed")
    ax.set_title("Space-based interceptors needed (cupola, default scenario)")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(argv=None):
    a = parse(argv)
    result = cupola.sweep(
        cupola.Scenario.default(),
        study="size",
        grid={"sbi.altitude_km": a.altitudes, "sbi.budget.decision_s": a.decisions},
        out=a.out,
        backend=a.backend,
        address=a.address,
    )
    df = result.to_pandas()
    plot(df, a.plot)
    print(result)
    print(df[["sbi.altitude_km", "sbi.budget.decision_s", "sbi_carriers", "status"]].to_string(index=False))
    print(f"plot: {a.plot}")
    return df


if __name__ == "__main__":
    main(sys.argv[1:])
