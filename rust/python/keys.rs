//! The two root classes, `PrivateKey` and `PublicKey`: what every key of
//! every family offers (raw bytes, `private_bytes` / `public_bytes`,
//! equality, copying, pickling rules, `public_key()`), written once over the
//! core traits [`KeyPair`] / [`PublicKey`](crate::keys::PublicKey). Also
//! [`key_classes!`], which declares a parameter set's two leaf classes.

use std::any::Any;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::serialization::{self, PrivateRequest, PublicRequest};
use crate::algorithms::Algorithm;
use crate::encoding::{self, Kdf, PrivateKeyForm};
use crate::error::Result;
use crate::keys::{self as core_keys, KeyPair};

/// A private key of any set, behind the root class.
pub(crate) trait PrivateKeyObj: Send + Sync {
    fn algorithm(&self) -> &'static Algorithm;
    fn seed(&self) -> Option<&[u8]>;
    fn expanded(&self) -> &[u8];
    /// The public key, as an object of its set's Python class.
    fn public_object(&self, py: Python<'_>) -> PyResult<Py<PyAny>>;
    /// PKCS#8, DER or PEM, encrypted when a password is given.
    fn pkcs8(
        &self,
        form: PrivateKeyForm,
        pem: bool,
        encryption: Option<(&[u8], Kdf)>,
    ) -> Result<Zeroizing<Vec<u8>>>;
}

/// A public key of any set, behind the root class.
pub(crate) trait PublicKeyObj: Send + Sync {
    fn algorithm(&self) -> &'static Algorithm;
    fn bytes(&self) -> &[u8];
    /// SubjectPublicKeyInfo, DER or PEM.
    fn spki(&self, pem: bool) -> Result<Vec<u8>>;
}

/// The Python classes of a set's keys (implemented by [`key_classes!`]).
pub(crate) trait PyKey: KeyPair {
    /// Wraps the key in its set's private-key class.
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
    /// Wraps a public key of the set in its public-key class.
    fn public_into_python(key: Self::Public, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

/// The Python class of a set's public keys (implemented by [`key_classes!`]).
pub(crate) trait PyPublic: core_keys::PublicKey {
    /// Wraps the key in its set's public-key class.
    fn into_python(self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

/// A parameter set's registration (implemented by [`key_classes!`]).
pub(crate) trait PySet {
    /// Adds the set's two classes to the module; returns its `ALGORITHMS` record.
    fn register<'py>(m: &Bound<'py, PyModule>, family: &str) -> PyResult<Bound<'py, PyDict>>;
}

impl<K: PyKey> PrivateKeyObj for K {
    fn algorithm(&self) -> &'static Algorithm {
        K::ALGORITHM
    }
    fn seed(&self) -> Option<&[u8]> {
        self.seed_bytes()
    }
    fn expanded(&self) -> &[u8] {
        self.expanded_key_bytes()
    }
    fn public_object(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        K::public_into_python(KeyPair::public_key(self).clone(), py)
    }
    fn pkcs8(
        &self,
        form: PrivateKeyForm,
        pem: bool,
        encryption: Option<(&[u8], Kdf)>,
    ) -> Result<Zeroizing<Vec<u8>>> {
        Ok(Zeroizing::new(match (pem, encryption) {
            (false, None) => encoding::to_pkcs8_der(self, form)?.as_bytes().to_vec(),
            (true, None) => encoding::to_pkcs8_pem(self, form)?.as_bytes().to_vec(),
            (false, Some((pw, kdf))) => encoding::to_pkcs8_encrypted_der(self, form, pw, kdf)?
                .as_bytes()
                .to_vec(),
            (true, Some((pw, kdf))) => {
                encoding::to_pkcs8_encrypted_pem(self, form, pw, kdf)?.into_bytes()
            }
        }))
    }
}

impl<K: core_keys::PublicKey> PublicKeyObj for K {
    fn algorithm(&self) -> &'static Algorithm {
        K::ALGORITHM
    }
    fn bytes(&self) -> &[u8] {
        self.public_key_bytes()
    }
    fn spki(&self, pem: bool) -> Result<Vec<u8>> {
        Ok(if pem {
            encoding::to_public_key_pem(self)?.into_bytes()
        } else {
            encoding::to_public_key_der(self)?.as_bytes().to_vec()
        })
    }
}

/// The root of every private-key class.
#[pyclass(subclass, frozen, module = "pqfence._native")]
pub(crate) struct PrivateKey {
    pub(crate) key: Arc<dyn PrivateKeyObj>,
    /// The same key, for a leaf class's own methods to reach its concrete
    /// type ([`concrete`]).
    pub(crate) any: Arc<dyn Any + Send + Sync>,
}

#[pymethods]
impl PrivateKey {
    /// The matching public key.
    ///
    /// :returns: the public key, an object of the set's public-key class
    ///     (`MLKEM768PublicKey` for an `MLKEM768PrivateKey`, ...).
    fn public_key(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.key.public_object(py)
    }

    /// The compact private key: the seed the key derives from (a secret).
    ///
    /// 64 bytes for ML-KEM, 32 for ML-DSA, 48 for Falcon, 3n for SLH-DSA
    /// (SK.seed || SK.prf || PK.seed); `from_seed_bytes()` loads it back.
    ///
    /// :returns: the seed, `seed_bytes` long (`pqfence.algorithms()`).
    /// :raises InvalidKey: the key was loaded from its expanded form and has
    ///     no seed; use `private_bytes_expanded()`.
    fn private_bytes_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        match self.key.seed() {
            Some(seed) => Ok(PyBytes::new(py, seed)),
            None => Err(crate::Error::InvalidKey {
                reason: "this key was loaded in expanded form; its seed is not recoverable (use private_bytes_expanded())",
            }
            .into()),
        }
    }

    /// The standard's expanded private key encoding (a secret).
    ///
    /// The FIPS 203 / FIPS 204 decapsulation or signing key, SLH-DSA's 4n-byte
    /// key, Falcon's secret-key encoding; `from_expanded_bytes()` loads it back.
    ///
    /// :returns: the key, `private_key_bytes` long (`pqfence.algorithms()`).
    fn private_bytes_expanded<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.key.expanded())
    }

    /// Serializes the key (pyca/cryptography's signature).
    ///
    /// :param encoding: `Encoding.PEM` or `Encoding.DER` (PKCS#8), or
    ///     `Encoding.Raw` (with `PrivateFormat.Raw`).
    /// :param format: `PrivateFormat.PKCS8` or `PrivateFormat.Raw`.
    /// :param encryption_algorithm: `NoEncryption()`,
    ///     `BestAvailableEncryption(password)` or `PBES2Encryption(...)`
    ///     (PKCS#8 only).
    /// :param form: `PrivateKeyForm.SEED` (the default), `EXPANDED` or `BOTH`
    ///     (PKCS#8 holds both; `Raw` takes SEED or EXPANDED). SLH-DSA's
    ///     PKCS#8 has one form, whichever is chosen.
    /// :returns: the encoded key.
    /// :raises InvalidEncoding: a combination these keys do not support
    ///     (PKCS#8 for Falcon, which has no OID; OpenSSH; encryption with Raw).
    /// :raises InvalidKey: the seed form of a key loaded without its seed.
    /// :raises ValueError: a password longer than 1023 bytes.
    #[pyo3(signature = (encoding, format, encryption_algorithm, form=None))]
    fn private_bytes<'py>(
        &self,
        py: Python<'py>,
        encoding: &Bound<'py, PyAny>,
        format: &Bound<'py, PyAny>,
        encryption_algorithm: &Bound<'py, PyAny>,
        form: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let request = PrivateRequest::read(encoding, format, encryption_algorithm, form)?;
        let key = &*self.key;
        let out = py.detach(|| serialization::private_bytes(key, &request))?;
        Ok(PyBytes::new(py, &out))
    }

    /// Compares in constant time; keys of different sets are unequal.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PrivateKey>() {
            Ok(o) => {
                let o = &o.get().key;
                core::ptr::eq(self.key.algorithm(), o.algorithm())
                    && bool::from(self.key.expanded().ct_eq(o.expanded()))
            }
            Err(_) => false,
        }
    }

    fn __repr__(&self) -> String {
        format!("<{} private key (redacted)>", self.key.algorithm().name)
    }

    /// `copy.copy`: the same object (keys are immutable; the secret is not
    /// duplicated).
    fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// `copy.deepcopy`: the same object, as for `copy.copy`. Pickling stays
    /// refused.
    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf.clone().unbind()
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<()> {
        Err(super::no_pickle(&slf.get_type().name()?.to_string()))
    }
}

/// The root of every public-key class.
#[pyclass(subclass, frozen, module = "pqfence._native")]
pub(crate) struct PublicKey {
    pub(crate) key: Arc<dyn PublicKeyObj>,
    /// The same key, for a leaf class's own methods ([`concrete`]).
    pub(crate) any: Arc<dyn Any + Send + Sync>,
}

impl PrivateKey {
    /// The root of a new private-key object holding `key`.
    pub(crate) fn new<K: PrivateKeyObj + Any>(key: &Arc<K>) -> Self {
        PrivateKey {
            key: key.clone(),
            any: key.clone(),
        }
    }
}

impl PublicKey {
    /// The root of a new public-key object holding `key`.
    pub(crate) fn new<K: PublicKeyObj + Any>(key: &Arc<K>) -> Self {
        PublicKey {
            key: key.clone(),
            any: key.clone(),
        }
    }
}

/// The key inside a leaf-class object, as its concrete type `K` (a leaf
/// class's own methods know it).
pub(crate) fn concrete<K: Any + Send + Sync>(obj: &Bound<'_, PyAny>) -> PyResult<Arc<K>> {
    let any = if let Ok(k) = obj.cast::<PrivateKey>() {
        k.get().any.clone()
    } else {
        obj.cast::<PublicKey>()?.get().any.clone()
    };
    any.downcast::<K>().map_err(|_| {
        crate::Error::Internal {
            code: crate::ffi::codes::FAULT,
        }
        .into()
    })
}

#[pymethods]
impl PublicKey {
    /// The encoded public key, as the standard defines it.
    ///
    /// `from_public_bytes()` loads it back.
    ///
    /// :returns: the key, `public_key_bytes` long (`pqfence.algorithms()`).
    fn public_bytes_raw<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.key.bytes())
    }

    /// Serializes the key (pyca/cryptography's signature).
    ///
    /// :param encoding: `Encoding.PEM`, `Encoding.DER` or `Encoding.Raw`.
    /// :param format: `PublicFormat.SubjectPublicKeyInfo` (PEM, DER) or
    ///     `PublicFormat.Raw` (Raw).
    /// :returns: the encoded key.
    /// :raises InvalidEncoding: a combination these keys do not support
    ///     (SubjectPublicKeyInfo for Falcon, which has no OID; OpenSSH; PKCS1).
    fn public_bytes<'py>(
        &self,
        py: Python<'py>,
        encoding: &Bound<'py, PyAny>,
        format: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let request = PublicRequest::read(encoding, format)?;
        let out = serialization::public_bytes(&*self.key, request)?;
        Ok(PyBytes::new(py, &out))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PublicKey>() {
            Ok(o) => {
                let o = &o.get().key;
                core::ptr::eq(self.key.algorithm(), o.algorithm()) && self.key.bytes() == o.bytes()
            }
            Err(_) => false,
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.key.algorithm().name.hash(&mut h);
        self.key.bytes().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!("<{} public key>", self.key.algorithm().name)
    }

    /// `copy.copy`: the same object (keys are immutable).
    fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// `copy.deepcopy`: the same object, as for `copy.copy`.
    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// Pickles as `(cls.from_public_bytes, (raw,))`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let ctor = slf.get_type().getattr("from_public_bytes")?;
        let args = PyTuple::new(py, [PyBytes::new(py, slf.get().key.bytes())])?;
        PyTuple::new(py, [ctor.into_any(), args.into_any()])
    }
}

/// Runs a fallible key constructor with the GIL released.
pub(crate) fn load<K: Send>(py: Python<'_>, f: impl FnOnce() -> Result<K> + Send) -> PyResult<K> {
    Ok(py.detach(f)?)
}

/// Declares a parameter set's two leaf classes (`<py>PrivateKey`,
/// `<py>PublicKey`) under its family's classes, with their constructors,
/// and the set's [`PyKey`] / [`PyPublic`] / [`PySet`] impls. `$family` is
/// the path of the family's Python module under `rust/python/` (it provides
/// `PrivateBase`, `PublicBase`, `private_init`, `public_init` and the leaf
/// classes' method blocks, `constructors!` and `public_methods!`, usually
/// [`standard_constructors!`] and [`standard_public!`]); trailing token
/// trees are passed on to those two (a hybrid's DH group).
macro_rules! key_classes {
    ($t:ty, $py:ident, $name:literal, $($family:ident)::+, $sk:ty, $pk:ty $(, $extra:tt)*) => {
        $crate::ffi::paste! {
            #[doc = concat!("A ", $name, " private key.")]
            #[allow(non_camel_case_types)] // SLHDSA_SHA2_128s...
            #[::pyo3::pyclass(frozen, module = "pqfence._native",
                extends = $crate::python::$($family)::+::PrivateBase)]
            pub(crate) struct [<$py PrivateKey>];

            #[doc = concat!("A ", $name, " public key.")]
            #[allow(non_camel_case_types)]
            #[::pyo3::pyclass(frozen, module = "pqfence._native",
                extends = $crate::python::$($family)::+::PublicBase)]
            pub(crate) struct [<$py PublicKey>];

            impl $crate::python::keys::PyKey for $sk {
                fn into_python(self, py: ::pyo3::Python<'_>)
                    -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                    let init = $crate::python::$($family)::+::private_init(self)
                        .add_subclass([<$py PrivateKey>]);
                    Ok(::pyo3::Py::new(py, init)?.into_any())
                }
                fn public_into_python(key: $pk, py: ::pyo3::Python<'_>)
                    -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                    $crate::python::keys::PyPublic::into_python(key, py)
                }
            }

            impl $crate::python::keys::PyPublic for $pk {
                fn into_python(self, py: ::pyo3::Python<'_>)
                    -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                    let init = $crate::python::$($family)::+::public_init(self)
                        .add_subclass([<$py PublicKey>]);
                    Ok(::pyo3::Py::new(py, init)?.into_any())
                }
            }

            $crate::python::$($family)::+::constructors!(
                [<$py PrivateKey>], $sk, $name $(, $extra)*
            );
            $crate::python::$($family)::+::public_methods!(
                [<$py PublicKey>], $pk, $name $(, $extra)*
            );

            impl $crate::python::keys::PySet for $t {
                fn register<'py>(
                    m: &::pyo3::Bound<'py, ::pyo3::types::PyModule>,
                    family: &str,
                ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::types::PyDict>> {
                    use ::pyo3::types::PyModuleMethods;
                    m.add_class::<[<$py PrivateKey>]>()?;
                    m.add_class::<[<$py PublicKey>]>()?;
                    let py = m.py();
                    $crate::python::algorithm_record(
                        py,
                        <$t as $crate::algorithms::AlgorithmId>::ALGORITHM,
                        family,
                        py.get_type::<[<$py PrivateKey>]>().into_any(),
                        py.get_type::<[<$py PublicKey>]>().into_any(),
                    )
                }
            }
        }
    };
}
pub(crate) use key_classes;

/// The public leaf class's methods most families share: `from_public_bytes`
/// and `algorithm`.
macro_rules! standard_public {
    ($class:ident, $pk:ty, $name:literal $(, { $($extra:tt)* })?) => {
            #[::pyo3::pymethods]
            impl $class {
                /// Loads an encoded public key (`public_bytes_raw()`'s output).
                ///
                /// :param data: the key, `public_key_bytes` long, as any
                ///     bytes-like object.
                /// :returns: the public key.
                /// :raises InvalidLength: the data has the wrong length.
                /// :raises InvalidKey: the key fails the standard's input
                ///     check (ML-KEM's modulus check).
                #[staticmethod]
                fn from_public_bytes(py: ::pyo3::Python<'_>, data: $crate::python::Buf)
                    -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                    use $crate::python::keys::PyPublic;
                    $crate::python::keys::load(py, || {
                        <$pk as $crate::keys::PublicKey>::from_public_key_bytes(&data)
                    })?
                    .into_python(py)
                }

                /// The parameter set's name.
                #[classattr]
                fn algorithm() -> &'static str {
                    $name
                }

                $($($extra)*)?
            }
    };
}
pub(crate) use standard_public;

/// The constructors most families share (`generate`, `from_seed_bytes`,
/// `from_expanded_bytes`), for a family's `constructors!` to reuse; a family
/// with methods of its own on the leaf class passes them as `{ ... }`, so
/// that each class keeps one `#[pymethods]` block.
macro_rules! standard_constructors {
    ($class:ident, $key:ty, $name:literal $(, { $($extra:tt)* })?) => {
        #[::pyo3::pymethods]
        impl $class {
            /// Generates a key pair from fresh OS randomness.
            ///
            /// The new key passes a pairwise consistency check (an
            /// encapsulation or a signature, checked) before it is returned.
            ///
            /// :returns: the private key; `public_key()` gives its public key.
            /// :raises RandomnessError: the OS random number generator failed.
            /// :raises PairwiseConsistencyError: the self-test failed (a fault).
            #[staticmethod]
            fn generate(py: ::pyo3::Python<'_>) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, <$key as $crate::keys::KeyPair>::generate_key)?
                    .into_python(py)
            }

            /// Derives the key pair from its seed (`private_bytes_raw()`).
            ///
            /// :param data: the seed, `seed_bytes` long: 64 bytes (d || z) for
            ///     ML-KEM, 32 (xi) for ML-DSA, 3n (SK.seed || SK.prf ||
            ///     PK.seed) for SLH-DSA.
            /// :returns: the private key, with its seed.
            /// :raises InvalidLength: the seed has the wrong length.
            #[staticmethod]
            fn from_seed_bytes(py: ::pyo3::Python<'_>, data: $crate::python::Buf)
                -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, || {
                    <$key as $crate::keys::KeyPair>::from_seed_bytes(&data)
                })?
                .into_python(py)
            }

            /// Loads the standard's expanded private key (`private_bytes_expanded()`).
            ///
            /// The key is checked as the standard asks (FIPS 203's hash check
            /// and a pairwise check for ML-KEM, FIPS 204's consistency check,
            /// SLH-DSA's PK.root). A key loaded this way has no seed.
            ///
            /// :param data: the key, `private_key_bytes` long.
            /// :returns: the private key, without its seed.
            /// :raises InvalidLength: the data has the wrong length.
            /// :raises InvalidKey: the key fails its checks.
            #[staticmethod]
            fn from_expanded_bytes(py: ::pyo3::Python<'_>, data: $crate::python::Buf)
                -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                use $crate::python::keys::PyKey;
                $crate::python::keys::load(py, || {
                    <$key as $crate::keys::KeyPair>::from_expanded_key_bytes(&data)
                })?
                .into_python(py)
            }

            /// The parameter set's name.
            #[classattr]
            fn algorithm() -> &'static str {
                $name
            }

            $($($extra)*)?
        }
    };
}
pub(crate) use standard_constructors;

/// Adds the root classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PrivateKey>()?;
    m.add_class::<PublicKey>()?;
    Ok(())
}
