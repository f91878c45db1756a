//! Python classes for ML-DSA: `MLDSA{44,65,87}{PrivateKey,PublicKey}` (shaped
//! like pyca/cryptography's), plus external mu and `MLDSAMuHasher`.

use std::sync::{Mutex, MutexGuard};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use subtle::ConstantTimeEq;

use super::bytes_like;
use super::signature::{context_arg, signature_classes};
use crate::mldsa::{self, DsaParams, MuBuilder, SigningKey, VerifyingKey};

signature_classes!(
    mldsa::MlDsa44,
    MLDSA44PrivateKey,
    MLDSA44PublicKey,
    "ML-DSA-44"
);
signature_classes!(
    mldsa::MlDsa65,
    MLDSA65PrivateKey,
    MLDSA65PublicKey,
    "ML-DSA-65"
);
signature_classes!(
    mldsa::MlDsa87,
    MLDSA87PrivateKey,
    MLDSA87PublicKey,
    "ML-DSA-87"
);

/// The external-mu methods, per parameter set.
macro_rules! mu_methods {
    ($params:ty, $priv:ident, $pub_:ident) => {
        #[pymethods]
        impl $priv {
            /// Signs a precomputed 64-byte mu (it already binds the context).
            #[pyo3(signature = (mu, deterministic=false))]
            fn sign_mu<'py>(
                &self,
                py: Python<'py>,
                mu: &Bound<'py, PyAny>,
                deterministic: bool,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let mu = bytes_like(mu, "mu")?;
                let sig = py.detach(|| self.inner.sign_mu(&mu, deterministic))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }
        }

        #[pymethods]
        impl $pub_ {
            /// Verifies a signature over a precomputed 64-byte mu.
            fn verify_mu(
                &self,
                py: Python<'_>,
                signature: &Bound<'_, PyAny>,
                mu: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                let (sig, mu) = (bytes_like(signature, "signature")?, bytes_like(mu, "mu")?);
                Ok(py.detach(|| self.inner.verify_mu(&mu, &sig))?)
            }
        }

        impl $pub_ {
            fn tr(&self) -> [u8; 64] {
                self.inner.tr()
            }
        }
    };
}

mu_methods!(mldsa::MlDsa44, MLDSA44PrivateKey, MLDSA44PublicKey);
mu_methods!(mldsa::MlDsa65, MLDSA65PrivateKey, MLDSA65PublicKey);
mu_methods!(mldsa::MlDsa87, MLDSA87PrivateKey, MLDSA87PublicKey);

/// Builds ML-DSA's mu from a message fed in pieces (like pyca's
/// `MLDSAMuHasher`): `MLDSAMuHasher(public_key, context=None)`, then
/// `update(data)` any number of times, then `finalize()` for the 64 bytes to
/// pass to `sign_mu` / `verify_mu`.
///
/// The class is frozen: its state sits behind a mutex, so threads sharing one
/// hasher take turns (each `update` is absorbed whole) instead of failing
/// with "Already borrowed". The order of concurrent updates is the order in
/// which they take the lock.
#[pyclass(frozen, module = "pqfence._native")]
pub struct MLDSAMuHasher {
    inner: Mutex<Option<MuBuilder>>,
}

impl MLDSAMuHasher {
    /// The state, locked. A panic cannot happen while the lock is held (the
    /// sponge never panics), but a poisoned lock is still an error, not a
    /// second panic.
    fn state(&self) -> PyResult<MutexGuard<'_, Option<MuBuilder>>> {
        self.inner
            .lock()
            .map_err(|_| crate::Error::Internal { code: -103 }.into())
    }
}

#[pymethods]
impl MLDSAMuHasher {
    #[new]
    #[pyo3(signature = (public_key, context=None))]
    fn new(public_key: &Bound<'_, PyAny>, context: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let tr = if let Ok(k) = public_key.cast::<MLDSA44PublicKey>() {
            k.get().tr()
        } else if let Ok(k) = public_key.cast::<MLDSA65PublicKey>() {
            k.get().tr()
        } else if let Ok(k) = public_key.cast::<MLDSA87PublicKey>() {
            k.get().tr()
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "public_key must be an MLDSA44/65/87PublicKey",
            ));
        };
        let ctx = context_arg(context)?;
        Ok(Self {
            inner: Mutex::new(Some(MuBuilder::new(&tr, &ctx)?)),
        })
    }

    /// Absorbs more of the message (the GIL is released meanwhile).
    fn update(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let data = bytes_like(data, "data")?;
        // Nothing inside needs the GIL (errors become exceptions after), so a
        // thread holding the GIL while it waits for the lock cannot deadlock.
        let absorbed = py.detach(|| -> crate::Result<bool> {
            let mut state = self
                .inner
                .lock()
                .map_err(|_| crate::Error::Internal { code: -103 })?;
            Ok(match state.as_mut() {
                Some(b) => {
                    b.update(&data);
                    true
                }
                None => false,
            })
        })?;
        if absorbed {
            Ok(())
        } else {
            Err(already_finalized())
        }
    }

    /// A copy of the hasher in its current state.
    fn copy(&self) -> PyResult<Self> {
        match self.state()?.as_ref() {
            Some(b) => Ok(Self {
                inner: Mutex::new(Some(b.clone())),
            }),
            None => Err(already_finalized()),
        }
    }

    /// The 64-byte mu; the hasher cannot be used afterwards.
    fn finalize<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let builder = self.state()?.take();
        match builder {
            Some(b) => Ok(PyBytes::new(py, &b.finalize())),
            None => Err(already_finalized()),
        }
    }
}

/// `pqfence.exceptions.AlreadyFinalized` (a `ValueError`, and pyca's
/// `AlreadyFinalized` when cryptography is installed).
fn already_finalized() -> PyErr {
    super::pqfence_exception(
        "AlreadyFinalized",
        "MLDSAMuHasher was already finalized".into(),
    )
}

fn sizes<P: DsaParams>() -> (usize, usize, usize, usize) {
    use crate::secret::ByteArray;
    (P::Pk::LEN, P::Sk::LEN, P::Sig::LEN, 32)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MLDSA44PrivateKey>()?;
    m.add_class::<MLDSA44PublicKey>()?;
    m.add_class::<MLDSA65PrivateKey>()?;
    m.add_class::<MLDSA65PublicKey>()?;
    m.add_class::<MLDSA87PrivateKey>()?;
    m.add_class::<MLDSA87PublicKey>()?;
    m.add_class::<MLDSAMuHasher>()?;
    // (public key, expanded private key, signature, seed) sizes.
    m.add("MLDSA44_SIZES", sizes::<mldsa::MlDsa44>())?;
    m.add("MLDSA65_SIZES", sizes::<mldsa::MlDsa65>())?;
    m.add("MLDSA87_SIZES", sizes::<mldsa::MlDsa87>())?;
    Ok(())
}
