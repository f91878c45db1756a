//! Python classes for Falcon: `Falcon512PrivateKey` / `Falcon512PublicKey`,
//! `Falcon1024...`, `FalconPadded512...`, `FalconPadded1024...`. The same shape
//! as the ML-DSA classes, without contexts or pre-hashing (Falcon has neither).

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use subtle::ConstantTimeEq;

use super::{bytes_like, no_pickle};
use crate::falcon::{self, FalconParams, SigningKey, VerifyingKey};
use crate::secret::Secret;

/// A fixed-size randomness argument (nonce, sampler seed), copied straight
/// into a zeroizing [`Secret`], so no unwiped copy is left on the stack: the
/// sampler seed is as secret as the key (with it, a signature reveals the
/// sampler's output). The nonce is public once signed, but goes the same way.
fn fixed<const N: usize>(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Secret<[u8; N]>> {
    let v = bytes_like(obj, what)?;
    Ok(Secret::from_slice(what, &v)?)
}

macro_rules! falcon_classes {
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
            /// Generates a key pair from a fresh 48-byte OS seed.
            #[staticmethod]
            fn generate(py: Python<'_>) -> PyResult<Self> {
                Ok(Self { inner: py.detach(SigningKey::<$params>::generate)? })
            }

            /// Derives the key pair from a 48-byte seed.
            #[staticmethod]
            fn from_seed_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let seed = bytes_like(data, "data")?;
                Ok(Self { inner: py.detach(|| SigningKey::<$params>::from_seed(&seed))? })
            }

            /// Loads the specification's secret-key encoding with its public key
            /// (both checked, and checked to match).
            #[staticmethod]
            fn from_expanded_bytes(
                py: Python<'_>,
                data: &Bound<'_, PyAny>,
                public_key: &Bound<'_, PyAny>,
            ) -> PyResult<Self> {
                let sk = bytes_like(data, "data")?;
                let pk = bytes_like(public_key, "public_key")?;
                Ok(Self {
                    inner: py.detach(|| SigningKey::<$params>::from_keypair_bytes(&sk, &pk))?,
                })
            }

            /// The matching public key.
            fn public_key(&self) -> $pub_ {
                $pub_ { inner: self.inner.verifying_key().clone() }
            }

            /// Signs `data` (fresh nonce and sampler seed from the OS).
            fn sign<'py>(&self, py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
                let msg = bytes_like(data, "data")?;
                let sig = py.detach(|| self.inner.sign(&msg))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }

            /// For tests only: signs with the caller's 40-byte nonce and 48-byte seed.
            fn sign_with_randomness<'py>(
                &self,
                py: Python<'py>,
                data: &Bound<'py, PyAny>,
                nonce: &Bound<'py, PyAny>,
                seed: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let msg = bytes_like(data, "data")?;
                let nonce = fixed::<40>(nonce, "Falcon nonce")?;
                let seed = fixed::<48>(seed, "Falcon sampler seed")?;
                let sig = py.detach(|| {
                    self.inner.sign_with_randomness(&msg, nonce.expose(), seed.expose())
                })?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }

            /// The 48-byte seed (a secret).
            fn private_bytes_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
                match self.inner.seed() {
                    Some(seed) => Ok(PyBytes::new(py, seed.bytes())),
                    None => Err(crate::Error::InvalidKey {
                        reason: "this key was loaded in expanded form; its seed is not recoverable (use private_bytes_expanded())",
                    }
                    .into()),
                }
            }

            /// The specification's secret-key encoding (a secret).
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
                Err(no_pickle(stringify!($priv)))
            }

            /// The parameter set's name.
            #[classattr]
            fn algorithm() -> &'static str {
                $name
            }
        }

        #[pymethods]
        impl $pub_ {
            /// Loads a public key (header and coefficients checked).
            #[staticmethod]
            fn from_public_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let pk = bytes_like(data, "data")?;
                Ok(Self { inner: py.detach(|| VerifyingKey::<$params>::from_bytes(&pk))? })
            }

            /// Verifies; raises InvalidSignature when the signature does not verify.
            fn verify(
                &self,
                py: Python<'_>,
                signature: &Bound<'_, PyAny>,
                data: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                let sig = bytes_like(signature, "signature")?;
                let msg = bytes_like(data, "data")?;
                Ok(py.detach(|| self.inner.verify(&msg, &sig))?)
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

falcon_classes!(
    falcon::Falcon512,
    Falcon512PrivateKey,
    Falcon512PublicKey,
    "Falcon-512"
);
falcon_classes!(
    falcon::Falcon1024,
    Falcon1024PrivateKey,
    Falcon1024PublicKey,
    "Falcon-1024"
);
falcon_classes!(
    falcon::Falcon512Padded,
    FalconPadded512PrivateKey,
    FalconPadded512PublicKey,
    "Falcon-padded-512"
);
falcon_classes!(
    falcon::Falcon1024Padded,
    FalconPadded1024PrivateKey,
    FalconPadded1024PublicKey,
    "Falcon-padded-1024"
);

fn sizes<P: FalconParams>() -> (usize, usize, usize, usize) {
    use crate::secret::ByteArray;
    (P::Pk::LEN, P::Sk::LEN, P::SIG_BYTES, 48)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Falcon512PrivateKey>()?;
    m.add_class::<Falcon512PublicKey>()?;
    m.add_class::<Falcon1024PrivateKey>()?;
    m.add_class::<Falcon1024PublicKey>()?;
    m.add_class::<FalconPadded512PrivateKey>()?;
    m.add_class::<FalconPadded512PublicKey>()?;
    m.add_class::<FalconPadded1024PrivateKey>()?;
    m.add_class::<FalconPadded1024PublicKey>()?;
    // (public key, secret key, signature (maximum or fixed), seed) sizes.
    m.add("FALCON512_SIZES", sizes::<falcon::Falcon512>())?;
    m.add("FALCON1024_SIZES", sizes::<falcon::Falcon1024>())?;
    m.add("FALCONPADDED512_SIZES", sizes::<falcon::Falcon512Padded>())?;
    m.add(
        "FALCONPADDED1024_SIZES",
        sizes::<falcon::Falcon1024Padded>(),
    )?;
    Ok(())
}
