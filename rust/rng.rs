//! All randomness comes from the operating system through this module and
//! enters the C layer as explicit seed and coin arguments.

use crate::error::{Error, Result};
use crate::secret::{ByteArray, Secret};

/// Fills a new secret with OS randomness.
pub(crate) fn random_secret<A: ByteArray>() -> Result<Secret<A>> {
    let mut s = Secret::<A>::zero();
    fill(s.expose_mut().as_mut())?;
    Ok(s)
}

/// Fills `buf` with OS randomness. A test hook can make it fail, to prove that
/// a randomness failure surfaces as [`Error::Randomness`].
pub(crate) fn fill(buf: &mut [u8]) -> Result<()> {
    #[cfg(any(test, feature = "test-hooks"))]
    if hooks::FAIL_RNG.with(|f| f.get()) {
        zeroize::Zeroize::zeroize(buf);
        return Err(Error::Randomness);
    }
    getrandom::fill(buf).map_err(|_| {
        zeroize::Zeroize::zeroize(buf);
        Error::Randomness
    })
}

/// Test hooks (only with the `test-hooks` feature).
#[cfg(any(test, feature = "test-hooks"))]
pub mod hooks {
    use std::cell::Cell;

    thread_local! {
        pub(crate) static FAIL_RNG: Cell<bool> = const { Cell::new(false) };
    }

    /// Makes every OS randomness request on this thread fail while `fail` is set.
    pub fn set_rng_failure(fail: bool) {
        FAIL_RNG.with(|f| f.set(fail));
    }
}
