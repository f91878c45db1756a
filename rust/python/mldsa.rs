//! ML-DSA's classes: the leaves `MLDSA{44,65,87}{PrivateKey,PublicKey}`
//! under `SignaturePrivateKey` / `SignaturePublicKey` (signature.rs), with
//! ML-DSA's own external-mu methods, and `MLDSAMuHasher` (shaped like
//! pyca/cryptography's).

use std::sync::{Mutex, MutexGuard};

use pyo3::prelude::*;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::PyBytes;

use super::keys::PyKey;
use super::signature;
use super::{buf_or_empty, AlreadyFinalized, Buf};
use crate::mldsa::{DsaParams, MuBuilder, SigningKey, VerifyingKey};

pub(crate) use signature::{PrivateBase, PublicBase};

/// The bases of a set's private-key class, holding the key.
pub(crate) fn private_init<P: DsaParams>(key: SigningKey<P>) -> PyClassInitializer<PrivateBase>
where
    SigningKey<P>: PyKey,
{
    signature::private_init(key)
}

/// The bases of a set's public-key class, holding the key and its tr.
pub(crate) fn public_init<P: DsaParams>(key: VerifyingKey<P>) -> PyClassInitializer<PublicBase> {
    let tr = key.tr();
    signature::public_init(key, Some(tr))
}

/// Signs a precomputed 64-byte mu (it already binds the context).
pub(crate) fn sign_mu<'py, P: DsaParams>(
    obj: &Bound<'py, PyAny>,
    mu: &[u8],
    deterministic: bool,
) -> PyResult<Bound<'py, PyBytes>>
where
    SigningKey<P>: PyKey,
{
    let key = super::keys::concrete::<SigningKey<P>>(obj)?;
    let sig = obj.py().detach(|| key.sign_mu(mu, deterministic))?;
    Ok(PyBytes::new(obj.py(), sig.as_bytes()))
}

/// Verifies a signature over a precomputed 64-byte mu.
pub(crate) fn verify_mu<P: DsaParams>(
    obj: &Bound<'_, PyAny>,
    mu: &[u8],
    sig: &[u8],
) -> PyResult<()> {
    let key = super::keys::concrete::<VerifyingKey<P>>(obj)?;
    Ok(obj.py().detach(|| key.verify_mu(mu, sig))?)
}

/// A set's private leaf class: the standard constructors and `sign_mu`.
macro_rules! constructors {
    ($class:ident, $key:ty, $name:literal) => {
        $crate::python::keys::standard_constructors!($class, $key, $name, {
            /// Signs a precomputed mu (FIPS 204 external mu), from `MLDSAMuHasher`.
            ///
            /// :param mu: the 64-byte mu; it already binds the public key,
            ///     the context and the message.
            /// :param deterministic: sign deterministically instead of hedged.
            /// :returns: a pure ML-DSA signature: `verify()` over the message
            ///     (with the same context) accepts it.
            /// :raises InvalidLength: `mu` is not 64 bytes.
            #[pyo3(signature = (mu, deterministic=false))]
            fn sign_mu<'py>(
                slf: &::pyo3::Bound<'py, Self>,
                mu: $crate::python::Buf,
                deterministic: bool,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::types::PyBytes>> {
                $crate::python::mldsa::sign_mu::<<$key as $crate::python::mldsa::Params>::P>(
                    slf.as_any(),
                    &mu,
                    deterministic,
                )
            }
        });
    };
}
pub(crate) use constructors;

/// A set's public leaf class: `from_public_bytes` and `verify_mu`.
macro_rules! public_methods {
    ($class:ident, $pk:ty, $name:literal) => {
        $crate::python::keys::standard_public!($class, $pk, $name, {
            /// Verifies a signature over a precomputed mu (`MLDSAMuHasher`).
            ///
            /// :param signature: the signature.
            /// :param mu: the 64-byte mu of the message under this key.
            /// :returns: `None`.
            /// :raises InvalidSignature: the signature does not verify.
            /// :raises InvalidLength: `mu` is not 64 bytes.
            fn verify_mu(
                slf: &::pyo3::Bound<'_, Self>,
                signature: $crate::python::Buf,
                mu: $crate::python::Buf,
            ) -> ::pyo3::PyResult<()> {
                $crate::python::mldsa::verify_mu::<<$pk as $crate::python::mldsa::Params>::P>(
                    slf.as_any(),
                    &mu,
                    &signature,
                )
            }
        });
    };
}
pub(crate) use public_methods;

/// The parameter set of an ML-DSA key type (for the leaf macros).
pub(crate) trait Params {
    type P: DsaParams;
}
impl<P: DsaParams> Params for SigningKey<P> {
    type P = P;
}
impl<P: DsaParams> Params for VerifyingKey<P> {
    type P = P;
}

/// A set's classes (called by the set's row through `crate::mldsa::declare`).
macro_rules! classes {
    ($t:ty, $py:ident, $name:literal) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            mldsa,
            $crate::mldsa::SigningKey<$t>,
            $crate::mldsa::VerifyingKey<$t>
        );
    };
}
pub(crate) use classes;

/// Builds ML-DSA's mu from a message fed in pieces (like pyca's
/// `MLDSAMuHasher`): `MLDSAMuHasher(public_key, context=None)`, then
/// `update(data)` any number of times, then `finalize()` for the 64 bytes to
/// pass to `sign_mu` / `verify_mu`.
///
/// The class is frozen: its state sits behind a mutex, so threads sharing one
/// hasher take turns (each `update` is absorbed whole) instead of failing
/// with "Already borrowed". The order of concurrent updates is the order in
/// which they take the lock.
///
/// :param public_key: the ML-DSA public key the signature will be checked
///     against (mu binds it).
/// :param context: the context string, at most 255 bytes.
/// :raises TypeError: `public_key` is not an ML-DSA public key.
/// :raises ContextTooLong: the context is longer than 255 bytes.
#[pyclass(frozen, module = "pqfence._native")]
pub struct MLDSAMuHasher {
    inner: Mutex<Option<MuBuilder>>,
}

impl MLDSAMuHasher {
    /// The state, locked. A panic cannot happen while the lock is held (the
    /// sponge never panics), but a poisoned lock is still an error, not a
    /// second panic.
    fn state(&self) -> PyResult<MutexGuard<'_, Option<MuBuilder>>> {
        self.inner.lock().map_err(|_| {
            crate::Error::Internal {
                code: crate::ffi::codes::FAULT,
            }
            .into()
        })
    }
}

#[pymethods]
impl MLDSAMuHasher {
    #[new]
    #[pyo3(signature = (public_key, context=None))]
    fn new(public_key: &Bound<'_, PyAny>, context: Option<Buf>) -> PyResult<Self> {
        let tr = public_key
            .cast::<signature::PublicBase>()
            .ok()
            .and_then(|k| k.get().tr)
            .ok_or_else(|| {
                pyo3::exceptions::PyTypeError::new_err("public_key must be an ML-DSA public key")
            })?;
        let ctx = buf_or_empty(context);
        Ok(Self {
            inner: Mutex::new(Some(MuBuilder::new(&tr, &ctx)?)),
        })
    }

    /// Absorbs more of the message (the GIL is released meanwhile).
    ///
    /// :param data: the next piece of the message.
    /// :raises AlreadyFinalized: `finalize()` was called.
    fn update(&self, py: Python<'_>, data: Buf) -> PyResult<()> {
        // Nothing inside needs the GIL (errors become exceptions after), so a
        // thread holding the GIL while it waits for the lock cannot deadlock.
        let absorbed = py.detach(|| -> crate::Result<bool> {
            let mut state = self.inner.lock().map_err(|_| crate::Error::Internal {
                code: crate::ffi::codes::FAULT,
            })?;
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

    /// A copy of the hasher in its current state, to finish two ways.
    ///
    /// :returns: a new `MLDSAMuHasher`.
    /// :raises AlreadyFinalized: `finalize()` was called.
    fn copy(&self) -> PyResult<Self> {
        match self.state()?.as_ref() {
            Some(b) => Ok(Self {
                inner: Mutex::new(Some(b.clone())),
            }),
            None => Err(already_finalized()),
        }
    }

    /// Finishes the hash; the hasher cannot be used afterwards.
    ///
    /// :returns: the 64-byte mu, for `sign_mu()` / `verify_mu()`.
    /// :raises AlreadyFinalized: `finalize()` was already called.
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
    AlreadyFinalized::new_err("MLDSAMuHasher was already finalized")
}

/// Adds `MLDSAMuHasher`.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MLDSAMuHasher>()?;
    Ok(())
}
