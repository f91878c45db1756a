//! The HPKE key schedule and encryption contexts (draft-ietf-hpke-hpke
//! sections 5.1-5.3; the auth modes of RFC 9180 section 5.1.3-5.1.4): the
//! sender's context seals, the recipient's opens, both export. Each keeps its
//! sequence number; the nonce is `base_nonce XOR I2OSP(seq, Nn)`, and a
//! sequence number that would overflow is refused
//! ([`Error::MessageLimitReached`]).

use zeroize::Zeroizing;

use super::aead::Aead;
use super::kdf::{length_prefixed, Kdf};
use super::Suite;
use crate::error::{Error, Result};

/// An HPKE mode (the one-byte identifiers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// mode_base (0x00).
    Base,
    /// mode_psk (0x01).
    Psk,
    /// mode_auth (0x02, RFC 9180; DHKEMs only).
    Auth,
    /// mode_auth_psk (0x03, RFC 9180; DHKEMs only).
    AuthPsk,
}

impl Mode {
    /// The one-byte identifier.
    pub const fn id(self) -> u8 {
        match self {
            Mode::Base => 0,
            Mode::Psk => 1,
            Mode::Auth => 2,
            Mode::AuthPsk => 3,
        }
    }
}

/// A pre-shared key and its identifier (the psk modes). RFC 9180 section
/// 5.1.2: both non-empty, and the PSK at least 32 bytes.
#[derive(Clone, Copy)]
pub struct Psk<'a> {
    /// The pre-shared key (secret).
    pub psk: &'a [u8],
    /// Its identifier (public).
    pub psk_id: &'a [u8],
}

impl core::fmt::Debug for Psk<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Psk(REDACTED, id {} bytes)", self.psk_id.len())
    }
}

/// VerifyPSKInputs, plus the 32-byte minimum of RFC 9180 section 5.1.2
/// (a PSK "MUST have at least 32 bytes of entropy").
fn verify_psk_inputs(mode: Mode, psk: &[u8], psk_id: &[u8]) -> Result<()> {
    let got_psk = !psk.is_empty();
    let got_psk_id = !psk_id.is_empty();
    if got_psk != got_psk_id {
        return Err(Error::InvalidParameter {
            reason: "inconsistent PSK inputs: psk and psk_id must both be given, or neither",
        });
    }
    let psk_mode = matches!(mode, Mode::Psk | Mode::AuthPsk);
    if got_psk && !psk_mode {
        return Err(Error::InvalidParameter {
            reason: "PSK input provided when not needed",
        });
    }
    if !got_psk && psk_mode {
        return Err(Error::InvalidParameter {
            reason: "missing required PSK input",
        });
    }
    if got_psk && psk.len() < 32 {
        return Err(Error::InvalidParameter {
            reason: "the PSK must be at least 32 bytes long (RFC 9180 section 5.1.2)",
        });
    }
    Ok(())
}

/// The secrets of a context.
#[derive(Clone)]
struct Secrets {
    suite: Suite,
    key: Zeroizing<Vec<u8>>,
    base_nonce: Zeroizing<Vec<u8>>,
    exporter_secret: Zeroizing<Vec<u8>>,
    seq: u64,
}

/// KeySchedule: the key, base nonce and exporter secret of a context.
fn key_schedule(
    suite: Suite,
    mode: Mode,
    shared_secret: &[u8],
    info: &[u8],
    psk: &[u8],
    psk_id: &[u8],
) -> Result<Secrets> {
    verify_psk_inputs(mode, psk, psk_id)?;
    let sid = suite.suite_id();
    let kdf = suite.kdf;
    let (nk, nn, nh) = (suite.aead.nk(), suite.aead.nn(), kdf.nh());
    let (key, base_nonce, exporter_secret) = if kdf.is_one_stage() {
        // Sized up front: a growing Vec would free copies of the secrets
        // unwiped.
        let mut secrets = Zeroizing::new(Vec::with_capacity(4 + psk.len() + shared_secret.len()));
        length_prefixed(&mut secrets, "HPKE psk", psk)?;
        length_prefixed(&mut secrets, "HPKE shared secret", shared_secret)?;
        let mut context = vec![mode.id()];
        length_prefixed(&mut context, "HPKE psk_id", psk_id)?;
        length_prefixed(&mut context, "HPKE info", info)?;
        let secret = kdf.labeled_derive(&sid, &secrets, b"secret", &context, nk + nn + nh)?;
        let (k, rest) = secret.split_at(nk);
        let (n, e) = rest.split_at(nn);
        (
            Zeroizing::new(k.to_vec()),
            Zeroizing::new(n.to_vec()),
            Zeroizing::new(e.to_vec()),
        )
    } else {
        let psk_id_hash = kdf.labeled_extract(&sid, b"", b"psk_id_hash", psk_id)?;
        let info_hash = kdf.labeled_extract(&sid, b"", b"info_hash", info)?;
        let mut ctx = vec![mode.id()];
        ctx.extend_from_slice(&psk_id_hash);
        ctx.extend_from_slice(&info_hash);
        let secret = kdf.labeled_extract(&sid, shared_secret, b"secret", psk)?;
        (
            kdf.labeled_expand(&sid, &secret, b"key", &ctx, nk)?,
            kdf.labeled_expand(&sid, &secret, b"base_nonce", &ctx, nn)?,
            kdf.labeled_expand(&sid, &secret, b"exp", &ctx, nh)?,
        )
    };
    Ok(Secrets {
        suite,
        key,
        base_nonce,
        exporter_secret,
        seq: 0,
    })
}

pub(crate) fn schedule_sender(
    suite: Suite,
    mode: Mode,
    shared_secret: &[u8],
    info: &[u8],
    psk: &[u8],
    psk_id: &[u8],
) -> Result<SenderContext> {
    key_schedule(suite, mode, shared_secret, info, psk, psk_id).map(|s| SenderContext { s })
}

pub(crate) fn schedule_recipient(
    suite: Suite,
    mode: Mode,
    shared_secret: &[u8],
    info: &[u8],
    psk: &[u8],
    psk_id: &[u8],
) -> Result<RecipientContext> {
    key_schedule(suite, mode, shared_secret, info, psk, psk_id).map(|s| RecipientContext { s })
}

impl Secrets {
    /// ComputeNonce(seq), refusing the last sequence number (whose
    /// increment would overflow).
    fn nonce(&self) -> Result<Zeroizing<Vec<u8>>> {
        if self.suite.aead == Aead::ExportOnly {
            return Err(Error::InvalidParameter {
                reason: "the export-only AEAD cannot seal or open",
            });
        }
        if self.seq == u64::MAX {
            return Err(Error::MessageLimitReached);
        }
        let mut nonce = self.base_nonce.clone();
        let seq = self.seq.to_be_bytes();
        let off = nonce.len().saturating_sub(seq.len());
        for (n, s) in nonce.iter_mut().skip(off).zip(seq) {
            *n ^= s;
        }
        Ok(nonce)
    }

    fn export(&self, exporter_context: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>> {
        let sid = self.suite.suite_id();
        let kdf: Kdf = self.suite.kdf;
        if kdf.is_one_stage() {
            kdf.labeled_derive(&sid, &self.exporter_secret, b"sec", exporter_context, len)
        } else {
            kdf.labeled_expand(&sid, &self.exporter_secret, b"sec", exporter_context, len)
        }
    }
}

/// The sender's context (ContextS): seals messages in order, exports secrets.
pub struct SenderContext {
    s: Secrets,
}

impl SenderContext {
    /// Seal(aad, pt): encrypts the next message.
    pub fn seal(&mut self, aad: &[u8], pt: &[u8]) -> Result<Vec<u8>> {
        let nonce = self.s.nonce()?;
        let ct = self.s.suite.aead.seal(&self.s.key, &nonce, aad, pt)?;
        self.s.seq += 1;
        Ok(ct)
    }

    /// Export(exporter_context, L): a secret of `len` bytes.
    pub fn export(&self, exporter_context: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>> {
        self.s.export(exporter_context, len)
    }

    /// The sequence number of the next message.
    pub fn sequence_number(&self) -> u64 {
        self.s.seq
    }

    /// Test hook: sets the sequence number (to test the overflow check).
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn set_sequence_number(&mut self, seq: u64) {
        self.s.seq = seq;
    }
}

/// The recipient's context (ContextR): opens messages in order, exports
/// secrets. A failed open does not advance the sequence number.
pub struct RecipientContext {
    s: Secrets,
}

impl RecipientContext {
    /// Open(aad, ct): decrypts the next message ([`Error::InvalidTag`] if it
    /// does not authenticate).
    pub fn open(&mut self, aad: &[u8], ct: &[u8]) -> Result<Vec<u8>> {
        let nonce = self.s.nonce()?;
        let pt = self.s.suite.aead.open(&self.s.key, &nonce, aad, ct)?;
        self.s.seq += 1;
        Ok(pt)
    }

    /// Export(exporter_context, L): a secret of `len` bytes.
    pub fn export(&self, exporter_context: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>> {
        self.s.export(exporter_context, len)
    }

    /// The sequence number of the next message.
    pub fn sequence_number(&self) -> u64 {
        self.s.seq
    }

    /// Test hook: sets the sequence number (to test the overflow check).
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn set_sequence_number(&mut self, seq: u64) {
        self.s.seq = seq;
    }
}

impl core::fmt::Debug for SenderContext {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "SenderContext({:?}, seq {}, REDACTED)",
            self.s.suite, self.s.seq
        )
    }
}
impl core::fmt::Debug for RecipientContext {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "RecipientContext({:?}, seq {}, REDACTED)",
            self.s.suite, self.s.seq
        )
    }
}

/// Test hook: the key, base nonce and exporter secret of a context, to hold
/// them against known answers.
#[cfg(any(test, feature = "test-hooks"))]
impl RecipientContext {
    #[doc(hidden)]
    pub fn secrets_for_test(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        (
            self.s.key.to_vec(),
            self.s.base_nonce.to_vec(),
            self.s.exporter_secret.to_vec(),
        )
    }
}
