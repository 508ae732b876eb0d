//! The lock that serialises paying runs. (Being written.)
