//! HPKE (placeholder)
