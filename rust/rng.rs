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
    if crate::hooks::rng_fails() {
        zeroize::Zeroize::zeroize(buf);
        return Err(Error::Randomness);
    }
    getrandom::fill(buf).map_err(|_| {
        zeroize::Zeroize::zeroize(buf);
        Error::Randomness
    })
}
