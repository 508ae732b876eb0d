//! In-process benchmarks (criterion). Being written.
fn main() {}
