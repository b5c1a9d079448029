use cupola_analysis::sizing::study::BoostTimeline;
use cupola_analysis::trajectory::TrajectoryStudy;
use cupola_defense::budget::Deadline;
use cupola_defense::reach::ReachTable;
use std::time::Instant;
fn main() {
    let s = cupola_scenario::load(std::path::Path::new("scenarios/sbi.toml")).unwrap();
    let l = &s.launches[0];
    let st = TrajectoryStudy { name: l.name.clone(), missile: l.missile.clone(), site: l.site, aim: l.aim, profile: l.profile, launch_time_s: 0.0, options: s.flight, sample_step_s: 10.0 };
    let tr = st.solve().unwrap().trajectory;
    let mut layer = s.sbi.clone().unwrap();
    let res: f64 = std::env::args().nth(1).unwrap().parse().unwrap();
    for d in [Deadline::BoostEnd, Deadline::DescendsBelow { altitude_m: 100e3 }] {
        layer.deadline = d;
        let tl = BoostTimeline::new(&layer, 30.0, &tr).unwrap();
        let t0 = Instant::now();
        let table = tl.table(&layer, 45f64.to_radians(), res.to_radians()).unwrap();
        let dt = t0.elapsed().as_secs_f64();
        let g = *table.geometry();
        let sz = ReachTable::size(&tl.track, &layer.carrier.interceptor, &g);
        println!("{d:?}: cells {} steps {} work {:.3e} time {dt:.3} s -> {:.2} ns/unit (wall, {} threads)", sz.cells, sz.scan_steps, (sz.cells*sz.scan_steps) as f64, dt*1e9/(sz.cells*sz.scan_steps) as f64, rayon::current_num_threads());
    }
}
