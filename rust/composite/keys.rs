//! Composite keys and signatures: raw serialization (draft section
//! "Serialization", with strict length and structure checks), key
//! generation, Sign and Verify (draft sections "Key Generation", "Sign",
//! "Verify").

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::message::{check_context, message_representative, MessageHasher};
use super::params::CompositeParams;
use super::traditional::Component;
use crate::algorithms::Algorithm;
use crate::error::{Error, Result};
use crate::keys::{self, KeyPair};
use crate::mldsa::{self, DsaParams};
use crate::secret::ByteArray;

type Trad<C> = <C as CompositeParams>::Trad;
type Ml<C> = <C as CompositeParams>::MlDsa;

const ML_DSA_SEED_LEN: usize = 32;

fn ml_pk_len<C: CompositeParams>() -> usize {
    <<Ml<C> as DsaParams>::Pk as ByteArray>::LEN
}

fn ml_sig_len<C: CompositeParams>() -> usize {
    <<Ml<C> as DsaParams>::Sig as ByteArray>::LEN
}

/// PH(M), the pre-hash of a message under composite `C` (draft section
/// "External Pre-hashing"); sign or verify it with the `*_prehashed` methods.
pub fn prehash<C: CompositeParams>(msg: &[u8]) -> Vec<u8> {
    C::COMPOSITE.prehash.digest(msg)
}

/// A streaming PH(M) under composite `C`, for a message that arrives in pieces.
pub fn prehasher<C: CompositeParams>() -> MessageHasher {
    MessageHasher::new(C::COMPOSITE.prehash)
}

/// Checks a caller-supplied digest has the length of `C`'s pre-hash.
fn check_digest<C: CompositeParams>(digest: &[u8]) -> Result<()> {
    crate::error::check_len(
        "composite pre-hash digest",
        C::COMPOSITE.prehash.digest_len(),
        digest,
    )
}

/// Splits `bytes` after the ML-DSA part, checking the whole length is
/// within `range` (the traditional part's own checks come after).
fn split<'a>(
    bytes: &'a [u8],
    at: usize,
    range: (usize, usize),
    what: &'static str,
) -> Result<(&'a [u8], &'a [u8])> {
    if bytes.len() < range.0 || bytes.len() > range.1 {
        let expected = if bytes.len() < range.0 {
            range.0
        } else {
            range.1
        };
        return Err(Error::InvalidLength {
            what,
            expected,
            actual: bytes.len(),
        });
    }
    bytes.split_at_checked(at).ok_or(Error::InvalidLength {
        what,
        expected: range.0,
        actual: bytes.len(),
    })
}

// ---------------------------------------------------------------------------
// Signature
// ---------------------------------------------------------------------------

/// A composite signature: the ML-DSA signature followed by the traditional
/// signature (draft SerializeSignatureValue).
pub struct Signature<C: CompositeParams> {
    bytes: Vec<u8>,
    _c: core::marker::PhantomData<C>,
}

impl<C: CompositeParams> Signature<C> {
    /// Loads a signature, checking its length is within the algorithm's
    /// bounds (its structure is checked again when it is verified).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        split(
            bytes,
            ml_sig_len::<C>(),
            C::COMPOSITE.signature_len,
            "composite signature",
        )?;
        Ok(Signature {
            bytes: bytes.to_vec(),
            _c: core::marker::PhantomData,
        })
    }

    /// The encoded signature.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The ML-DSA component signature.
    pub fn mldsa_signature(&self) -> &[u8] {
        self.bytes.get(..ml_sig_len::<C>()).unwrap_or_default()
    }

    /// The traditional component signature.
    pub fn traditional_signature(&self) -> &[u8] {
        self.bytes.get(ml_sig_len::<C>()..).unwrap_or_default()
    }
}

impl<C: CompositeParams> Clone for Signature<C> {
    fn clone(&self) -> Self {
        Signature {
            bytes: self.bytes.clone(),
            _c: core::marker::PhantomData,
        }
    }
}

impl<C: CompositeParams> PartialEq for Signature<C> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl<C: CompositeParams> Eq for Signature<C> {}

impl<C: CompositeParams> fmt::Debug for Signature<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Signature<{}>({} bytes)",
            C::COMPOSITE.name,
            self.bytes.len()
        )
    }
}

// ---------------------------------------------------------------------------
// Public key
// ---------------------------------------------------------------------------

/// A composite public (verifying) key: the ML-DSA public key followed by the
/// traditional public key (draft SerializePublicKey).
pub struct VerifyingKey<C: CompositeParams> {
    mldsa: mldsa::VerifyingKey<Ml<C>>,
    /// Boxed, as the other families' keys hold their bulk on the heap (a
    /// decoded point or an RSA modulus would make every enum of keys large).
    trad: Box<<Trad<C> as Component>::Public>,
    bytes: Vec<u8>,
}

impl<C: CompositeParams> VerifyingKey<C> {
    /// Loads a raw composite public key: the ML-DSA part by its fixed length,
    /// then the traditional part with its algorithm's checks (exact length,
    /// valid point, canonical DER, modulus size).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (ml, trad) = split(
            bytes,
            ml_pk_len::<C>(),
            C::COMPOSITE.public_key_len,
            "composite public key",
        )?;
        Ok(VerifyingKey {
            mldsa: mldsa::VerifyingKey::from_bytes(ml)?,
            trad: Box::new(Trad::<C>::parse_public(trad)?),
            bytes: bytes.to_vec(),
        })
    }

    fn from_parts(
        mldsa: mldsa::VerifyingKey<Ml<C>>,
        trad: <Trad<C> as Component>::Public,
    ) -> Result<Self> {
        let mut bytes = mldsa.as_bytes().to_vec();
        bytes.extend_from_slice(&Trad::<C>::encode_public(&trad)?);
        Ok(VerifyingKey {
            mldsa,
            trad: Box::new(trad),
            bytes,
        })
    }

    /// The encoded public key.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The ML-DSA component public key.
    pub fn mldsa_key(&self) -> &mldsa::VerifyingKey<Ml<C>> {
        &self.mldsa
    }

    /// The traditional component public key, encoded.
    pub fn traditional_key_bytes(&self) -> &[u8] {
        self.bytes.get(ml_pk_len::<C>()..).unwrap_or_default()
    }

    /// Verifies a composite signature over `msg` with application context
    /// `ctx` (at most 255 bytes; draft Composite-ML-DSA.Verify). Both
    /// components must verify; a malformed signature is `InvalidSignature`.
    pub fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        check_context(ctx)?;
        self.verify_digest(&prehash::<C>(msg), ctx, sig)
    }

    /// Verifies a signature given PH(M) (see [`prehash`]).
    pub fn verify_prehashed(&self, digest: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        check_digest::<C>(digest)?;
        self.verify_digest(digest, ctx, sig)
    }

    fn verify_digest(&self, digest: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        let m_prime = message_representative(C::COMPOSITE.label, ctx, digest)?;
        let (ml, trad) = split(
            sig,
            ml_sig_len::<C>(),
            C::COMPOSITE.signature_len,
            "composite signature",
        )
        .map_err(|_| Error::InvalidSignature)?;
        self.mldsa
            .verify(&m_prime, C::COMPOSITE.label, ml)
            .map_err(|e| match e {
                Error::Internal { .. } => e,
                _ => Error::InvalidSignature,
            })?;
        Trad::<C>::verify(&self.trad, &m_prime, trad)
    }
}

impl<C: CompositeParams> Clone for VerifyingKey<C> {
    fn clone(&self) -> Self {
        VerifyingKey {
            mldsa: self.mldsa.clone(),
            trad: self.trad.clone(),
            bytes: self.bytes.clone(),
        }
    }
}

impl<C: CompositeParams> PartialEq for VerifyingKey<C> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl<C: CompositeParams> Eq for VerifyingKey<C> {}

impl<C: CompositeParams> fmt::Debug for VerifyingKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "VerifyingKey<{}>({} bytes)",
            C::COMPOSITE.name,
            self.bytes.len()
        )
    }
}

// ---------------------------------------------------------------------------
// Private key
// ---------------------------------------------------------------------------

/// A composite private (signing) key: the 32-byte ML-DSA seed and the
/// traditional private key. Wiped on drop (each half by its own type),
/// redacted in `Debug`, compared in constant time, never `Copy`.
pub struct SigningKey<C: CompositeParams> {
    mldsa: mldsa::SigningKey<Ml<C>>,
    /// Boxed (see [`VerifyingKey`]); its crate wipes it on drop.
    trad: Box<<Trad<C> as Component>::Private>,
    vk: VerifyingKey<C>,
    /// The raw key, mldsaSeed || tradSK (for the borrowed views of
    /// [`KeyPair`]; wiped on drop).
    raw: Zeroizing<Vec<u8>>,
}

fn refuse<C: CompositeParams>() -> Error {
    Error::UnsupportedAlgorithm {
        algorithm: C::COMPOSITE.name,
        reason: Trad::<C>::REFUSAL,
    }
}

impl<C: CompositeParams> SigningKey<C> {
    /// Generates a key pair (draft Composite-ML-DSA.KeyGen): a fresh ML-DSA
    /// seed and a fresh traditional key, both from the OS. Both halves pass
    /// a pairwise consistency check (sign and verify) before the key is
    /// returned. RSA composites refuse ([`Error::UnsupportedAlgorithm`]).
    pub fn generate() -> Result<Self> {
        if !Trad::<C>::CAN_SIGN {
            return Err(refuse::<C>());
        }
        let mldsa = mldsa::SigningKey::<Ml<C>>::generate()?;
        let trad = Trad::<C>::generate()?;
        let key = Self::from_parts(mldsa, trad)?;
        key.traditional_consistency_check()?;
        Ok(key)
    }

    fn from_parts(
        mldsa: mldsa::SigningKey<Ml<C>>,
        trad: <Trad<C> as Component>::Private,
    ) -> Result<Self> {
        let vk =
            VerifyingKey::from_parts(mldsa.verifying_key().clone(), Trad::<C>::public_of(&trad))?;
        let seed = mldsa.seed().ok_or(Error::Internal { code: -114 })?;
        let trad_bytes = Trad::<C>::encode_private(&trad)?;
        let mut raw = Zeroizing::new(Vec::with_capacity(ML_DSA_SEED_LEN + trad_bytes.len()));
        raw.extend_from_slice(seed.bytes());
        raw.extend_from_slice(&trad_bytes);
        Ok(SigningKey {
            mldsa,
            trad: Box::new(trad),
            vk,
            raw,
        })
    }

    /// Pairwise consistency check of the traditional half (the ML-DSA half
    /// runs its own when derived from its seed).
    fn traditional_consistency_check(&self) -> Result<()> {
        const MSG: &[u8] = b"pqfence composite pairwise consistency check";
        let sig = Trad::<C>::sign(&self.trad, MSG, true)?;
        Trad::<C>::verify(&self.vk.trad, MSG, &sig).map_err(|_| Error::PairwiseConsistency {
            algorithm: C::COMPOSITE.name,
        })
    }

    /// Loads a raw composite private key, mldsaSeed (32 bytes) || tradSK
    /// (draft DeserializePrivateKey): the ML-DSA key is derived from its
    /// seed, the traditional key is parsed and checked (see the component's
    /// documentation). The two halves carry no link to each other; to check a
    /// key against a known public key use [`check_public_key`](Self::check_public_key).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (seed, trad) = bytes
            .split_at_checked(ML_DSA_SEED_LEN)
            .filter(|(_, t)| !t.is_empty())
            .ok_or(Error::InvalidLength {
                what: "composite private key",
                expected: ML_DSA_SEED_LEN + 1,
                actual: bytes.len(),
            })?;
        let mldsa = mldsa::SigningKey::<Ml<C>>::from_seed(seed)?;
        let trad = Trad::<C>::parse_private(trad)?;
        Self::from_parts(mldsa, trad)
    }

    /// The raw composite private key, mldsaSeed || tradSK (draft
    /// SerializePrivateKey), in zeroizing memory.
    pub fn to_bytes(&self) -> Result<Zeroizing<Vec<u8>>> {
        Ok(self.raw.clone())
    }

    /// The raw composite private key, borrowed (see [`to_bytes`](Self::to_bytes)).
    pub fn as_bytes(&self) -> &[u8] {
        &self.raw
    }

    /// The matching public key.
    pub fn verifying_key(&self) -> &VerifyingKey<C> {
        &self.vk
    }

    /// Checks that `public` (a raw composite public key) is this key's public
    /// key, both halves; `InvalidKey` otherwise.
    pub fn check_public_key(&self, public: &[u8]) -> Result<()> {
        if public == self.vk.as_bytes() {
            Ok(())
        } else {
            Err(Error::InvalidKey {
                reason: "the public key does not match the private key (one or both halves differ)",
            })
        }
    }

    /// Signs `msg` with application context `ctx` (at most 255 bytes; draft
    /// Composite-ML-DSA.Sign). The ML-DSA half is hedged (fresh OS
    /// randomness), and so is ECDSA (RFC 6979 with added randomness).
    pub fn sign(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<C>> {
        check_context(ctx)?;
        self.sign_digest(&prehash::<C>(msg), ctx, false)
    }

    /// Signs deterministically: ML-DSA with rnd = 0 and ECDSA per RFC 6979
    /// (EdDSA is always deterministic). Same key, message and context give
    /// the same signature.
    pub fn sign_deterministic(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<C>> {
        check_context(ctx)?;
        self.sign_digest(&prehash::<C>(msg), ctx, true)
    }

    /// Signs PH(M) computed by the caller (see [`prehash`]; draft
    /// Composite-ML-DSA.Sign_ph).
    pub fn sign_prehashed(
        &self,
        digest: &[u8],
        ctx: &[u8],
        deterministic: bool,
    ) -> Result<Signature<C>> {
        check_digest::<C>(digest)?;
        self.sign_digest(digest, ctx, deterministic)
    }

    fn sign_digest(&self, digest: &[u8], ctx: &[u8], deterministic: bool) -> Result<Signature<C>> {
        if !Trad::<C>::CAN_SIGN {
            return Err(refuse::<C>());
        }
        let label = C::COMPOSITE.label;
        let m_prime = message_representative(label, ctx, digest)?;
        let ml = if deterministic {
            self.mldsa.sign_deterministic(&m_prime, label)?
        } else {
            self.mldsa.sign(&m_prime, label)?
        };
        let trad = Trad::<C>::sign(&self.trad, &m_prime, deterministic)?;
        let mut bytes = Vec::with_capacity(ml.as_bytes().len() + trad.len());
        bytes.extend_from_slice(ml.as_bytes());
        bytes.extend_from_slice(&trad);
        Ok(Signature {
            bytes,
            _c: core::marker::PhantomData,
        })
    }
}

impl<C: CompositeParams> Clone for SigningKey<C> {
    fn clone(&self) -> Self {
        SigningKey {
            mldsa: self.mldsa.clone(),
            trad: self.trad.clone(),
            vk: self.vk.clone(),
            raw: self.raw.clone(),
        }
    }
}

impl<C: CompositeParams> ConstantTimeEq for SigningKey<C> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.raw.as_slice().ct_eq(other.raw.as_slice())
    }
}

impl<C: CompositeParams> PartialEq for SigningKey<C> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}

impl<C: CompositeParams> Eq for SigningKey<C> {}

impl<C: CompositeParams> fmt::Debug for SigningKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey<{}>(REDACTED)", C::COMPOSITE.name)
    }
}

// ---------------------------------------------------------------------------
// The core key traits (crate::keys): the catalogue's key formats and the
// Python layer
// ---------------------------------------------------------------------------

impl<C: CompositeParams> keys::PublicKey for VerifyingKey<C> {
    const ALGORITHM: &'static Algorithm = C::ALGORITHM;
    fn from_public_key_bytes(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
    fn public_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// Composite ML-DSA defines no key-generation seed of its own: the compact
/// private key is the raw key mldsaSeed || tradSK (draft
/// SerializePrivateKey), from which everything else follows. So the "seed"
/// and the "expanded" form of [`KeyPair`] are both that raw key:
/// `from_seed_bytes` and `from_expanded_key_bytes` load it (as
/// [`SigningKey::from_bytes`]), `seed_bytes` and `expanded_key_bytes` return
/// it, and PKCS#8 holds it with no inner encoding
/// ([`PrivateKeyShape::Raw`](crate::algorithms::PrivateKeyShape::Raw)), as
/// the draft's OneAsymmetricKey does.
impl<C: CompositeParams> KeyPair for SigningKey<C> {
    const ALGORITHM: &'static Algorithm = C::ALGORITHM;
    type Public = VerifyingKey<C>;
    fn generate_key() -> Result<Self> {
        Self::generate()
    }
    fn from_seed_bytes(seed: &[u8]) -> Result<Self> {
        Self::from_bytes(seed)
    }
    fn from_expanded_key_bytes(expanded: &[u8]) -> Result<Self> {
        Self::from_bytes(expanded)
    }
    fn seed_bytes(&self) -> Option<&[u8]> {
        Some(&self.raw)
    }
    fn expanded_key_bytes(&self) -> &[u8] {
        &self.raw
    }
    fn public_key(&self) -> &Self::Public {
        &self.vk
    }
}
