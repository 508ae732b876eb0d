//! Auto-renewal decisions: a pure function, no I/O. (Being written.)
