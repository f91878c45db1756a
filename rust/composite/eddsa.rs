//! The EdDSA components (RFC 8032, pure, no context): Ed25519 from
//! `ed25519-dalek`, Ed448 from `ed448-goldilocks`. Keys are the raw 32- or
//! 57-byte secret and the encoded point; signatures are R || S.

use zeroize::Zeroizing;

use super::traditional::{array, sealed::Component};
use crate::error::{Error, Result};

/// Ed25519 (RFC 8032), as `ed25519-dalek` implements it. Verification is
/// `verify_strict`: canonical S, and no small-order public key or R.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ed25519;

impl Component for Ed25519 {
    const NAME: &'static str = "Ed25519";
    const CAN_SIGN: bool = true;
    const PUBLIC_KEY_LEN: (usize, usize) = (32, 32);
    const SIGNATURE_LEN: (usize, usize) = (64, 64);
    const PRIVATE_KEY_MAX: usize = 32;
    type Public = ed25519_dalek::VerifyingKey;
    type Private = ed25519_dalek::SigningKey;

    fn parse_public(bytes: &[u8]) -> Result<Self::Public> {
        let b = array::<32>("Ed25519 public key", bytes)?;
        ed25519_dalek::VerifyingKey::from_bytes(&b).map_err(|_| Error::InvalidKey {
            reason: "Ed25519 public key is not a valid point encoding",
        })
    }

    fn encode_public(key: &Self::Public) -> Result<Vec<u8>> {
        Ok(key.as_bytes().to_vec())
    }

    fn parse_private(bytes: &[u8]) -> Result<Self::Private> {
        let b = Zeroizing::new(array::<32>("Ed25519 private key", bytes)?);
        Ok(ed25519_dalek::SigningKey::from_bytes(&b))
    }

    fn encode_private(key: &Self::Private) -> Result<Zeroizing<Vec<u8>>> {
        Ok(Zeroizing::new(key.as_bytes().to_vec()))
    }

    fn public_of(key: &Self::Private) -> Self::Public {
        key.verifying_key()
    }

    fn generate() -> Result<Self::Private> {
        let mut seed = Zeroizing::new([0u8; 32]);
        crate::rng::fill(&mut *seed)?;
        Ok(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    fn sign(key: &Self::Private, msg: &[u8], _deterministic: bool) -> Result<Vec<u8>> {
        use ed25519_dalek::Signer;
        let sig = key
            .try_sign(msg)
            .map_err(|_| Error::Internal { code: -110 })?;
        Ok(sig.to_bytes().to_vec())
    }

    fn verify(key: &Self::Public, msg: &[u8], sig: &[u8]) -> Result<()> {
        let sig = ed25519_dalek::Signature::from_slice(sig).map_err(|_| Error::InvalidSignature)?;
        key.verify_strict(msg, &sig)
            .map_err(|_| Error::InvalidSignature)
    }
}

/// Ed448 (RFC 8032, empty context), as `ed448-goldilocks` implements it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ed448;

impl Component for Ed448 {
    const NAME: &'static str = "Ed448";
    const CAN_SIGN: bool = true;
    const PUBLIC_KEY_LEN: (usize, usize) = (57, 57);
    const SIGNATURE_LEN: (usize, usize) = (114, 114);
    const PRIVATE_KEY_MAX: usize = 57;
    type Public = ed448_goldilocks::VerifyingKey;
    type Private = ed448_goldilocks::SigningKey;

    fn parse_public(bytes: &[u8]) -> Result<Self::Public> {
        let b = array::<57>("Ed448 public key", bytes)?;
        ed448_goldilocks::VerifyingKey::from_bytes(&b).map_err(|_| Error::InvalidKey {
            reason: "Ed448 public key is not a valid point encoding",
        })
    }

    fn encode_public(key: &Self::Public) -> Result<Vec<u8>> {
        Ok(key.as_bytes().to_vec())
    }

    fn parse_private(bytes: &[u8]) -> Result<Self::Private> {
        crate::error::check_len("Ed448 private key", 57, bytes)?;
        ed448_goldilocks::SigningKey::try_from(bytes).map_err(|_| Error::InvalidKey {
            reason: "Ed448 private key",
        })
    }

    fn encode_private(key: &Self::Private) -> Result<Zeroizing<Vec<u8>>> {
        Ok(Zeroizing::new(key.as_bytes().to_vec()))
    }

    fn public_of(key: &Self::Private) -> Self::Public {
        key.verifying_key()
    }

    fn generate() -> Result<Self::Private> {
        let mut seed = Zeroizing::new([0u8; 57]);
        crate::rng::fill(&mut *seed)?;
        Self::parse_private(&*seed)
    }

    fn sign(key: &Self::Private, msg: &[u8], _deterministic: bool) -> Result<Vec<u8>> {
        Ok(key.sign_raw(msg).to_bytes().to_vec())
    }

    fn verify(key: &Self::Public, msg: &[u8], sig: &[u8]) -> Result<()> {
        let sig =
            ed448_goldilocks::Signature::from_slice(sig).map_err(|_| Error::InvalidSignature)?;
        key.verify_raw(&sig, msg)
            .map_err(|_| Error::InvalidSignature)
    }
}
