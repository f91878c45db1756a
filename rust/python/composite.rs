//! Composite ML-DSA's classes: `CompositePrivateKey` (sign) and
//! `CompositePublicKey` (verify), the family bases of the eighteen
//! `MLDSA65_ECDSA_P256_SHA512PrivateKey`-style leaves. Signing and
//! verification take a context of at most 255 bytes, like ML-DSA's. The RSA
//! composites load keys and verify; their `generate` and `sign` raise
//! `UnsupportedAlgorithm` (see `crate::composite::rsa`).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::pyclass_init::PyClassInitializer;

use super::keys::PyKey;
use super::signature::{
    context_private_init, context_public_init, context_signer, ContextPrivateBase,
    ContextPublicBase, ContextSigner, ContextVerifier,
};
use crate::algorithms::Algorithm;
use crate::composite::{CompositeAlgorithm, CompositeParams, SigningKey, VerifyingKey};
use crate::error::Result;

context_signer!(CompositeParams, SigningKey, VerifyingKey);

/// A Composite ML-DSA private (signing) key: `sign` and `sign_deterministic`
/// with a context come from `ContextSignaturePrivateKey` (draft
/// Composite-ML-DSA.Sign; ECDSA per RFC 6979 when deterministic; RSA
/// composites raise `UnsupportedAlgorithm`).
#[pyclass(name = "CompositePrivateKey", extends = ContextPrivateBase, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct PrivateBase {}

/// A Composite ML-DSA public (verifying) key: `verify` with a context comes
/// from `ContextSignaturePublicKey` (both components must verify).
#[pyclass(name = "CompositePublicKey", extends = ContextPublicBase, subclass, frozen,
          module = "pqfence._native")]
pub(crate) struct PublicBase {}

/// The bases of an algorithm's private-key class, holding the key.
pub(crate) fn private_init<C: CompositeParams>(
    key: SigningKey<C>,
) -> PyClassInitializer<PrivateBase>
where
    SigningKey<C>: PyKey,
{
    context_private_init(Arc::new(key)).add_subclass(PrivateBase {})
}

/// The bases of an algorithm's public-key class, holding the key.
pub(crate) fn public_init<C: CompositeParams>(
    key: VerifyingKey<C>,
) -> PyClassInitializer<PublicBase>
where
    VerifyingKey<C>: crate::keys::PublicKey,
{
    context_public_init(Arc::new(key)).add_subclass(PublicBase {})
}

/// An algorithm's private leaf class: `generate`, and the raw private key
/// (mldsaSeed || tradSK) through `from_private_bytes`; `from_seed_bytes` is
/// the same constructor, under the name the registry and the other families
/// use (Composite ML-DSA defines no other seed).
macro_rules! constructors {
    ($class:ident, $key:ty, $name:literal) => {
        #[::pyo3::pymethods]
        impl $class {
            /// Generates a key pair: a fresh ML-DSA seed and traditional key
            /// from the OS (RSA composites raise `UnsupportedAlgorithm`).
            #[staticmethod]
            fn generate(py: ::pyo3::Python<'_>) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, <$key as $crate::keys::KeyPair>::generate_key)?
                    .into_python(py)
            }

            /// Loads the raw private key, mldsaSeed || tradSK (the draft's
            /// serialization, with the traditional key's checks).
            #[staticmethod]
            fn from_private_bytes(
                py: ::pyo3::Python<'_>,
                data: $crate::python::Buf,
            ) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, || <$key>::from_bytes(&data))?.into_python(py)
            }

            /// The same as `from_private_bytes`: a composite's compact
            /// private key is its raw key (the draft defines no other seed).
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

            /// The algorithm's name (the draft's).
            #[classattr]
            fn algorithm() -> &'static str {
                $name
            }
        }
    };
}
pub(crate) use constructors;

pub(crate) use super::keys::standard_public as public_methods;

/// An algorithm's classes (called by its row through `crate::composite::declare`).
macro_rules! classes {
    ($t:ty, $py:ident, $name:literal) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            composite,
            $crate::composite::SigningKey<$t>,
            $crate::composite::VerifyingKey<$t>
        );
    };
}
pub(crate) use classes;

/// The docstrings of an algorithm's two leaf classes (see
/// `super::leaf_docs`): a composite's sizes vary, so the catalogue's are
/// given as maxima, and its one private key form is the raw key.
pub(crate) fn leaf_docs(a: &Algorithm, c: &CompositeAlgorithm, files: &str) -> (String, String) {
    let (sig_min, sig_max) = c.signature_len;
    let (pk_min, pk_max) = c.public_key_len;
    let range = |lo: usize, hi: usize| {
        if lo == hi {
            format!("{hi}")
        } else {
            format!("{lo} to {hi}")
        }
    };
    let sign = if c.can_sign {
        format!(
            "`sign()` and `sign_deterministic()` return a signature of {} bytes.",
            range(sig_min, sig_max)
        )
    } else {
        "Verification only: `generate()` and `sign()` raise `UnsupportedAlgorithm` \
         (RSA signing, RUSTSEC-2023-0071)."
            .to_string()
    };
    let private_doc = format!(
        "{name} private key, {standard} ({mldsa} with {trad}).\n\n\
         The private key is the raw key mldsaSeed || tradSK (`private_bytes_raw()`, \
         `from_private_bytes()`, `from_seed_bytes()`), at most {sk} bytes; the public \
         key is {pk} bytes. {sign}\n\n{files}",
        name = a.name,
        standard = a.standard,
        mldsa = c.mldsa,
        trad = c.traditional,
        sk = c.private_key_max,
        pk = range(pk_min, pk_max),
    );
    let public_doc = format!(
        "{name} public key, {standard}: {pk} bytes (`public_bytes_raw()`, \
         `from_public_bytes()`). `verify()` checks a signature of {sig} bytes.\n\n{files}",
        name = a.name,
        standard = a.standard,
        pk = range(pk_min, pk_max),
        sig = range(sig_min, sig_max),
    );
    (private_doc, public_doc)
}

/// Adds the family's base classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PrivateBase>()?;
    m.add_class::<PublicBase>()?;
    Ok(())
}
