//! A branch-free `sin_cos` for the propagation kernels.
//!
//! Cody–Waite reduction by π/2 (three-part constant) and the minimax
//! polynomials of FreeBSD's `k_sin.c` / `k_cos.c` (fdlibm, Sun Microsystems
//! 1993) on [−π/4, π/4]; the quadrant is selected with integer bit operations,
//! so the function has no branches and no library calls. That lets the
//! compiler vectorise the batch loops that call it, and because it uses only
//! IEEE-754 `+ − ×` (Rust never contracts them into FMAs) its results are
//! bit-identical on every platform, which the platform `libm` does not promise.
//!
//! Accuracy: within 2 ulp of the true value for |x| < 2²⁰·π/2 ≈ 1.6e6 rad
//! (a LEO argument of latitude reaches that after ≈ 46 years); beyond, the
//! reduction loses about one bit per doubling of |x|. Non-finite input gives NaN.

// The constants are written with fdlibm's published digits.
#![allow(clippy::excessive_precision)]

/// 1.5·2⁵², added and subtracted to round to the nearest integer without a
/// library call (valid for |y| < 2⁵¹).
const ROUND_MAGIC: f64 = 6_755_399_441_055_744.0;
/// First 33 bits of π/2 (fdlibm `pio2_1`).
const PIO2_1: f64 = 1.570_796_326_734_125_614_17e0;
/// Next 33 bits of π/2 (fdlibm `pio2_2`).
const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
/// π/2 − PIO2_1 − PIO2_2 (fdlibm `pio2_2t`).
const PIO2_2T: f64 = 2.022_266_248_795_950_631_54e-21;

const S1: f64 = -1.666_666_666_666_663_243_48e-01;
const S2: f64 = 8.333_333_333_322_489_461_24e-03;
const S3: f64 = -1.984_126_982_985_794_931_34e-04;
const S4: f64 = 2.755_731_370_707_006_767_89e-06;
const S5: f64 = -2.505_076_025_340_686_341_95e-08;
const S6: f64 = 1.589_690_995_211_550_102_21e-10;

const C1: f64 = 4.166_666_666_666_660_190_37e-02;
const C2: f64 = -1.388_888_888_887_410_957_49e-03;
const C3: f64 = 2.480_158_728_947_672_941_78e-05;
const C4: f64 = -2.755_731_435_139_066_330_35e-07;
const C5: f64 = 2.087_572_321_298_174_827_90e-09;
const C6: f64 = -1.135_964_755_778_819_482_65e-11;

/// `(sin x, cos x)` for `x` in rad; see the module notes for accuracy.
#[inline(always)]
pub(crate) fn sin_cos(x: f64) -> (f64, f64) {
    let shifted = x * std::f64::consts::FRAC_2_PI + ROUND_MAGIC;
    let k = shifted - ROUND_MAGIC;
    // The low bits of `shifted` hold k mod 4 (two's complement on the mantissa).
    let q = shifted.to_bits() & 3;
    let r = ((x - k * PIO2_1) - k * PIO2_2) - k * PIO2_2T;

    let z = r * r;
    let w = z * z;
    let rs = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let s = r + z * r * (S1 + z * rs);
    let rc = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let one_minus = 1.0 - hz;
    let c = one_minus + (((1.0 - one_minus) - hz) + z * rc);

    // Quadrant q: (sin, cos) = (s, c), (c, −s), (−s, −c), (−c, s).
    let swap = 0u64.wrapping_sub(q & 1);
    let sb = s.to_bits();
    let cb = c.to_bits();
    let sin_bits = (sb & !swap) | (cb & swap);
    let cos_bits = (cb & !swap) | (sb & swap);
    let sin_sign = (q & 2) << 62;
    let cos_sign = ((q + 1) & 2) << 62;
    (
        f64::from_bits(sin_bits ^ sin_sign),
        f64::from_bits(cos_bits ^ cos_sign),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(x: f64, tol: f64) {
        let (s, c) = sin_cos(x);
        let (rs, rc) = x.sin_cos();
        assert!((s - rs).abs() <= tol, "sin({x}) = {s}, std {rs}");
        assert!((c - rc).abs() <= tol, "cos({x}) = {c}, std {rc}");
    }

    #[test]
    fn matches_std_over_the_propagation_range() {
        // Dense sweep of the first turns, then a geometric sweep out to 1e6 rad
        // (both signs). Tolerance: 2 ulp of 1 plus the std reference's own error.
        let mut x = -10.0;
        while x < 10.0 {
            check(x, 4.5e-16);
            x += 1.0e-3;
        }
        let mut x: f64 = 1.0e-300;
        while x < 1.0e6 {
            check(x, 4.5e-16);
            check(-x, 4.5e-16);
            x *= 1.001;
        }
    }

    #[test]
    fn exact_at_small_angles_and_quadrant_points() {
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        let (s, c) = sin_cos(1e-20);
        assert_eq!((s, c), (1e-20, 1.0));
        for k in -8..=8 {
            check(f64::from(k) * std::f64::consts::FRAC_PI_2, 4.5e-16);
            check(f64::from(k) * std::f64::consts::FRAC_PI_4, 4.5e-16);
        }
    }

    #[test]
    fn non_finite_gives_nan() {
        assert!(sin_cos(f64::NAN).0.is_nan());
        assert!(sin_cos(f64::INFINITY).1.is_nan());
    }
}
