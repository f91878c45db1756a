//! The Python shape shared by every signature family (ML-DSA, SLH-DSA):
//! `<Name>PrivateKey` / `<Name>PublicKey` classes stamped out per parameter set,
//! following pyca/cryptography's names (`generate`, `from_seed_bytes`, `sign`,
//! `verify`, `public_bytes_raw`, ...), plus pre-hash and deterministic signing.

use pyo3::prelude::*;

use crate::prehash::PreHash;

/// Reads a `hash_algorithm` argument: a name ("SHA-256", "sha3-256",
/// "SHAKE128", ...) or any object with a `name` attribute (a pyca/cryptography
/// hash instance such as `hashes.SHA256()`).
/// Anything else (no string `name`) is a `TypeError`.
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

/// Reads an optional `context` argument (None means empty).
pub(crate) fn context_arg(ctx: Option<&Bound<'_, PyAny>>) -> PyResult<zeroize::Zeroizing<Vec<u8>>> {
    match ctx {
        None => Ok(zeroize::Zeroizing::new(Vec::new())),
        Some(c) if c.is_none() => Ok(zeroize::Zeroizing::new(Vec::new())),
        Some(c) => super::bytes_like(c, "context"),
    }
}

/// Stamps out the private/public classes of one signature parameter set.
/// The caller imports the `SigningKey` / `VerifyingKey` of its family
/// (`crate::mldsa`, `crate::slhdsa`), which share one method set.
macro_rules! signature_classes {
    ($params:ty, $priv:ident, $pub_:ident, $name:literal) => {
        #[doc = concat!("A ", $name, " private (signing) key.")]
        #[pyclass(frozen, module = "pqfence._native")]
        pub struct $priv {
            pub(crate) inner: SigningKey<$params>,
        }

        #[doc = concat!("A ", $name, " public (verifying) key.")]
        #[pyclass(frozen, module = "pqfence._native")]
        pub struct $pub_ {
            pub(crate) inner: VerifyingKey<$params>,
        }

        #[pymethods]
        impl $priv {
            /// Generates a key pair from fresh OS randomness.
            #[staticmethod]
            fn generate(py: Python<'_>) -> PyResult<Self> {
                Ok(Self { inner: py.detach(SigningKey::<$params>::generate)? })
            }

            /// Derives the key pair from its seed.
            #[staticmethod]
            fn from_seed_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let seed = crate::python::bytes_like(data, "data")?;
                Ok(Self { inner: py.detach(|| SigningKey::<$params>::from_seed(&seed))? })
            }

            /// Loads (and validates) the standard's expanded secret key.
            #[staticmethod]
            fn from_expanded_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let sk = crate::python::bytes_like(data, "data")?;
                Ok(Self { inner: py.detach(|| SigningKey::<$params>::from_expanded_bytes(&sk))? })
            }

            /// The matching public key.
            fn public_key(&self) -> $pub_ {
                $pub_ { inner: self.inner.verifying_key().clone() }
            }

            /// Signs `data` with an optional context (at most 255 bytes), hedged.
            #[pyo3(signature = (data, context=None))]
            fn sign<'py>(
                &self,
                py: Python<'py>,
                data: &Bound<'py, PyAny>,
                context: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let (msg, ctx) = (crate::python::bytes_like(data, "data")?, crate::python::signature::context_arg(context)?);
                let sig = py.detach(|| self.inner.sign(&msg, &ctx))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }

            /// Signs deterministically: same key, data and context, same signature.
            #[pyo3(signature = (data, context=None))]
            fn sign_deterministic<'py>(
                &self,
                py: Python<'py>,
                data: &Bound<'py, PyAny>,
                context: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let (msg, ctx) = (crate::python::bytes_like(data, "data")?, crate::python::signature::context_arg(context)?);
                let sig = py.detach(|| self.inner.sign_deterministic(&msg, &ctx))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }

            /// Pre-hash signing: hashes `data` with `hash_algorithm`, then signs.
            #[pyo3(signature = (data, hash_algorithm, context=None, deterministic=false))]
            fn sign_prehash<'py>(
                &self,
                py: Python<'py>,
                data: &Bound<'py, PyAny>,
                hash_algorithm: &Bound<'py, PyAny>,
                context: Option<&Bound<'py, PyAny>>,
                deterministic: bool,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let ph = crate::python::signature::prehash_arg(hash_algorithm)?;
                let (msg, ctx) = (crate::python::bytes_like(data, "data")?, crate::python::signature::context_arg(context)?);
                let sig = py.detach(|| self.inner.sign_prehash(ph, &msg, &ctx, deterministic))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }

            /// Pre-hash signing of a digest the caller computed with `hash_algorithm`.
            #[pyo3(signature = (digest, hash_algorithm, context=None, deterministic=false))]
            fn sign_prehashed<'py>(
                &self,
                py: Python<'py>,
                digest: &Bound<'py, PyAny>,
                hash_algorithm: &Bound<'py, PyAny>,
                context: Option<&Bound<'py, PyAny>>,
                deterministic: bool,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let ph = crate::python::signature::prehash_arg(hash_algorithm)?;
                let (dg, ctx) = (crate::python::bytes_like(digest, "digest")?, crate::python::signature::context_arg(context)?);
                let sig = py.detach(|| self.inner.sign_prehashed(ph, &dg, &ctx, deterministic))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }

            /// The seed (a secret): the compact form to store.
            fn private_bytes_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
                match self.inner.seed() {
                    Some(seed) => Ok(PyBytes::new(py, seed.bytes())),
                    None => Err(crate::Error::InvalidKey {
                        reason: "this key was loaded in expanded form; its seed is not recoverable (use private_bytes_expanded())",
                    }
                    .into()),
                }
            }

            /// The standard's expanded secret key (a secret).
            fn private_bytes_expanded<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                PyBytes::new(py, self.inner.expanded_bytes().bytes())
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                match other.cast::<Self>() {
                    Ok(o) => bool::from(self.inner.ct_eq(&o.get().inner)),
                    Err(_) => false,
                }
            }

            fn __repr__(&self) -> String {
                format!("<{} private key (redacted)>", $name)
            }

            /// `copy.copy`: the same object (keys are immutable; the secret is not duplicated).
            fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
                slf.clone().unbind()
            }

            /// `copy.deepcopy`: the same object, as for `copy.copy`. Pickling stays refused.
            fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
                slf.clone().unbind()
            }

            fn __reduce__(&self) -> PyResult<()> {
                Err(crate::python::no_pickle(stringify!($priv)))
            }

            /// The parameter set's name.
            #[classattr]
            fn algorithm() -> &'static str {
                $name
            }
        }

        #[pymethods]
        impl $pub_ {
            /// Loads a public key.
            #[staticmethod]
            fn from_public_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let pk = crate::python::bytes_like(data, "data")?;
                Ok(Self { inner: py.detach(|| VerifyingKey::<$params>::from_bytes(&pk))? })
            }

            /// Verifies; raises InvalidSignature when the signature does not verify.
            #[pyo3(signature = (signature, data, context=None))]
            fn verify(
                &self,
                py: Python<'_>,
                signature: &Bound<'_, PyAny>,
                data: &Bound<'_, PyAny>,
                context: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let sig = crate::python::bytes_like(signature, "signature")?;
                let (msg, ctx) = (crate::python::bytes_like(data, "data")?, crate::python::signature::context_arg(context)?);
                Ok(py.detach(|| self.inner.verify(&msg, &ctx, &sig))?)
            }

            /// Verifies a pre-hash signature over `data`.
            #[pyo3(signature = (signature, data, hash_algorithm, context=None))]
            fn verify_prehash(
                &self,
                py: Python<'_>,
                signature: &Bound<'_, PyAny>,
                data: &Bound<'_, PyAny>,
                hash_algorithm: &Bound<'_, PyAny>,
                context: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let ph = crate::python::signature::prehash_arg(hash_algorithm)?;
                let sig = crate::python::bytes_like(signature, "signature")?;
                let (msg, ctx) = (crate::python::bytes_like(data, "data")?, crate::python::signature::context_arg(context)?);
                Ok(py.detach(|| self.inner.verify_prehash(ph, &msg, &ctx, &sig))?)
            }

            /// Verifies a pre-hash signature given the digest.
            #[pyo3(signature = (signature, digest, hash_algorithm, context=None))]
            fn verify_prehashed(
                &self,
                py: Python<'_>,
                signature: &Bound<'_, PyAny>,
                digest: &Bound<'_, PyAny>,
                hash_algorithm: &Bound<'_, PyAny>,
                context: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let ph = crate::python::signature::prehash_arg(hash_algorithm)?;
                let sig = crate::python::bytes_like(signature, "signature")?;
                let (dg, ctx) = (crate::python::bytes_like(digest, "digest")?, crate::python::signature::context_arg(context)?);
                Ok(py.detach(|| self.inner.verify_prehashed(ph, &dg, &ctx, &sig))?)
            }

            /// The encoded public key.
            fn public_bytes_raw<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                PyBytes::new(py, self.inner.as_bytes())
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                match other.cast::<Self>() {
                    Ok(o) => self.inner == o.get().inner,
                    Err(_) => false,
                }
            }

            fn __hash__(&self) -> u64 {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                self.inner.as_bytes().hash(&mut h);
                h.finish()
            }

            fn __repr__(&self) -> String {
                format!("<{} public key>", $name)
            }

            /// `copy.copy`: the same object (keys are immutable; the secret is not duplicated).
            fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
                slf.clone().unbind()
            }

            /// `copy.deepcopy`: the same object, as for `copy.copy`.
            fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
                slf.clone().unbind()
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let ctor = py.get_type::<Self>().getattr("from_public_bytes")?;
                let args = PyTuple::new(py, [PyBytes::new(py, self.inner.as_bytes())])?;
                PyTuple::new(py, [ctor.into_any(), args.into_any()])
            }

            /// The parameter set's name.
            #[classattr]
            fn algorithm() -> &'static str {
                $name
            }
        }
    };
}

pub(crate) use signature_classes;
