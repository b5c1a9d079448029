//! Adaptive Dormand–Prince 5(4) integrator with dense output and event
//! location (Dormand & Prince 1980; step control and the continuous
//! extension after Hairer, Nørsett & Wanner, *Solving Ordinary Differential
//! Equations I*, 2nd ed., §II.4–II.6).
//!
//! The state is a fixed-size array `[f64; N]`, so a step allocates nothing.
//! Events are scalar functions `g(t, y)` whose zero crossings are located on
//! the 4th-order dense output to a time tolerance.

/// Errors of an integration.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IntegratorError {
    /// The step size fell below the smallest allowed step.
    #[error("step size underflow at t = {t} s (the problem is too stiff or singular)")]
    StepSizeUnderflow {
        /// Time reached, s.
        t: f64,
    },
    /// More steps than allowed were taken.
    #[error("more than {max_steps} steps taken by t = {t} s")]
    TooManySteps {
        /// Time reached, s.
        t: f64,
        /// The step limit.
        max_steps: usize,
    },
    /// The right-hand side returned a non-finite value.
    #[error("non-finite derivative at t = {t} s")]
    NonFinite {
        /// Time reached, s.
        t: f64,
    },
}

/// Settings of an integration.
#[derive(Clone, Copy, Debug)]
pub struct Settings<const N: usize> {
    /// Relative tolerance, dimensionless.
    pub rtol: f64,
    /// Absolute tolerance per component, in that component's unit.
    pub atol: [f64; N],
    /// First trial step, s.
    pub h_initial: f64,
    /// Largest step, s.
    pub h_max: f64,
    /// Smallest step before giving up, s.
    pub h_min: f64,
    /// Step limit.
    pub max_steps: usize,
}

impl<const N: usize> Settings<N> {
    /// Settings with the given relative tolerance and one absolute tolerance for
    /// every component, a first step of 1 s, no step cap beyond 1e9 s and a
    /// limit of one million steps.
    pub fn new(rtol: f64, atol: f64) -> Self {
        Self {
            rtol,
            atol: [atol; N],
            h_initial: 1.0,
            h_max: 1e9,
            h_min: 1e-10,
            max_steps: 1_000_000,
        }
    }
}

/// Which zero crossings of an event function count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From negative to positive.
    Rising,
    /// From positive to negative.
    Falling,
    /// Either way.
    Any,
}

/// An event function: a scalar of time (s) and state.
pub type EventFn<'a, const N: usize> = Box<dyn Fn(f64, &[f64; N]) -> f64 + 'a>;

/// An event: a scalar function of time (s) and state whose zero crossing
/// ends the integration (the first one in time wins).
pub struct Event<'a, const N: usize> {
    /// The event function.
    pub g: EventFn<'a, N>,
    /// Which crossings count.
    pub direction: Direction,
}

impl<'a, const N: usize> Event<'a, N> {
    /// An event from a function and a direction.
    pub fn new(g: impl Fn(f64, &[f64; N]) -> f64 + 'a, direction: Direction) -> Self {
        Self {
            g: Box::new(g),
            direction,
        }
    }
}

/// How an integration ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome<const N: usize> {
    /// Final time, s.
    pub t: f64,
    /// Final state.
    pub y: [f64; N],
    /// Index of the event that ended it, or `None` if `t_end` was reached.
    pub event: Option<usize>,
    /// Accepted steps taken.
    pub steps: usize,
    /// Right-hand-side evaluations made.
    pub evaluations: usize,
}

/// One accepted step's continuous extension.
#[derive(Clone, Debug)]
struct DenseStep<const N: usize> {
    t0: f64,
    h: f64,
    c: [[f64; N]; 5],
}

impl<const N: usize> DenseStep<N> {
    #[inline]
    fn eval(&self, t: f64) -> [f64; N] {
        let th = (t - self.t0) / self.h;
        let th1 = 1.0 - th;
        let mut y = [0.0; N];
        for (i, yi) in y.iter_mut().enumerate() {
            let c = &self.c;
            *yi = c[0][i] + th * (c[1][i] + th1 * (c[2][i] + th * (c[3][i] + th1 * c[4][i])));
        }
        y
    }
}

/// The dense solution of an integration: the state at any time in the
/// integrated interval to the integrator's 4th-order interpolation accuracy.
#[derive(Clone, Debug, Default)]
pub struct DenseSolution<const N: usize> {
    steps: Vec<DenseStep<N>>,
}

impl<const N: usize> DenseSolution<N> {
    /// An empty solution.
    pub fn new() -> Self {
        Self { steps: Vec::new() }
    }

    /// First and last time covered, s, if any step was recorded.
    pub fn span(&self) -> Option<(f64, f64)> {
        let first = self.steps.first()?;
        let last = self.steps.last()?;
        Some((first.t0, last.t0 + last.h))
    }

    /// State at time `t` (s), clamped to the covered interval; `None` if empty.
    pub fn sample(&self, t: f64) -> Option<[f64; N]> {
        let (a, b) = self.span()?;
        let t = t.clamp(a, b);
        let k = self.steps.partition_point(|s| s.t0 + s.h < t);
        let step = &self.steps[k.min(self.steps.len() - 1)];
        Some(step.eval(t))
    }

    /// The times (s) at which steps end, in order.
    pub fn step_times(&self) -> impl Iterator<Item = f64> + '_ {
        self.steps.iter().map(|s| s.t0 + s.h)
    }

    /// Append another solution that starts where this one ends.
    pub fn extend(&mut self, other: DenseSolution<N>) {
        self.steps.extend(other.steps);
    }
}

// Dormand–Prince 5(4) coefficients.
const C2: f64 = 1.0 / 5.0;
const C3: f64 = 3.0 / 10.0;
const C4: f64 = 4.0 / 5.0;
const C5: f64 = 8.0 / 9.0;
const A21: f64 = 1.0 / 5.0;
const A31: f64 = 3.0 / 40.0;
const A32: f64 = 9.0 / 40.0;
const A41: f64 = 44.0 / 45.0;
const A42: f64 = -56.0 / 15.0;
const A43: f64 = 32.0 / 9.0;
const A51: f64 = 19372.0 / 6561.0;
const A52: f64 = -25360.0 / 2187.0;
const A53: f64 = 64448.0 / 6561.0;
const A54: f64 = -212.0 / 729.0;
const A61: f64 = 9017.0 / 3168.0;
const A62: f64 = -355.0 / 33.0;
const A63: f64 = 46732.0 / 5247.0;
const A64: f64 = 49.0 / 176.0;
const A65: f64 = -5103.0 / 18656.0;
const A71: f64 = 35.0 / 384.0;
const A73: f64 = 500.0 / 1113.0;
const A74: f64 = 125.0 / 192.0;
const A75: f64 = -2187.0 / 6784.0;
const A76: f64 = 11.0 / 84.0;
const E1: f64 = 71.0 / 57600.0;
const E3: f64 = -71.0 / 16695.0;
const E4: f64 = 71.0 / 1920.0;
const E5: f64 = -17253.0 / 339200.0;
const E6: f64 = 22.0 / 525.0;
const E7: f64 = -1.0 / 40.0;
const D1: f64 = -12715105075.0 / 11282082432.0;
const D3: f64 = 87487479700.0 / 32700410799.0;
const D4: f64 = -10690763975.0 / 1880347072.0;
const D5: f64 = 701980252875.0 / 199316789632.0;
const D6: f64 = -1453857185.0 / 822651844.0;
const D7: f64 = 69997945.0 / 29380423.0;

#[inline]
fn lin<const N: usize>(y: &[f64; N], h: f64, terms: &[(f64, &[f64; N])]) -> [f64; N] {
    let mut out = *y;
    for (i, o) in out.iter_mut().enumerate() {
        let mut s = 0.0;
        for (a, k) in terms {
            s += a * k[i];
        }
        *o += h * s;
    }
    out
}

#[inline]
fn finite<const N: usize>(k: &[f64; N]) -> bool {
    k.iter().all(|v| v.is_finite())
}

/// Integrate `dy/dt = f(t, y)` from `(t0, y0)` toward `t_end` (forward in time),
/// stopping at the first located event. If `record` is given, every accepted
/// step's continuous extension is appended to it.
pub fn integrate<const N: usize>(
    f: &mut impl FnMut(f64, &[f64; N]) -> [f64; N],
    t0: f64,
    y0: [f64; N],
    t_end: f64,
    settings: &Settings<N>,
    events: &[Event<'_, N>],
    mut record: Option<&mut DenseSolution<N>>,
) -> Result<Outcome<N>, IntegratorError> {
    let mut t = t0;
    let mut y = y0;
    let mut k1 = f(t, &y);
    let mut evaluations = 1;
    if !finite(&k1) {
        return Err(IntegratorError::NonFinite { t });
    }
    let mut g_prev: Vec<f64> = events.iter().map(|e| (e.g)(t, &y)).collect();
    let mut h = settings.h_initial.min(settings.h_max).min(t_end - t);
    let mut steps = 0;
    if t_end <= t0 {
        return Ok(Outcome {
            t,
            y,
            event: None,
            steps,
            evaluations,
        });
    }
    loop {
        if steps >= settings.max_steps {
            return Err(IntegratorError::TooManySteps {
                t,
                max_steps: settings.max_steps,
            });
        }
        let last = t + h >= t_end;
        if last {
            h = t_end - t;
        }
        let k2 = f(t + C2 * h, &lin(&y, h, &[(A21, &k1)]));
        let k3 = f(t + C3 * h, &lin(&y, h, &[(A31, &k1), (A32, &k2)]));
        let k4 = f(
            t + C4 * h,
            &lin(&y, h, &[(A41, &k1), (A42, &k2), (A43, &k3)]),
        );
        let k5 = f(
            t + C5 * h,
            &lin(&y, h, &[(A51, &k1), (A52, &k2), (A53, &k3), (A54, &k4)]),
        );
        let k6 = f(
            t + h,
            &lin(
                &y,
                h,
                &[(A61, &k1), (A62, &k2), (A63, &k3), (A64, &k4), (A65, &k5)],
            ),
        );
        let y1 = lin(
            &y,
            h,
            &[(A71, &k1), (A73, &k3), (A74, &k4), (A75, &k5), (A76, &k6)],
        );
        let k7 = f(t + h, &y1);
        evaluations += 6;
        let ok = finite(&k2) && finite(&k3) && finite(&k4) && finite(&k5) && finite(&k6);
        let mut err = 0.0;
        if ok && finite(&k7) {
            for i in 0..N {
                let e = h
                    * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                let sc = settings.atol[i] + settings.rtol * y[i].abs().max(y1[i].abs());
                err += (e / sc) * (e / sc);
            }
            err = (err / N as f64).sqrt();
        } else {
            err = f64::INFINITY;
        }
        if err > 1.0 {
            // Reject and shrink.
            let fac = if err.is_finite() {
                (0.9 * err.powf(-0.2)).max(0.2)
            } else {
                0.1
            };
            h *= fac;
            if h < settings.h_min {
                return Err(if err.is_finite() {
                    IntegratorError::StepSizeUnderflow { t }
                } else {
                    IntegratorError::NonFinite { t }
                });
            }
            continue;
        }
        // Accepted: build the continuous extension.
        let mut c = [[0.0; N]; 5];
        for i in 0..N {
            let ydiff = y1[i] - y[i];
            let bspl = h * k1[i] - ydiff;
            c[0][i] = y[i];
            c[1][i] = ydiff;
            c[2][i] = bspl;
            c[3][i] = ydiff - h * k7[i] - bspl;
            c[4][i] =
                h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
        }
        let dense = DenseStep { t0: t, h, c };
        steps += 1;
        let t1 = t + h;
        // Events: earliest crossing within this step.
        let mut hit: Option<(usize, f64)> = None;
        for (j, ev) in events.iter().enumerate() {
            let ga = g_prev[j];
            let gb = (ev.g)(t1, &y1);
            let crosses = match ev.direction {
                Direction::Rising => ga < 0.0 && gb >= 0.0,
                Direction::Falling => ga > 0.0 && gb <= 0.0,
                Direction::Any => (ga < 0.0 && gb >= 0.0) || (ga > 0.0 && gb <= 0.0),
            };
            if crosses {
                let te = locate(|s| (ev.g)(s, &dense.eval(s)), t, ga, t1, gb);
                if hit.is_none_or(|(_, th)| te < th) {
                    hit = Some((j, te));
                }
            }
            g_prev[j] = gb;
        }
        if let Some((j, te)) = hit {
            let ye = dense.eval(te);
            if let Some(r) = record.as_deref_mut() {
                r.steps.push(DenseStep {
                    t0: t,
                    h: te - t,
                    c: rescale(&dense, te),
                });
            }
            return Ok(Outcome {
                t: te,
                y: ye,
                event: Some(j),
                steps,
                evaluations,
            });
        }
        if let Some(r) = record.as_deref_mut() {
            r.steps.push(dense);
        }
        t = t1;
        y = y1;
        k1 = k7;
        if last {
            return Ok(Outcome {
                t,
                y,
                event: None,
                steps,
                evaluations,
            });
        }
        let fac = (0.9 * err.max(1e-10).powf(-0.2)).clamp(0.2, 5.0);
        h = (h * fac).min(settings.h_max);
    }
}

/// Re-express a step's interpolant over the shorter interval `[t0, te]` by
/// sampling it; exact enough for the recorded solution, which is only read
/// back through `eval` within the shorter interval.
fn rescale<const N: usize>(d: &DenseStep<N>, te: f64) -> [[f64; N]; 5] {
    // The interpolant is a quartic in θ; refit it on θ' = (t - t0)/(te - t0)
    // through five points and convert to the same nested form.
    let h2 = te - d.t0;
    if h2 <= 0.0 {
        let mut c = [[0.0; N]; 5];
        c[0] = d.eval(d.t0);
        return c;
    }
    let y0 = d.eval(d.t0);
    let y1 = d.eval(te);
    let ya = d.eval(d.t0 + 0.25 * h2);
    let yb = d.eval(d.t0 + 0.5 * h2);
    let yc = d.eval(d.t0 + 0.75 * h2);
    let mut c = [[0.0; N]; 5];
    for i in 0..N {
        // Power-basis quartic p(θ) = a0 + a1 θ + a2 θ² + a3 θ³ + a4 θ⁴ through
        // θ = 0, 1/4, 1/2, 3/4, 1 (Lagrange, solved in closed form).
        let (p0, pa, pb, pc, p1) = (y0[i], ya[i], yb[i], yc[i], y1[i]);
        let a1 = (-25.0 * p0 + 48.0 * pa - 36.0 * pb + 16.0 * pc - 3.0 * p1) / 3.0;
        let a2 = (70.0 * p0 - 208.0 * pa + 228.0 * pb - 112.0 * pc + 22.0 * p1) / 3.0;
        let a3 = (-80.0 * p0 + 288.0 * pa - 384.0 * pb + 224.0 * pc - 48.0 * p1) / 3.0;
        let a4 = (32.0 * p0 - 128.0 * pa + 192.0 * pb - 128.0 * pc + 32.0 * p1) / 3.0;
        // Nested form: y = c0 + θ(c1 + (1-θ)(c2 + θ(c3 + (1-θ)c4))).
        let c4 = a4;
        let c3 = -a3 - 2.0 * c4;
        // Match: y = c0 + c1 θ + c2 θ(1-θ) + c3 θ²(1-θ) + c4 θ²(1-θ)².
        //   θ⁴: c4 = a4
        //   θ³: -c3 - 2c4 = a3
        //   θ²: -c2 + c3 + c4 = a2
        //   θ¹: c1 + c2 = a1
        let c2 = c3 + c4 - a2;
        let c1 = a1 - c2;
        c[0][i] = p0;
        c[1][i] = c1;
        c[2][i] = c2;
        c[3][i] = c3;
        c[4][i] = c4;
    }
    c
}

/// Find the zero of `g` in `[a, b]` (with `g(a) = ga`, `g(b) = gb` of opposite
/// signs or `gb = 0`) by the Illinois variant of regula falsi, to 1e-9 s.
fn locate(g: impl Fn(f64) -> f64, mut a: f64, mut ga: f64, mut b: f64, mut gb: f64) -> f64 {
    if gb == 0.0 {
        return b;
    }
    let mut side = 0i8;
    for _ in 0..100 {
        if (b - a).abs() < 1e-9 {
            break;
        }
        let c = (a * gb - b * ga) / (gb - ga);
        let gc = g(c);
        if gc == 0.0 {
            return c;
        }
        if (gc > 0.0) == (gb > 0.0) {
            b = c;
            gb = gc;
            if side == -1 {
                ga *= 0.5;
            }
            side = -1;
        } else {
            a = c;
            ga = gc;
            if side == 1 {
                gb *= 0.5;
            }
            side = 1;
        }
    }
    // Return the end on the "after" side so the event has happened.
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_decay_is_accurate() {
        let mut f = |_t: f64, y: &[f64; 1]| [-y[0]];
        let s = Settings::new(1e-10, 1e-12);
        let out = integrate(&mut f, 0.0, [1.0], 5.0, &s, &[], None).unwrap();
        assert!((out.y[0] - (-5.0f64).exp()).abs() < 1e-9);
        assert_eq!(out.t, 5.0);
    }

    #[test]
    fn harmonic_oscillator_event_and_dense_output() {
        // y'' = -y, y(0) = 0, y'(0) = 1: first falling zero of y at t = π.
        let mut f = |_t: f64, y: &[f64; 2]| [y[1], -y[0]];
        let s = Settings::new(1e-10, 1e-12);
        let ev = [Event::new(|_t, y: &[f64; 2]| y[0], Direction::Falling)];
        let mut sol = DenseSolution::new();
        let out = integrate(&mut f, 0.0, [0.0, 1.0], 10.0, &s, &ev, Some(&mut sol)).unwrap();
        assert_eq!(out.event, Some(0));
        assert!((out.t - std::f64::consts::PI).abs() < 1e-8, "{}", out.t);
        for k in 0..=30 {
            let t = k as f64 * 0.1;
            let y = sol.sample(t).unwrap();
            assert!((y[0] - t.sin()).abs() < 1e-7, "t={t}: {}", y[0]);
        }
        // The truncated last step still interpolates correctly up to the event.
        let y = sol.sample(out.t - 1e-3).unwrap();
        assert!((y[0] - (out.t - 1e-3).sin()).abs() < 1e-7);
    }

    #[test]
    fn non_finite_rhs_is_an_error() {
        let mut f = |t: f64, _y: &[f64; 1]| [if t > 0.5 { f64::NAN } else { 1.0 }];
        let s = Settings::new(1e-8, 1e-8);
        assert!(integrate(&mut f, 0.0, [0.0], 2.0, &s, &[], None).is_err());
    }
}
