"""Fixtures of cupola's Python tests: the checkout, the command line built
by `cargo test --release` (or `cargo build --release -p cupola-cli`), and a
local Ray instance on loopback."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root():
    """The checkout's root."""
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """A function running the built command line (`CUPOLA_CLI`, default
    target/release/cupola) with arguments, returning the finished process."""
    binary = Path(os.environ.get("CUPOLA_CLI", ROOT / "target" / "release" / "cupola"))
    if not binary.is_file():
        message = f"the command line is not built ({binary}): cargo build --release"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def run(*args, check=True):
        env = dict(os.environ, NO_COLOR="1")
        done = subprocess.run(
            [str(binary), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=600,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"cupola {' '.join(map(str, args))} failed:\n{done.stderr}")
        return done

    return run


# Settings for a quick, quiet Ray instance in a sandbox without internet:
# no usage statistics sent, no dashboard, the node on loopback, two CPUs.
RAY_OPTIONS = dict(
    num_cpus=2,
    include_dashboard=False,
    _node_ip_address="127.0.0.1",
    log_to_driver=False,
    configure_logging=False,
)


@pytest.fixture(scope="session")
def ray_local():
    """A local Ray instance on loopback for the session, shut down after it."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    import ray

    ray.init(**RAY_OPTIONS)
    yield ray
    ray.shutdown()
