"""The example an analyst starts from (examples/sbi_altitude_sweep.py) runs
on a local Ray instance and writes its plot."""

import importlib.util


def test_the_sbi_altitude_example_sweeps_on_ray_and_plots(ray_local, root, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "sbi_altitude_sweep", root / "examples" / "sbi_altitude_sweep.py"
    )
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    png = tmp_path / "plot.png"
    df = example.main(["--out", str(tmp_path / "dataset"), "--plot", str(png)])
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert len(df) == 4 and (df["status"] == "ok").all()
    # Deciding later needs more interceptors in orbit, at each altitude.
    for _, group in df.groupby("sbi.altitude_km"):
        carriers = group.sort_values("sbi.budget.decision_s")["sbi_carriers"].tolist()
        assert carriers == sorted(carriers) and carriers[0] > 0
    # An SVG too, resumed from the same dataset (nothing computed again).
    svg = tmp_path / "plot.svg"
    again = example.main(["--out", str(tmp_path / "dataset"), "--plot", str(svg)])
    assert svg.read_text().lstrip().startswith("<?xml") and again.equals(df)
