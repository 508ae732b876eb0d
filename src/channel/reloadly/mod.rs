//! Reloadly Airtime API channel. (Being written.)
