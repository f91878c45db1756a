//! HPKE, Hybrid Public Key Encryption (draft-ietf-hpke-hpke, the revision of
//! RFC 9180) with the post-quantum KEMs and the SHA-3 KDFs of
//! draft-ietf-hpke-pq, and the auth / auth_psk modes of RFC 9180 for the
//! DHKEMs.
//!
//! - KEMs ([`Kem`]): DHKEM(P-256/P-384/P-521/X25519/X448), ML-KEM-512/768/1024,
//!   MLKEM768-P256, MLKEM1024-P384, MLKEM768-X25519 (X-Wing).
//! - KDFs ([`Kdf`]): HKDF-SHA256/384/512, SHAKE128/256, TurboSHAKE128/256.
//! - AEADs ([`Aead`]): AES-128-GCM, AES-256-GCM, ChaCha20Poly1305, export-only.
//! - Modes ([`Mode`]): base and psk for every KEM; auth and auth_psk for the
//!   DHKEMs.
//!
//! [`Suite::encrypt`] / [`Suite::decrypt`] mirror pyca/cryptography's
//! `hpke.Suite(kem, kdf, aead).encrypt(plaintext, public_key, info)` (output
//! `enc || ct`, empty aad); [`Suite::seal`] / [`Suite::open`] are RFC 9180's
//! single-shot API with every mode; [`Suite::setup_sender`] /
//! [`Suite::setup_recipient`] give contexts for many messages and the
//! exporter.
//!
//! ```
//! use pqfence::hpke::{Aead, Kdf, Kem, PrivateKey, Suite};
//!
//! let suite = Suite::new(Kem::MlKem768X25519, Kdf::HkdfSha256, Aead::Aes128Gcm);
//! let sk = PrivateKey::generate(Kem::MlKem768X25519)?;
//! let sealed = suite.encrypt(b"hello", sk.public_key(), b"app info")?;
//! assert_eq!(suite.decrypt(&sealed, &sk, b"app info")?, b"hello");
//!
//! // Many messages, and the exporter.
//! let (enc, mut sender) = suite.setup_sender(sk.public_key(), b"info", None, None)?;
//! let mut recipient = suite.setup_recipient(&enc, &sk, b"info", None, None)?;
//! for msg in [&b"one"[..], b"two"] {
//!     let ct = sender.seal(b"aad", msg)?;
//!     assert_eq!(recipient.open(b"aad", &ct)?, msg);
//! }
//! assert_eq!(*sender.export(b"ctx", 32)?, *recipient.export(b"ctx", 32)?);
//! # Ok::<(), pqfence::Error>(())
//! ```

mod aead;
mod context;
mod kdf;
mod kem;

use zeroize::Zeroizing;

pub use aead::Aead;
pub use context::{Mode, Psk, RecipientContext, SenderContext};
pub use kdf::Kdf;
pub use kem::{Kem, PrivateKey, PublicKey};

use crate::error::{Error, Result};

/// An HPKE ciphersuite (KEM, KDF, AEAD).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Suite {
    /// The KEM.
    pub kem: Kem,
    /// The KDF of the key schedule (DHKEMs keep their own HKDF inside).
    pub kdf: Kdf,
    /// The AEAD.
    pub aead: Aead,
}

impl Suite {
    /// The suite (kem, kdf, aead).
    pub const fn new(kem: Kem, kdf: Kdf, aead: Aead) -> Self {
        Suite { kem, kdf, aead }
    }

    /// The suite from its three registry identifiers.
    pub fn from_ids(kem_id: u16, kdf_id: u16, aead_id: u16) -> Result<Self> {
        Ok(Suite::new(
            Kem::from_id(kem_id)?,
            Kdf::from_id(kdf_id)?,
            Aead::from_id(aead_id)?,
        ))
    }

    /// `suite_id = "HPKE" || kem_id || kdf_id || aead_id`.
    pub fn suite_id(&self) -> [u8; 10] {
        let (k, d, a) = (
            self.kem.id().to_be_bytes(),
            self.kdf.id().to_be_bytes(),
            self.aead.id().to_be_bytes(),
        );
        [b'H', b'P', b'K', b'E', k[0], k[1], d[0], d[1], a[0], a[1]]
    }

    fn mode(&self, psk: Option<Psk<'_>>, auth: bool) -> Mode {
        match (psk.is_some(), auth) {
            (false, false) => Mode::Base,
            (true, false) => Mode::Psk,
            (false, true) => Mode::Auth,
            (true, true) => Mode::AuthPsk,
        }
    }

    fn check_key(&self, kem: Kem) -> Result<()> {
        if kem == self.kem {
            Ok(())
        } else {
            Err(Error::InvalidParameter {
                reason: "the key belongs to another KEM than the suite's",
            })
        }
    }

    /// SetupBaseS / SetupPSKS / SetupAuthS / SetupAuthPSKS: `psk` selects a
    /// psk mode, `sk_s` (the sender's key, DHKEMs only) an auth mode. Returns
    /// `enc` and the sender's context.
    pub fn setup_sender(
        &self,
        pk_r: &PublicKey,
        info: &[u8],
        psk: Option<Psk<'_>>,
        sk_s: Option<&PrivateKey>,
    ) -> Result<(Vec<u8>, SenderContext)> {
        self.setup_sender_inner(pk_r, info, psk, sk_s, None)
    }

    /// **Deterministic, for known-answer tests only**: [`setup_sender`]
    /// with the encapsulation randomness `ikm_e` (the DHKEM ephemeral's
    /// DeriveKeyPair input, the ML-KEM coin, the hybrid `eseed`).
    ///
    /// [`setup_sender`]: Self::setup_sender
    pub fn setup_sender_deterministic(
        &self,
        pk_r: &PublicKey,
        info: &[u8],
        psk: Option<Psk<'_>>,
        sk_s: Option<&PrivateKey>,
        ikm_e: &[u8],
    ) -> Result<(Vec<u8>, SenderContext)> {
        self.setup_sender_inner(pk_r, info, psk, sk_s, Some(ikm_e))
    }

    fn setup_sender_inner(
        &self,
        pk_r: &PublicKey,
        info: &[u8],
        psk: Option<Psk<'_>>,
        sk_s: Option<&PrivateKey>,
        ikm_e: Option<&[u8]>,
    ) -> Result<(Vec<u8>, SenderContext)> {
        self.check_key(pk_r.kem())?;
        let mode = self.mode(psk, sk_s.is_some());
        // Check the PSK inputs before the (costly, random) encapsulation.
        let (p, id) = psk.map_or((&b""[..], &b""[..]), |p| (p.psk, p.psk_id));
        let (ss, enc) = kem::encap(pk_r, sk_s, ikm_e)?;
        let ctx = context::schedule_sender(*self, mode, &ss, info, p, id)?;
        Ok((enc, ctx))
    }

    /// SetupBaseR / SetupPSKR / SetupAuthR / SetupAuthPSKR: `psk` selects a
    /// psk mode, `pk_s` (the sender's public key) an auth mode.
    pub fn setup_recipient(
        &self,
        enc: &[u8],
        sk_r: &PrivateKey,
        info: &[u8],
        psk: Option<Psk<'_>>,
        pk_s: Option<&PublicKey>,
    ) -> Result<RecipientContext> {
        self.check_key(sk_r.kem())?;
        let mode = self.mode(psk, pk_s.is_some());
        let (p, id) = psk.map_or((&b""[..], &b""[..]), |p| (p.psk, p.psk_id));
        let ss = kem::decap(enc, sk_r, pk_s)?;
        context::schedule_recipient(*self, mode, &ss, info, p, id)
    }

    /// Single-shot `Seal<MODE>`: returns `(enc, ct)`.
    pub fn seal(
        &self,
        pk_r: &PublicKey,
        info: &[u8],
        aad: &[u8],
        pt: &[u8],
        psk: Option<Psk<'_>>,
        sk_s: Option<&PrivateKey>,
    ) -> Result<(Vec<u8>, Vec<u8>)> {
        let (enc, mut ctx) = self.setup_sender(pk_r, info, psk, sk_s)?;
        Ok((enc, ctx.seal(aad, pt)?))
    }

    /// Single-shot `Open<MODE>`.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        &self,
        enc: &[u8],
        sk_r: &PrivateKey,
        info: &[u8],
        aad: &[u8],
        ct: &[u8],
        psk: Option<Psk<'_>>,
        pk_s: Option<&PublicKey>,
    ) -> Result<Vec<u8>> {
        self.setup_recipient(enc, sk_r, info, psk, pk_s)?
            .open(aad, ct)
    }

    /// Single-shot `SendExport<MODE>`: returns `(enc, exported secret)`.
    pub fn send_export(
        &self,
        pk_r: &PublicKey,
        info: &[u8],
        exporter_context: &[u8],
        len: usize,
        psk: Option<Psk<'_>>,
    ) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
        let (enc, ctx) = self.setup_sender(pk_r, info, psk, None)?;
        Ok((enc, ctx.export(exporter_context, len)?))
    }

    /// Single-shot `ReceiveExport<MODE>`.
    pub fn receive_export(
        &self,
        enc: &[u8],
        sk_r: &PrivateKey,
        info: &[u8],
        exporter_context: &[u8],
        len: usize,
        psk: Option<Psk<'_>>,
    ) -> Result<Zeroizing<Vec<u8>>> {
        self.setup_recipient(enc, sk_r, info, psk, None)?
            .export(exporter_context, len)
    }

    /// pyca/cryptography-compatible single shot: base mode, empty aad;
    /// returns `enc || ct`.
    pub fn encrypt(
        &self,
        plaintext: &[u8],
        public_key: &PublicKey,
        info: &[u8],
    ) -> Result<Vec<u8>> {
        let (mut enc, ct) = self.seal(public_key, info, b"", plaintext, None, None)?;
        enc.extend_from_slice(&ct);
        Ok(enc)
    }

    /// pyca/cryptography-compatible single shot: splits `enc || ct` and
    /// opens in base mode with an empty aad.
    pub fn decrypt(
        &self,
        ciphertext: &[u8],
        private_key: &PrivateKey,
        info: &[u8],
    ) -> Result<Vec<u8>> {
        let n = self.kem.n_enc();
        if ciphertext.len() < n + self.aead.nt() {
            return Err(Error::InvalidTag);
        }
        let (enc, ct) = ciphertext.split_at(n);
        self.open(enc, private_key, info, b"", ct, None, None)
    }
}
