//! SLH-DSA's classes: the leaves `SLHDSA_SHA2_128s{PrivateKey,PublicKey}`
//! and the eleven other sets, under `SignaturePrivateKey` /
//! `SignaturePublicKey` (signature.rs), with SLH-DSA's own
//! `sign_unverified`.

use pyo3::prelude::*;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::PyBytes;

use super::keys::PyKey;
use super::signature;
use crate::slhdsa::{SigningKey, SlhParams, VerifyingKey};

pub(crate) use super::keys::standard_public as public_methods;
pub(crate) use signature::{PrivateBase, PublicBase};

/// The bases of a set's private-key class, holding the key.
pub(crate) fn private_init<P: SlhParams>(key: SigningKey<P>) -> PyClassInitializer<PrivateBase>
where
    SigningKey<P>: PyKey,
{
    signature::private_init(key)
}

/// The bases of a set's public-key class, holding the key.
pub(crate) fn public_init<P: SlhParams>(key: VerifyingKey<P>) -> PyClassInitializer<PublicBase> {
    signature::public_init(key, None)
}

/// Signs without verifying the signature first (see `SigningKey::sign`).
pub(crate) fn sign_unverified<'py, P: SlhParams>(
    obj: &Bound<'py, PyAny>,
    msg: &[u8],
    ctx: &[u8],
) -> PyResult<Bound<'py, PyBytes>> {
    let key = super::keys::concrete::<SigningKey<P>>(obj)?;
    let sig = obj.py().detach(|| key.sign_unverified(msg, ctx))?;
    Ok(PyBytes::new(obj.py(), sig.as_bytes()))
}

/// A set's private leaf class: the standard constructors and `sign_unverified`.
macro_rules! constructors {
    ($class:ident, $key:ty, $name:literal) => {
        $crate::python::keys::standard_constructors!($class, $key, $name, {
            /// Signs without verifying the signature first.
            ///
            /// `sign()` verifies every SLH-DSA signature before returning it,
            /// because a single faulty signature can help a forger; this skips
            /// that check (faster, and a fault then goes unnoticed).
            ///
            /// :param data: the message.
            /// :param context: the context string, at most 255 bytes.
            /// :returns: the signature.
            /// :raises ContextTooLong: the context is longer than 255 bytes.
            /// :raises RandomnessError: the OS random number generator failed.
            #[pyo3(signature = (data, context=None))]
            fn sign_unverified<'py>(
                slf: &::pyo3::Bound<'py, Self>,
                data: $crate::python::Buf,
                context: Option<$crate::python::Buf>,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::types::PyBytes>> {
                let ctx = $crate::python::buf_or_empty(context);
                $crate::python::slhdsa::sign_unverified::<<$key as $crate::python::slhdsa::Params>::P>(
                    slf.as_any(), &data, &ctx)
            }
        });
    };
}
pub(crate) use constructors;

/// The parameter set of an SLH-DSA signing key (for the leaf macro).
pub(crate) trait Params {
    type P: SlhParams;
}
impl<P: SlhParams> Params for SigningKey<P> {
    type P = P;
}

/// A set's classes (called by the set's row through `crate::slhdsa::declare`).
macro_rules! classes {
    ($t:ty, $py:ident, $name:literal) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            slhdsa,
            $crate::slhdsa::SigningKey<$t>,
            $crate::slhdsa::VerifyingKey<$t>
        );
    };
}
pub(crate) use classes;

/// Nothing of its own to add: the bases are signature.rs's.
pub(crate) fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
