//! Falcon's classes: `FalconPrivateKey` (sign) and `FalconPublicKey`
//! (verify), the family bases of `Falcon512`, `Falcon1024` and their padded
//! variants. Falcon takes no context; its keys have the Raw format only (no
//! OID is assigned).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::PyBytes;

use super::keys::{PrivateKey, PublicKey, PyKey};
use super::Buf;
use crate::error::Result;
use crate::falcon::{FalconParams, SigningKey, VerifyingKey};
use crate::secret::Secret;

pub(crate) use super::keys::standard_public as public_methods;

/// What the Falcon base classes need of a key, whatever its set.
pub(crate) trait Signer: Send + Sync {
    fn sign(&self, msg: &[u8], randomness: Option<(&[u8; 40], &[u8; 48])>) -> Result<Vec<u8>>;
}

/// What the Falcon public base class needs of a key.
pub(crate) trait Verifier: Send + Sync {
    fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<()>;
}

impl<P: FalconParams> Signer for SigningKey<P> {
    fn sign(&self, msg: &[u8], randomness: Option<(&[u8; 40], &[u8; 48])>) -> Result<Vec<u8>> {
        let sig = match randomness {
            Some((nonce, seed)) => self.sign_with_randomness(msg, nonce, seed)?,
            None => SigningKey::sign(self, msg)?,
        };
        Ok(sig.as_bytes().to_vec())
    }
}

impl<P: FalconParams> Verifier for VerifyingKey<P> {
    fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<()> {
        VerifyingKey::verify(self, msg, sig)
    }
}

/// A Falcon private (signing) key.
#[pyclass(name = "FalconPrivateKey", extends = PrivateKey, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct PrivateBase {
    signer: Arc<dyn Signer>,
}

#[pymethods]
impl PrivateBase {
    /// Signs `data` with a fresh 40-byte nonce and sampler seed from the OS.
    ///
    /// Falcon has no context string and no pre-hash mode.
    ///
    /// :param data: the message, any bytes-like object.
    /// :returns: the signature: at most 752 (Falcon-512) or 1,462 bytes
    ///     (Falcon-1024) compressed, exactly 666 or 1,280 padded.
    /// :raises RandomnessError: the OS random number generator failed.
    fn sign<'py>(&self, py: Python<'py>, data: Buf) -> PyResult<Bound<'py, PyBytes>> {
        let sig = py.detach(|| self.signer.sign(&data, None))?;
        Ok(PyBytes::new(py, &sig))
    }

    /// Signs with the caller's randomness (for known-answer tests only).
    ///
    /// :param data: the message.
    /// :param nonce: the 40-byte nonce r; reusing one leaks the key.
    /// :param seed: the 48-byte seed of the sampler's generator.
    /// :returns: the signature.
    /// :raises InvalidLength: the nonce or seed has the wrong length.
    fn sign_with_randomness<'py>(
        &self,
        py: Python<'py>,
        data: Buf,
        nonce: Buf,
        seed: Buf,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let nonce = Secret::<[u8; 40]>::from_slice("Falcon nonce", &nonce)?;
        let seed = Secret::<[u8; 48]>::from_slice("Falcon sampler seed", &seed)?;
        let sig = py.detach(|| {
            self.signer
                .sign(&data, Some((nonce.expose(), seed.expose())))
        })?;
        Ok(PyBytes::new(py, &sig))
    }
}

/// A Falcon public (verifying) key.
#[pyclass(name = "FalconPublicKey", extends = PublicKey, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct PublicBase {
    verifier: Arc<dyn Verifier>,
}

#[pymethods]
impl PublicBase {
    /// Verifies a signature (strict decoding: non-canonical encodings fail).
    ///
    /// :param signature: the signature.
    /// :param data: the message.
    /// :returns: `None`.
    /// :raises InvalidSignature: the signature does not verify.
    fn verify(&self, py: Python<'_>, signature: Buf, data: Buf) -> PyResult<()> {
        Ok(py.detach(|| self.verifier.verify(&data, &signature))?)
    }
}

/// The bases of a set's private-key class, holding the key.
pub(crate) fn private_init<P: FalconParams>(key: SigningKey<P>) -> PyClassInitializer<PrivateBase>
where
    SigningKey<P>: PyKey,
{
    let key = Arc::new(key);
    PyClassInitializer::from(PrivateKey::new(&key)).add_subclass(PrivateBase { signer: key })
}

/// The bases of a set's public-key class, holding the key.
pub(crate) fn public_init<P: FalconParams>(key: VerifyingKey<P>) -> PyClassInitializer<PublicBase> {
    let key = Arc::new(key);
    PyClassInitializer::from(PublicKey::new(&key)).add_subclass(PublicBase { verifier: key })
}

/// A set's private leaf class. A Falcon secret key does not carry its public
/// key, so `from_expanded_bytes` takes both (and checks that they match).
macro_rules! constructors {
    ($class:ident, $key:ty, $name:literal) => {
        #[::pyo3::pymethods]
        impl $class {
            /// Generates a key pair from a fresh 48-byte OS seed.
            ///
            /// :returns: the private key (tens of milliseconds).
            /// :raises RandomnessError: the OS random number generator failed.
            /// :raises PairwiseConsistencyError: the self-test failed (a fault).
            #[staticmethod]
            fn generate(py: ::pyo3::Python<'_>) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, <$key as $crate::keys::KeyPair>::generate_key)?
                    .into_python(py)
            }

            /// Derives the key pair from its 48-byte seed (`private_bytes_raw()`).
            ///
            /// :param data: the seed.
            /// :returns: the private key.
            /// :raises InvalidLength: the seed is not 48 bytes.
            #[staticmethod]
            fn from_seed_bytes(
                py: ::pyo3::Python<'_>,
                data: $crate::python::Buf,
            ) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, || {
                    <$key as $crate::keys::KeyPair>::from_seed_bytes(&data)
                })?
                .into_python(py)
            }

            /// Loads the specification's secret-key encoding with its public key.
            ///
            /// :param data: the secret key, `private_key_bytes` long (1,281
            ///     bytes for Falcon-512, 2,305 for Falcon-1024).
            /// :param public_key: the public key (897 or 1,793 bytes).
            /// :returns: the private key, without a seed.
            /// :raises InvalidLength: either has the wrong length.
            /// :raises InvalidKey: either fails to decode, or they do not match.
            #[staticmethod]
            fn from_expanded_bytes(
                py: ::pyo3::Python<'_>,
                data: $crate::python::Buf,
                public_key: $crate::python::Buf,
            ) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, || <$key>::from_keypair_bytes(&data, &public_key))?
                    .into_python(py)
            }

            /// The parameter set's name.
            #[classattr]
            fn algorithm() -> &'static str {
                $name
            }
        }
    };
}
pub(crate) use constructors;

/// A set's classes (called by the set's row through `crate::falcon::declare`).
macro_rules! classes {
    ($t:ty, $py:ident, $name:literal) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            falcon,
            $crate::falcon::SigningKey<$t>,
            $crate::falcon::VerifyingKey<$t>
        );
    };
}
pub(crate) use classes;

/// Adds the family's base classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PrivateBase>()?;
    m.add_class::<PublicBase>()?;
    Ok(())
}
