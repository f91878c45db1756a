//! Test hooks (feature `test-hooks`, and the crate's own unit tests): fault
//! injection that proves failures surface as typed errors. Each hook is
//! thread-local, so tests running in parallel do not disturb one another.

use std::cell::Cell;

thread_local! {
    static FAIL_RNG: Cell<bool> = const { Cell::new(false) };
    static CORRUPT_KEYGEN: Cell<bool> = const { Cell::new(false) };
}

/// Makes every OS randomness request on this thread fail while `fail` is set.
pub fn set_rng_failure(fail: bool) {
    FAIL_RNG.with(|f| f.set(fail));
}

/// Corrupts every freshly generated secret key on this thread (one flipped
/// bit) before its pairwise consistency check, while `corrupt` is set.
pub fn set_keygen_corruption(corrupt: bool) {
    CORRUPT_KEYGEN.with(|f| f.set(corrupt));
}

pub(crate) fn rng_fails() -> bool {
    FAIL_RNG.with(Cell::get)
}

/// Flips the first bit of `secret_key` when keygen corruption is on.
pub(crate) fn maybe_corrupt(secret_key: &mut [u8]) {
    if CORRUPT_KEYGEN.with(Cell::get) {
        if let Some(b) = secret_key.first_mut() {
            *b ^= 1;
        }
    }
}
