use super::*;
use crate::constants::WGS84_A;
use crate::frames::eci_to_ecef_position;

/// A mix of circular and elliptic orbits in interleaved runs, long enough to
/// span several parallel chunks with run boundaries inside chunks.
fn mixed(n: usize) -> Vec<Elements> {
    (0..n)
        .map(|k| {
            let f = k as f64;
            let inc = (f * 0.37).rem_euclid(std::f64::consts::PI);
            if (k / 7) % 3 == 2 {
                let e = 0.001 + 0.6 * (f * 0.013).sin().abs();
                let a = (WGS84_A + 600e3 + 10.0 * f) / (1.0 - e);
                Elements::new(a, e, inc, f * 0.1, f * 0.2, f * 0.3).unwrap()
            } else {
                Elements::circular(400e3 + 100.0 * f, inc, f * 0.05, f * 0.7).unwrap()
            }
        })
        .collect()
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

#[test]
fn batch_matches_per_satellite_propagation_bitwise() {
    let els = mixed(300);
    let batch = J2Batch::new(&els).unwrap();
    assert_eq!(batch.len(), 300);
    assert_eq!(
        batch.circular_count() + batch.near_circular_count() + batch.elliptic_count(),
        300
    );
    assert!(batch.near_circular_count() > 5 && batch.elliptic_count() > 50);
    let mut buf = StateBuffer::default();
    for &t in &[0.0, 1.0, 5_432.1, 86_400.0, 1.0e6, -3_000.0] {
        batch.propagate_into(t, &mut buf);
        for (k, el) in els.iter().enumerate() {
            let one = el.propagate_j2(t);
            let got = buf.state(k).unwrap();
            for (a, b) in [
                (one.position.x, got.position.x),
                (one.position.y, got.position.y),
                (one.position.z, got.position.z),
                (one.velocity.x, got.velocity.x),
                (one.velocity.y, got.velocity.y),
                (one.velocity.z, got.velocity.z),
            ] {
                assert_eq!(a.to_bits(), b.to_bits(), "sat {k} t {t}");
            }
            assert_eq!(batch.state_of(k, t), Some(one));
        }
    }
    assert_eq!(batch.state_of(300, 0.0), None);
}

#[test]
fn parallel_is_bitwise_serial_for_any_thread_count() {
    let els = mixed(3 * PAR_CHUNK + 77);
    let batch = J2Batch::new(&els).unwrap();
    let mut serial = StateBuffer::default();
    batch.propagate_into(12_345.6, &mut serial);
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut par = StateBuffer::with_len(5);
        pool.install(|| batch.par_propagate_into(12_345.6, &mut par));
        assert_eq!(serial.len(), par.len());
        for (a, b) in [
            (&serial.x, &par.x),
            (&serial.y, &par.y),
            (&serial.z, &par.z),
            (&serial.vx, &par.vx),
            (&serial.vy, &par.vy),
            (&serial.vz, &par.vz),
        ] {
            assert!(same_bits(a, b), "{threads} threads");
        }
        let mut pos = PositionBuffer::default();
        pool.install(|| batch.par_propagate_positions_into(12_345.6, &mut pos));
        assert!(same_bits(&pos.x, &serial.x) && same_bits(&pos.z, &serial.z));
    }
}

#[test]
fn positions_only_and_ecef_variants_agree() {
    let els = mixed(200);
    let batch = J2Batch::new(&els).unwrap();
    let t = 7_777.0;
    let mut st = StateBuffer::default();
    let mut pos = PositionBuffer::default();
    batch.propagate_into(t, &mut st);
    batch.propagate_positions_into(t, &mut pos);
    assert!(same_bits(&pos.x, &st.x) && same_bits(&pos.y, &st.y) && same_bits(&pos.z, &st.z));
    let mut ecef = PositionBuffer::default();
    let mut ecef_par = PositionBuffer::default();
    batch.propagate_ecef_positions_into(t, &mut ecef);
    batch.par_propagate_ecef_positions_into(t, &mut ecef_par);
    assert_eq!(ecef, ecef_par);
    for k in 0..els.len() {
        let want = eci_to_ecef_position(st.position(k).unwrap(), t);
        let got = ecef.position(k).unwrap();
        assert!((want - got).norm() < 1e-6, "sat {k}");
        assert_eq!(batch.ecef_position_of(k, t), Some(got));
    }
}

#[test]
fn invalid_satellite_is_reported_by_index() {
    let mut els = mixed(10);
    els[6].eccentricity = 1.5;
    let err = J2Batch::new(&els).unwrap_err();
    assert_eq!(err.index, 6);
    assert_eq!(err.source.field(), "eccentricity");
    assert!(err.to_string().starts_with("satellite 6:"));
}

#[test]
fn empty_batch_is_fine() {
    let batch = J2Batch::new(&[]).unwrap();
    assert!(batch.is_empty());
    let mut buf = StateBuffer::with_len(3);
    batch.propagate_into(10.0, &mut buf);
    batch.par_propagate_into(10.0, &mut buf);
    assert!(buf.is_empty());
}

/// The memory target: 100,000 satellites' states at one epoch in
/// under 50 MB. The SoA buffer is 6 f64 per satellite = 4.8 MB.
#[test]
fn state_buffer_of_100k_satellites_is_4_8_mb() {
    let buf = StateBuffer::with_len(100_000);
    assert_eq!(buf.size_bytes(), 4_800_000);
    assert!(buf.size_bytes() < 50_000_000);
    assert_eq!(PositionBuffer::with_len(100_000).size_bytes(), 2_400_000);
}
