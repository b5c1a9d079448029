"""Ray works here: a local instance on loopback, a task that imports cupola
and reads a scenario sent to it (pickled), shut down at the end."""

import cupola


def test_a_ray_task_reads_a_scenario_sent_to_it(ray_local):
    ray = ray_local

    @ray.remote
    def source_and_hash(s):
        return s.source, s.hash

    s = cupola.Scenario.default().with_overrides({"sbi.budget.decision_s": 45.0})
    got = ray.get([source_and_hash.remote(s) for _ in range(4)])
    assert got == [(s.source, s.hash)] * 4
