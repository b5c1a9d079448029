#!/usr/bin/env python3
"""The NumPy peer of cupola's coverage count: an analyst's brute force.

For every launch-time sample it places every satellite of a Walker delta
shell (circular orbits, J2 secular drift of the node and of the argument of
latitude), turns every missile's pad with the Earth to its launch time, and
counts, per missile, the satellites whose ground point is within a fixed
angle of the pad (a dot product of unit vectors against the cosine of the
angle). It is what cupola's `coverage` computes with the `Cap` reach model
and no shot assignment (`benches/sizing.rs`, group `sizing_peer`), which
instead asks each orbit plane for the few satellites near the pad.

Input: a JSON file written by the bench (`--input`), holding the shell, the
pads (ECEF unit vectors) and launch offsets, the launch times and the cap
angle. Output (standard output, JSON): the total of satellites in reach
over samples and missiles, the histogram of counts (the same 41 bins as
cupola's), and the seconds the counting took (`time.perf_counter`, the
set-up and JSON reading excluded).

Run by hand: python3 benches/peer/coverage_numpy.py --input FILE
"""

import argparse
import json
import math
import sys
import time

import numpy as np

MU_EARTH = 3.986_004_418e14  # m^3/s^2, as cupola_physics::constants
WGS84_A = 6_378_137.0  # m
J2 = 1.082_626_68e-3
OMEGA_EARTH = 7.292_115e-5  # rad/s
BINS = 41


def walker(altitude_m, inclination_rad, total, planes, phasing):
    """Node, argument of latitude at t = 0 and their J2 rates for every
    satellite of a Walker delta shell total/planes/phasing (circular)."""
    per_plane = total // planes
    a = WGS84_A + altitude_m
    n = math.sqrt(MU_EARTH / a**3)
    k = 0.75 * n * J2 * (WGS84_A / a) ** 2
    s2 = math.sin(inclination_rad) ** 2
    raan_rate = -2.0 * k * math.cos(inclination_rad)
    u_rate = k * (4.0 - 5.0 * s2) + n + k * (2.0 - 3.0 * s2)
    j = np.repeat(np.arange(planes), per_plane)
    s = np.tile(np.arange(per_plane), planes)
    raan0 = j * (2.0 * math.pi / planes)
    u0 = s * (2.0 * math.pi / per_plane) + j * (phasing * 2.0 * math.pi / total)
    return raan0, u0, raan_rate, u_rate


def count(inp, chunk=8):
    shell = inp["shell"]
    inc = shell["inclination_rad"]
    raan0, u0, raan_rate, u_rate = walker(
        shell["altitude_m"], inc, shell["total"], shell["planes"], shell["phasing"]
    )
    pads = np.asarray(inp["pads_ecef"], dtype=float)  # (M, 3)
    offsets = np.asarray(inp["offsets_s"], dtype=float)  # (M,)
    times = np.asarray(inp["times_s"], dtype=float)  # (T,)
    cos_cap = math.cos(inp["cap_rad"])
    si, ci = math.sin(inc), math.cos(inc)
    total = 0
    hist = np.zeros(BINS, dtype=np.int64)
    start = time.perf_counter()
    for c0 in range(0, len(times), chunk):
        t = times[c0 : c0 + chunk]  # (C,)
        # Satellites at each missile's launch time: (C, M, N) is too large,
        # so the missiles launched at the same time (the usual raid) share
        # one set of positions; offsets are handled per distinct offset.
        counts = np.empty((len(t), len(pads)), dtype=np.int64)
        for off in np.unique(offsets):
            m = offsets == off
            tl = t + off  # (C,)
            raan = raan0[None, :] + raan_rate * tl[:, None]  # (C, N)
            u = u0[None, :] + u_rate * tl[:, None]
            so, co = np.sin(raan), np.cos(raan)
            su, cu = np.sin(u), np.cos(u)
            sat = np.stack(
                (co * cu - ci * so * su, so * cu + ci * co * su, si * su), axis=-1
            )  # (C, N, 3) unit vectors, ECI
            th = OMEGA_EARTH * tl
            st, ct = np.sin(th), np.cos(th)
            p = pads[m]
            pad = np.stack(
                (
                    ct[:, None] * p[None, :, 0] - st[:, None] * p[None, :, 1],
                    st[:, None] * p[None, :, 0] + ct[:, None] * p[None, :, 1],
                    np.broadcast_to(p[None, :, 2], (len(t), len(p))),
                ),
                axis=-1,
            )  # (C, M', 3)
            dots = np.einsum("cmk,cnk->cmn", pad, sat)  # (C, M', N)
            counts[:, m] = (dots >= cos_cap).sum(axis=2)
        total += int(counts.sum())
        hist += np.bincount(np.minimum(counts, BINS - 1).ravel(), minlength=BINS)
    seconds = time.perf_counter() - start
    return {"in_reach_total": total, "histogram": hist.tolist(), "seconds": seconds}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True, help="JSON written by the bench")
    args = ap.parse_args()
    with open(args.input) as f:
        inp = json.load(f)
    json.dump(count(inp), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
