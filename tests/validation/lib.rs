//! Validation tests of cupola live in this package's test targets; each
//! reproduces a published or closed-form number, named in a comment, and is
//! listed in `docs/validation.md`.
