//! The hybrid KEMs' classes, leaves under `KEMPrivateKey` / `KEMPublicKey`
//! (`mlkem.rs`): the CG hybrids of `crate::hybrid::xwing` (X-Wing =
//! `MLKEM768X25519PrivateKey`, `MLKEM768P256...`, `MLKEM1024P384...`) and
//! Composite ML-KEM (`CompositeMLKEM768P256PrivateKey`, ...).
//!
//! The CG hybrids' classes also take their two components, as
//! pyca/cryptography's `hpke.MLKEM768X25519PrivateKey(mlkem_key, x25519_key)`
//! does: any object with pyca's accessors (`private_bytes_raw()`, or
//! `private_numbers()` for elliptic-curve keys; `public_bytes_raw()` or
//! `public_numbers()`), so pqfence's and pyca's ML-KEM keys and pyca's
//! X25519 / EC keys all work. [`raw_private`] and [`raw_public`] read them
//! (HPKE uses them too).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use zeroize::Zeroizing;

use super::mlkem::{Decapsulator, Encapsulator};
use crate::error::Result;
use crate::hybrid::composite_kem::{self, CompositeParams};
use crate::hybrid::{self, HybridParams};
use crate::mlkem::{KemParams, SharedSecret};
use crate::secret::ByteArray;

impl<P: HybridParams> Decapsulator for hybrid::DecapsulationKey<P> {
    fn decapsulate(&self, ct: &[u8]) -> Result<SharedSecret> {
        self.decapsulate_bytes(ct)
    }
}

impl<P: HybridParams> Encapsulator for hybrid::EncapsulationKey<P> {
    fn encapsulate(&self, eseed: Option<&[u8]>) -> Result<(SharedSecret, Vec<u8>)> {
        let (ss, ct) = match eseed {
            Some(e) => self.encapsulate_deterministic(e)?,
            None => hybrid::EncapsulationKey::encapsulate(self)?,
        };
        Ok((ss, ct.as_bytes().to_vec()))
    }
}

impl<P: CompositeParams> Decapsulator for composite_kem::DecapsulationKey<P> {
    fn decapsulate(&self, ct: &[u8]) -> Result<SharedSecret> {
        self.decapsulate_bytes(ct)
    }
}

impl<P: CompositeParams> Encapsulator for composite_kem::EncapsulationKey<P> {
    fn encapsulate(&self, eseed: Option<&[u8]>) -> Result<(SharedSecret, Vec<u8>)> {
        let (ss, ct) = match eseed {
            Some(e) => self.encapsulate_deterministic(e)?,
            None => composite_kem::EncapsulationKey::encapsulate(self)?,
        };
        Ok((ss, ct.as_bytes().to_vec()))
    }
}

fn wrong_key(what: &str) -> PyErr {
    PyTypeError::new_err(format!("expected {what}"))
}

/// A Python int as `len` big-endian bytes (zeroizing), or `None` when it
/// does not fit.
fn int_bytes(int: &Bound<'_, PyAny>, len: usize) -> Option<Zeroizing<Vec<u8>>> {
    let bytes = int.call_method1("to_bytes", (len, "big")).ok()?;
    let bytes = bytes.extract::<super::Buf>().ok()?;
    Some(bytes.into_zeroizing())
}

/// The raw private key of a foreign key object (`len` bytes):
/// `private_bytes_raw()` (pyca's X25519 / X448 / ML-KEM keys, pqfence's
/// keys) or `private_numbers().private_value` as a big-endian scalar (pyca's
/// elliptic-curve keys). Anything else, or another length, is a
/// `TypeError` naming `what`.
pub(crate) fn raw_private(
    obj: &Bound<'_, PyAny>,
    len: usize,
    what: &str,
) -> PyResult<Zeroizing<Vec<u8>>> {
    let raw = if let Ok(f) = obj.getattr("private_bytes_raw") {
        f.call0()?.extract::<super::Buf>()?.into_zeroizing()
    } else if let Ok(f) = obj.getattr("private_numbers") {
        let value = f.call0()?.getattr("private_value")?;
        int_bytes(&value, len).ok_or_else(|| wrong_key(what))?
    } else {
        return Err(wrong_key(what));
    };
    if raw.len() != len {
        return Err(wrong_key(what));
    }
    Ok(raw)
}

/// The raw public key of a foreign key object (`len` bytes):
/// `public_bytes_raw()`, or the uncompressed SEC1 point `04 || x || y` from
/// `public_numbers()` (pyca's elliptic-curve keys).
pub(crate) fn raw_public(obj: &Bound<'_, PyAny>, len: usize, what: &str) -> PyResult<Vec<u8>> {
    let raw = if let Ok(f) = obj.getattr("public_bytes_raw") {
        f.call0()?
            .extract::<super::Buf>()?
            .into_zeroizing()
            .to_vec()
    } else if let Ok(f) = obj.getattr("public_numbers") {
        let numbers = f.call0()?;
        let n = len.saturating_sub(1) / 2;
        let x = int_bytes(&numbers.getattr("x")?, n).ok_or_else(|| wrong_key(what))?;
        let y = int_bytes(&numbers.getattr("y")?, n).ok_or_else(|| wrong_key(what))?;
        [&[0x04][..], &x, &y].concat()
    } else {
        return Err(wrong_key(what));
    };
    if raw.len() != len {
        return Err(wrong_key(what));
    }
    Ok(raw)
}

/// A CG hybrid's private key from its components (pyca/cryptography's
/// `MLKEM768X25519PrivateKey(mlkem_key, x25519_key)`): the ML-KEM key's
/// 64-byte seed and the group's private key, each checked against the
/// component's own public key (so a key of another set or curve is a
/// `TypeError`).
pub(crate) fn hybrid_private<P: HybridParams>(
    py: Python<'_>,
    mlkem_key: &Bound<'_, PyAny>,
    trad_key: &Bound<'_, PyAny>,
) -> PyResult<hybrid::DecapsulationKey<P>> {
    let pq_name = <P::Pq as KemParams>::NAME;
    let what_m = format!("an {pq_name} private key with its seed");
    let what_t = format!("the {} half's private key", P::NAME);
    let mut expanded = raw_private(mlkem_key, 64, &what_m)?;
    expanded.extend_from_slice(&raw_private(trad_key, P::T_SK, &what_t)?);
    let key = py.detach(|| hybrid::DecapsulationKey::<P>::from_expanded_bytes(&expanded))?;
    let pk_m = raw_public(
        &mlkem_key.call_method0("public_key")?,
        <P::Pq as KemParams>::Ek::LEN,
        &what_m,
    )?;
    let pk_t = raw_public(&trad_key.call_method0("public_key")?, P::T_PK, &what_t)?;
    let ek = key.encapsulation_key();
    if pk_m != ek.pq_key().as_bytes() {
        return Err(wrong_key(&what_m));
    }
    if pk_t != ek.traditional_bytes() {
        return Err(wrong_key(&what_t));
    }
    Ok(key)
}

/// A CG hybrid's public key from its components.
pub(crate) fn hybrid_public<P: HybridParams>(
    py: Python<'_>,
    mlkem_key: &Bound<'_, PyAny>,
    trad_key: &Bound<'_, PyAny>,
) -> PyResult<hybrid::EncapsulationKey<P>> {
    let pq_name = <P::Pq as KemParams>::NAME;
    let mut bytes = raw_public(
        mlkem_key,
        <P::Pq as KemParams>::Ek::LEN,
        &format!("an {pq_name} public key"),
    )?;
    bytes.extend(raw_public(
        trad_key,
        P::T_PK,
        &format!("the {} half's public key", P::NAME),
    )?);
    Ok(py.detach(|| hybrid::EncapsulationKey::<P>::from_bytes(&bytes))?)
}

/// The CG hybrids (`crate::hybrid::xwing`): the standard constructors (the
/// 32-byte seed; the expanded key `d || z || sk_T`) and pyca's
/// `(mlkem_key, <group>_key)` constructor.
pub(crate) mod xwing {
    pub(crate) use super::super::mlkem::{private_init, public_init, PrivateBase, PublicBase};

    /// A set's private leaf class.
    macro_rules! constructors {
        ($class:ident, $key:ty, $name:literal, $group:ident) => {
            $crate::ffi::paste! {
                $crate::python::keys::standard_constructors!($class, $key, $name, {
                    /// The key from its components (pyca/cryptography's
                    /// signature): an ML-KEM private key with its seed and
                    /// the group's private key (pyca's, or any object with
                    /// its accessors). Such a key has no 32-byte seed.
                    #[new]
                    fn new(
                        py: ::pyo3::Python<'_>,
                        mlkem_key: &::pyo3::Bound<'_, ::pyo3::PyAny>,
                        [<$group:lower _key>]: &::pyo3::Bound<'_, ::pyo3::PyAny>,
                    ) -> ::pyo3::PyResult<::pyo3::PyClassInitializer<Self>> {
                        let key: $key = $crate::python::hybrid::hybrid_private(
                            py, mlkem_key, [<$group:lower _key>],
                        )?;
                        Ok($crate::python::mlkem::private_init(key).add_subclass(Self))
                    }
                });
            }
        };
    }
    pub(crate) use constructors;

    /// A set's public leaf class.
    macro_rules! public_methods {
        ($class:ident, $pk:ty, $name:literal, $group:ident) => {
            $crate::ffi::paste! {
                $crate::python::keys::standard_public!($class, $pk, $name, {
                    /// The key from its components (pyca/cryptography's
                    /// signature): an ML-KEM public key and the group's.
                    #[new]
                    fn new(
                        py: ::pyo3::Python<'_>,
                        mlkem_key: &::pyo3::Bound<'_, ::pyo3::PyAny>,
                        [<$group:lower _key>]: &::pyo3::Bound<'_, ::pyo3::PyAny>,
                    ) -> ::pyo3::PyResult<::pyo3::PyClassInitializer<Self>> {
                        let key: $pk = $crate::python::hybrid::hybrid_public(
                            py, mlkem_key, [<$group:lower _key>],
                        )?;
                        Ok($crate::python::mlkem::public_init(key).add_subclass(Self))
                    }
                });
            }
        };
    }
    pub(crate) use public_methods;
}

/// Composite ML-KEM: the standard constructors, where the seed and the
/// expanded key are both the draft's serialization `mlkemSeed || tradSK`.
pub(crate) mod composite {
    pub(crate) use super::super::keys::{
        standard_constructors as constructors, standard_public as public_methods,
    };
    pub(crate) use super::super::mlkem::{private_init, public_init, PrivateBase, PublicBase};
}

/// A CG hybrid's classes (called by its row through `crate::xwing::declare`).
macro_rules! xwing_classes {
    ($t:ty, $py:ident, $name:literal, $group:ident) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            hybrid::xwing,
            $crate::hybrid::DecapsulationKey<$t>,
            $crate::hybrid::EncapsulationKey<$t>,
            $group
        );
    };
}
pub(crate) use xwing_classes;

/// A composite KEM's classes (called by its row through
/// `crate::composite_kem::declare`).
macro_rules! composite_classes {
    ($t:ty, $py:ident, $name:literal) => {
        $crate::python::keys::key_classes!(
            $t,
            $py,
            $name,
            hybrid::composite,
            $crate::hybrid::composite_kem::DecapsulationKey<$t>,
            $crate::hybrid::composite_kem::EncapsulationKey<$t>
        );
    };
}
pub(crate) use composite_classes;
