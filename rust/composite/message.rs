//! The message representative M' of Composite ML-DSA (draft sections
//! "Prefix, Label, and CTX" and "Sign"):
//!
//! ```text
//! M' := Prefix || Label || len(ctx) || ctx || PH(M)
//! ```
//!
//! Both components sign M'; the ML-DSA component additionally takes the
//! Label as its FIPS 204 context.

use crate::error::{Error, Result};
use crate::prehash::{PreHash, PreHasher};

/// The fixed prefix: the ASCII string "CompositeAlgorithmSignatures2025".
pub const PREFIX: &[u8; 32] = b"CompositeAlgorithmSignatures2025";

/// The longest application context (the length is one byte of M').
pub const MAX_CONTEXT_LEN: usize = 255;

/// Checks the application context length (draft Sign/Verify step 1).
pub(crate) fn check_context(ctx: &[u8]) -> Result<u8> {
    u8::try_from(ctx.len()).map_err(|_| Error::ContextTooLong { actual: ctx.len() })
}

/// M' for a composite whose signature label is `label`, an application
/// context `ctx` (at most 255 bytes) and the pre-hash `digest` = PH(M).
pub fn message_representative(label: &[u8], ctx: &[u8], digest: &[u8]) -> Result<Vec<u8>> {
    let ctx_len = check_context(ctx)?;
    let mut m = Vec::with_capacity(PREFIX.len() + label.len() + 1 + ctx.len() + digest.len());
    m.extend_from_slice(PREFIX);
    m.extend_from_slice(label);
    m.push(ctx_len);
    m.extend_from_slice(ctx);
    m.extend_from_slice(digest);
    Ok(m)
}

/// A streaming PH(M): feed a large message in pieces, then sign or verify
/// its digest with the `*_prehashed` methods (draft "External Pre-hashing").
pub struct MessageHasher {
    inner: PreHasher,
}

impl MessageHasher {
    pub(crate) fn new(ph: PreHash) -> Self {
        MessageHasher { inner: ph.hasher() }
    }

    /// Absorbs more of the message.
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// PH(M).
    pub fn finalize(self) -> Vec<u8> {
        self.inner.finalize()
    }
}
