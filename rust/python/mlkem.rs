//! The KEM classes: `KEMPrivateKey` (decapsulate) and `KEMPublicKey`
//! (encapsulate), the family bases of every KEM's leaf classes (ML-KEM's
//! `MLKEM768PrivateKey`, ..., and the hybrids' of `hybrid.rs`), shaped like
//! pyca/cryptography's so code ports by changing an import.

use std::any::Any;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::{PyBytes, PyTuple};

use super::keys::{PrivateKey, PrivateKeyObj, PublicKey, PublicKeyObj};
use super::Buf;
use crate::error::Result;
use crate::mlkem::{DecapsulationKey, EncapsulationKey, KemParams, SharedSecret};
use crate::secret::Secret;

/// What the KEM base classes need of a key, whatever its family and set.
pub(crate) trait Decapsulator: Send + Sync {
    fn decapsulate(&self, ct: &[u8]) -> Result<SharedSecret>;
}

/// What the KEM public base class needs of a key, whatever its family and set.
pub(crate) trait Encapsulator: Send + Sync {
    /// (shared secret, ciphertext); `coins` fixes the encapsulation
    /// randomness (tests only): ML-KEM's 32-byte `m`, a hybrid's `eseed`.
    fn encapsulate(&self, coins: Option<&[u8]>) -> Result<(SharedSecret, Vec<u8>)>;
}

impl<P: KemParams> Decapsulator for DecapsulationKey<P> {
    fn decapsulate(&self, ct: &[u8]) -> Result<SharedSecret> {
        self.decapsulate_bytes(ct)
    }
}

impl<P: KemParams> Encapsulator for EncapsulationKey<P> {
    fn encapsulate(&self, coins: Option<&[u8]>) -> Result<(SharedSecret, Vec<u8>)> {
        let (ss, ct) = match coins {
            Some(m) => {
                // The coin determines the shared secret: it goes into a
                // zeroizing Secret, never into an unwiped array.
                let m = Secret::<[u8; 32]>::from_slice("encapsulation coin m", m)?;
                self.encapsulate_deterministic(m.expose())?
            }
            None => EncapsulationKey::encapsulate(self)?,
        };
        Ok((ss, ct.as_bytes().to_vec()))
    }
}

/// A KEM private (decapsulation) key.
#[pyclass(name = "KEMPrivateKey", extends = PrivateKey, subclass, frozen, module = "pqfence._native")]
pub(crate) struct PrivateBase {
    kem: Arc<dyn Decapsulator>,
}

#[pymethods]
impl PrivateBase {
    /// Decapsulates a ciphertext (FIPS 203 ML-KEM.Decaps).
    ///
    /// A tampered ciphertext gives an unrelated secret (implicit rejection),
    /// never an error.
    ///
    /// :param ciphertext: the ciphertext, `ciphertext_bytes` long (768, 1,088
    ///     or 1,568 bytes), as any bytes-like object.
    /// :returns: the 32-byte shared secret.
    /// :raises InvalidLength: the ciphertext has the wrong length.
    fn decapsulate<'py>(&self, py: Python<'py>, ciphertext: Buf) -> PyResult<Bound<'py, PyBytes>> {
        let ss = py.detach(|| self.kem.decapsulate(&ciphertext))?;
        Ok(PyBytes::new(py, ss.expose()))
    }
}

/// A KEM public (encapsulation) key.
#[pyclass(name = "KEMPublicKey", extends = PublicKey, subclass, frozen, module = "pqfence._native")]
pub(crate) struct PublicBase {
    kem: Arc<dyn Encapsulator>,
}

fn pair<'py>(py: Python<'py>, (ss, ct): (SharedSecret, Vec<u8>)) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, [PyBytes::new(py, ss.expose()), PyBytes::new(py, &ct)])
}

#[pymethods]
impl PublicBase {
    /// Encapsulates to this key with fresh OS randomness (FIPS 203 ML-KEM.Encaps).
    ///
    /// :returns: `(shared_secret, ciphertext)`: the 32-byte secret to keep
    ///     and the ciphertext to send (768, 1,088 or 1,568 bytes), in
    ///     pyca/cryptography's order.
    /// :raises RandomnessError: the OS random number generator failed.
    fn encapsulate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let out = py.detach(|| self.kem.encapsulate(None))?;
        pair(py, out)
    }

    /// Encapsulates with the caller's randomness (for known-answer tests only).
    ///
    /// :param m: ML-KEM's 32-byte coin of ML-KEM.Encaps_internal, or a
    ///     hybrid's `eseed` (32 bytes, then the group's seed); it must be
    ///     secret and fresh for each call, so never use this outside tests.
    ///     It is held in zeroizing memory.
    /// :returns: `(shared_secret, ciphertext)`, as `encapsulate()`.
    /// :raises InvalidLength: `m` has the wrong length.
    fn encapsulate_deterministic<'py>(
        &self,
        py: Python<'py>,
        m: Buf,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let out = py.detach(|| self.kem.encapsulate(Some(&m)))?;
        pair(py, out)
    }
}

/// The base of a set's private-key class, holding the key (any KEM family).
pub(crate) fn private_init<K: PrivateKeyObj + Decapsulator + Any>(
    key: K,
) -> PyClassInitializer<PrivateBase> {
    let key = Arc::new(key);
    PyClassInitializer::from(PrivateKey::new(&key)).add_subclass(PrivateBase { kem: key })
}

/// The base of a set's public-key class, holding the key (any KEM family).
pub(crate) fn public_init<K: PublicKeyObj + Encapsulator + Any>(
    key: K,
) -> PyClassInitializer<PublicBase> {
    let key = Arc::new(key);
    PyClassInitializer::from(PublicKey::new(&key)).add_subclass(PublicBase { kem: key })
}

pub(crate) use super::keys::{
    standard_constructors as constructors, standard_public as public_methods,
};

/// A set's classes (called by the set's row through `crate::mlkem::declare`).
macro_rules! classes {
    ($t:ty, $py:ident, $name:literal) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            mlkem,
            $crate::mlkem::DecapsulationKey<$t>,
            $crate::mlkem::EncapsulationKey<$t>
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
