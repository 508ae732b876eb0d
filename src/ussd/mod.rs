//! Decoding and parsing of USSD/SMS replies: pure, table-tested.
//! (Being written.)
