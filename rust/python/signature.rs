//! The signature classes with a context: `ContextSignaturePrivateKey` /
//! `ContextSignaturePublicKey` (sign and verify with a context string; the
//! base of Composite ML-DSA's classes), and below them `SignaturePrivateKey`
//! / `SignaturePublicKey` with pre-hash signing, the family bases of ML-DSA's
//! and SLH-DSA's classes (pyca/cryptography's method names: `sign`,
//! `verify`, ...; plus deterministic and pre-hash signing).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::PyBytes;

use super::keys::{PrivateKey, PrivateKeyObj, PublicKey, PublicKeyObj};
use super::{buf_or_empty, Buf};
use crate::error::Result;
use crate::prehash::PreHash;
use crate::{mldsa, slhdsa};

/// Reads a `hash_algorithm` argument: a name ("SHA-256", "sha3-256",
/// "SHAKE128", ...) or any object with a `name` attribute (a
/// pyca/cryptography hash instance such as `hashes.SHA256()`). Anything else
/// (no string `name`) is a `TypeError`.
pub(crate) fn prehash_arg(obj: &Bound<'_, PyAny>) -> PyResult<PreHash> {
    let name: String = match obj.extract::<String>() {
        Ok(s) => s,
        Err(_) => match obj.getattr("name").and_then(|n| n.extract::<String>()) {
            Ok(s) => s,
            Err(_) => {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "hash_algorithm must be a hash name (str) or a hash object with a name, not {}",
                    obj.get_type().name()?
                )))
            }
        },
    };
    Ok(PreHash::from_name(&name)?)
}

/// What the context-signing base class needs of a key: ML-DSA, SLH-DSA and
/// Composite ML-DSA sign with a context string (at most 255 bytes).
pub(crate) trait ContextSigner: Send + Sync {
    fn sign(&self, msg: &[u8], ctx: &[u8], deterministic: bool) -> Result<Vec<u8>>;
}

/// What the context-verifying base class needs of a key.
pub(crate) trait ContextVerifier: Send + Sync {
    fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()>;
}

/// Pre-hash signing (HashML-DSA, HashSLH-DSA), for `SignaturePrivateKey`.
pub(crate) trait PreHashSigner: Send + Sync {
    fn sign_prehash(&self, ph: PreHash, msg: &[u8], ctx: &[u8], det: bool) -> Result<Vec<u8>>;
    fn sign_prehashed(&self, ph: PreHash, dg: &[u8], ctx: &[u8], det: bool) -> Result<Vec<u8>>;
}

/// Pre-hash verification, for `SignaturePublicKey`.
pub(crate) trait PreHashVerifier: Send + Sync {
    fn verify_prehash(&self, ph: PreHash, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()>;
    fn verify_prehashed(&self, ph: PreHash, dg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()>;
}

/// The context signer of a key type with the usual method names (ML-DSA,
/// SLH-DSA and Composite ML-DSA keys have the same ones).
macro_rules! context_signer {
    ($bound:path, $sk:ident, $vk:ident) => {
        impl<P: $bound> ContextSigner for $sk<P> {
            fn sign(&self, msg: &[u8], ctx: &[u8], deterministic: bool) -> Result<Vec<u8>> {
                let sig = if deterministic {
                    self.sign_deterministic(msg, ctx)?
                } else {
                    $sk::sign(self, msg, ctx)?
                };
                Ok(sig.as_bytes().to_vec())
            }
        }

        impl<P: $bound> ContextVerifier for $vk<P> {
            fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
                $vk::verify(self, msg, ctx, sig)
            }
        }
    };
}
pub(crate) use context_signer;

/// ML-DSA and SLH-DSA keys: the context signer and the pre-hash one.
macro_rules! context_impls {
    ($bound:path, $sk:ident, $vk:ident) => {
        context_signer!($bound, $sk, $vk);

        impl<P: $bound> PreHashSigner for $sk<P> {
            fn sign_prehash(
                &self,
                ph: PreHash,
                msg: &[u8],
                ctx: &[u8],
                det: bool,
            ) -> Result<Vec<u8>> {
                Ok($sk::sign_prehash(self, ph, msg, ctx, det)?
                    .as_bytes()
                    .to_vec())
            }
            fn sign_prehashed(
                &self,
                ph: PreHash,
                dg: &[u8],
                ctx: &[u8],
                det: bool,
            ) -> Result<Vec<u8>> {
                Ok($sk::sign_prehashed(self, ph, dg, ctx, det)?
                    .as_bytes()
                    .to_vec())
            }
        }

        impl<P: $bound> PreHashVerifier for $vk<P> {
            fn verify_prehash(
                &self,
                ph: PreHash,
                msg: &[u8],
                ctx: &[u8],
                sig: &[u8],
            ) -> Result<()> {
                $vk::verify_prehash(self, ph, msg, ctx, sig)
            }
            fn verify_prehashed(
                &self,
                ph: PreHash,
                dg: &[u8],
                ctx: &[u8],
                sig: &[u8],
            ) -> Result<()> {
                $vk::verify_prehashed(self, ph, dg, ctx, sig)
            }
        }
    };
}

use mldsa::{SigningKey as MlDsaSk, VerifyingKey as MlDsaVk};
use slhdsa::{SigningKey as SlhSk, VerifyingKey as SlhVk};
context_impls!(mldsa::DsaParams, MlDsaSk, MlDsaVk);
context_impls!(slhdsa::SlhParams, SlhSk, SlhVk);

/// A private key that signs with a context string: the base of
/// `SignaturePrivateKey` (ML-DSA, SLH-DSA) and `CompositePrivateKey`.
#[pyclass(name = "ContextSignaturePrivateKey", extends = PrivateKey, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct ContextPrivateBase {
    signer: Arc<dyn ContextSigner>,
}

#[pymethods]
impl ContextPrivateBase {
    /// Signs `data` (pure ML-DSA / SLH-DSA, Composite ML-DSA), hedged with
    /// fresh OS randomness (Ed25519 and Ed448 halves are deterministic).
    ///
    /// :param data: the message, any bytes-like object.
    /// :param context: the context string, at most 255 bytes (`None` or
    ///     `b""`: the empty context). The verifier must pass the same one.
    /// :returns: the signature, `signature_bytes` long (3,309 bytes for
    ///     ML-DSA-65; `pqfence.algorithms()` has every set's).
    /// :raises ContextTooLong: the context is longer than 255 bytes.
    /// :raises RandomnessError: the OS random number generator failed.
    #[pyo3(signature = (data, context=None))]
    fn sign<'py>(
        &self,
        py: Python<'py>,
        data: Buf,
        context: Option<Buf>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ctx = buf_or_empty(context);
        let sig = py.detach(|| self.signer.sign(&data, &ctx, false))?;
        Ok(PyBytes::new(py, &sig))
    }

    /// Signs `data` deterministically: the same key, message and context give
    /// the same signature. Hedged `sign()` is preferred outside tests.
    ///
    /// :param data: the message.
    /// :param context: the context string, at most 255 bytes.
    /// :returns: the signature.
    /// :raises ContextTooLong: the context is longer than 255 bytes.
    #[pyo3(signature = (data, context=None))]
    fn sign_deterministic<'py>(
        &self,
        py: Python<'py>,
        data: Buf,
        context: Option<Buf>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ctx = buf_or_empty(context);
        let sig = py.detach(|| self.signer.sign(&data, &ctx, true))?;
        Ok(PyBytes::new(py, &sig))
    }
}

/// A private key that also signs pre-hashed messages (ML-DSA, SLH-DSA).
#[pyclass(name = "SignaturePrivateKey", extends = ContextPrivateBase, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct PrivateBase {
    signer: Arc<dyn PreHashSigner>,
}

#[pymethods]
impl PrivateBase {
    /// Pre-hash signing (HashML-DSA / HashSLH-DSA): hashes `data`, then signs.
    ///
    /// :param data: the message.
    /// :param hash_algorithm: a pre-hash of FIPS 204 / 205 by name
    ///     ("SHA-256", "SHA-512", "SHA3-256", "SHAKE128", ...) or a
    ///     pyca/cryptography hash object (`hashes.SHA256()`).
    /// :param context: the context string, at most 255 bytes.
    /// :param deterministic: sign deterministically instead of hedged.
    /// :returns: the signature; verify it with `verify_prehash()`.
    /// :raises UnknownAlgorithm: no pre-hash of that name.
    /// :raises TypeError: `hash_algorithm` is neither a name nor a hash object.
    /// :raises ContextTooLong: the context is longer than 255 bytes.
    #[pyo3(signature = (data, hash_algorithm, context=None, deterministic=false))]
    fn sign_prehash<'py>(
        &self,
        py: Python<'py>,
        data: Buf,
        hash_algorithm: &Bound<'py, PyAny>,
        context: Option<Buf>,
        deterministic: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ph = prehash_arg(hash_algorithm)?;
        let ctx = buf_or_empty(context);
        let sig = py.detach(|| self.signer.sign_prehash(ph, &data, &ctx, deterministic))?;
        Ok(PyBytes::new(py, &sig))
    }

    /// Pre-hash signing of a digest the caller computed with `hash_algorithm`.
    ///
    /// :param digest: the digest of the message (32 bytes for SHA-256, ...).
    /// :param hash_algorithm: the pre-hash that computed it, as for
    ///     `sign_prehash()`.
    /// :param context: the context string, at most 255 bytes.
    /// :param deterministic: sign deterministically instead of hedged.
    /// :returns: the signature; `verify_prehash()` over the message, or
    ///     `verify_prehashed()` over the digest, accepts it.
    /// :raises InvalidLength: the digest has the wrong length for the hash.
    /// :raises UnknownAlgorithm: no pre-hash of that name.
    /// :raises ContextTooLong: the context is longer than 255 bytes.
    #[pyo3(signature = (digest, hash_algorithm, context=None, deterministic=false))]
    fn sign_prehashed<'py>(
        &self,
        py: Python<'py>,
        digest: Buf,
        hash_algorithm: &Bound<'py, PyAny>,
        context: Option<Buf>,
        deterministic: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let ph = prehash_arg(hash_algorithm)?;
        let ctx = buf_or_empty(context);
        let sig = py.detach(|| self.signer.sign_prehashed(ph, &digest, &ctx, deterministic))?;
        Ok(PyBytes::new(py, &sig))
    }
}

/// A public key that verifies with a context string: the base of
/// `SignaturePublicKey` (ML-DSA, SLH-DSA) and `CompositePublicKey`.
#[pyclass(name = "ContextSignaturePublicKey", extends = PublicKey, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct ContextPublicBase {
    verifier: Arc<dyn ContextVerifier>,
}

#[pymethods]
impl ContextPublicBase {
    /// Verifies a pure signature made by `sign()` or `sign_deterministic()`.
    ///
    /// :param signature: the signature, any bytes-like object.
    /// :param data: the message.
    /// :param context: the context string the signer used.
    /// :returns: `None`.
    /// :raises InvalidSignature: the signature does not verify (wrong message,
    ///     context, key, or a signature of the wrong length).
    /// :raises ContextTooLong: the context is longer than 255 bytes.
    #[pyo3(signature = (signature, data, context=None))]
    fn verify(
        &self,
        py: Python<'_>,
        signature: Buf,
        data: Buf,
        context: Option<Buf>,
    ) -> PyResult<()> {
        let ctx = buf_or_empty(context);
        Ok(py.detach(|| self.verifier.verify(&data, &ctx, &signature))?)
    }
}

/// A public key that also verifies pre-hash signatures (ML-DSA, SLH-DSA).
#[pyclass(name = "SignaturePublicKey", extends = ContextPublicBase, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct PublicBase {
    verifier: Arc<dyn PreHashVerifier>,
    /// ML-DSA's tr = H(pk), for `MLDSAMuHasher` (None for SLH-DSA).
    pub(crate) tr: Option<[u8; 64]>,
}

#[pymethods]
impl PublicBase {
    /// Verifies a pre-hash signature over `data`.
    ///
    /// :param signature: the signature.
    /// :param data: the message.
    /// :param hash_algorithm: the pre-hash the signer used, as for
    ///     `sign_prehash()`.
    /// :param context: the context string the signer used.
    /// :returns: `None`.
    /// :raises InvalidSignature: the signature does not verify.
    /// :raises UnknownAlgorithm: no pre-hash of that name.
    #[pyo3(signature = (signature, data, hash_algorithm, context=None))]
    fn verify_prehash(
        &self,
        py: Python<'_>,
        signature: Buf,
        data: Buf,
        hash_algorithm: &Bound<'_, PyAny>,
        context: Option<Buf>,
    ) -> PyResult<()> {
        let ph = prehash_arg(hash_algorithm)?;
        let ctx = buf_or_empty(context);
        Ok(py.detach(|| self.verifier.verify_prehash(ph, &data, &ctx, &signature))?)
    }

    /// Verifies a pre-hash signature over a digest computed with `hash_algorithm`.
    ///
    /// :param signature: the signature.
    /// :param digest: the digest of the message.
    /// :param hash_algorithm: the pre-hash that computed it.
    /// :param context: the context string the signer used.
    /// :returns: `None`.
    /// :raises InvalidSignature: the signature does not verify.
    /// :raises InvalidLength: the digest has the wrong length for the hash.
    #[pyo3(signature = (signature, digest, hash_algorithm, context=None))]
    fn verify_prehashed(
        &self,
        py: Python<'_>,
        signature: Buf,
        digest: Buf,
        hash_algorithm: &Bound<'_, PyAny>,
        context: Option<Buf>,
    ) -> PyResult<()> {
        let ph = prehash_arg(hash_algorithm)?;
        let ctx = buf_or_empty(context);
        Ok(py.detach(|| {
            self.verifier
                .verify_prehashed(ph, &digest, &ctx, &signature)
        })?)
    }
}

/// The context-signing bases of a private-key class, holding the key.
pub(crate) fn context_private_init<K>(key: Arc<K>) -> PyClassInitializer<ContextPrivateBase>
where
    K: PrivateKeyObj + ContextSigner + 'static,
{
    PyClassInitializer::from(PrivateKey::new(&key)).add_subclass(ContextPrivateBase { signer: key })
}

/// The context-verifying bases of a public-key class, holding the key.
pub(crate) fn context_public_init<K>(key: Arc<K>) -> PyClassInitializer<ContextPublicBase>
where
    K: PublicKeyObj + ContextVerifier + 'static,
{
    PyClassInitializer::from(PublicKey::new(&key)).add_subclass(ContextPublicBase { verifier: key })
}

/// The bases of a set's private-key class, holding the key (ML-DSA's and
/// SLH-DSA's `private_init` call it).
pub(crate) fn private_init<K>(key: K) -> PyClassInitializer<PrivateBase>
where
    K: PrivateKeyObj + ContextSigner + PreHashSigner + 'static,
{
    let key = Arc::new(key);
    context_private_init(Arc::clone(&key)).add_subclass(PrivateBase { signer: key })
}

/// The bases of a set's public-key class, holding the key.
pub(crate) fn public_init<K>(key: K, tr: Option<[u8; 64]>) -> PyClassInitializer<PublicBase>
where
    K: PublicKeyObj + ContextVerifier + PreHashVerifier + 'static,
{
    let key = Arc::new(key);
    context_public_init(Arc::clone(&key)).add_subclass(PublicBase { verifier: key, tr })
}

/// Adds the base classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ContextPrivateBase>()?;
    m.add_class::<ContextPublicBase>()?;
    m.add_class::<PrivateBase>()?;
    m.add_class::<PublicBase>()?;
    Ok(())
}
