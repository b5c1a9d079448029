//! Benchmarks of cupola live in this package's bench targets; their figures
//! are recorded in `docs/performance.md`.
