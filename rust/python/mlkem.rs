//! Python classes for ML-KEM: `MLKEM{512,768,1024}{PrivateKey,PublicKey}`,
//! shaped like pyca/cryptography's so code ports by changing an import.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use subtle::ConstantTimeEq;

use super::{bytes_like, no_pickle};
use crate::mlkem::{self, DecapsulationKey, EncapsulationKey, KemParams};

macro_rules! mlkem_classes {
    ($params:ty, $priv:ident, $pub_:ident, $name:literal) => {
        #[doc = concat!("An ", $name, " private (decapsulation) key.")]
        #[pyclass(frozen, module = "pqfence._native")]
        pub struct $priv {
            pub(crate) inner: DecapsulationKey<$params>,
        }

        #[doc = concat!("An ", $name, " public (encapsulation) key.")]
        #[pyclass(frozen, module = "pqfence._native")]
        pub struct $pub_ {
            pub(crate) inner: EncapsulationKey<$params>,
        }

        #[pymethods]
        impl $priv {
            /// Generates a key pair from a fresh OS seed.
            #[staticmethod]
            fn generate(py: Python<'_>) -> PyResult<Self> {
                let inner = py.detach(DecapsulationKey::<$params>::generate)?;
                Ok(Self { inner })
            }

            /// Derives the key pair from a 64-byte seed d || z.
            #[staticmethod]
            fn from_seed_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let seed = bytes_like(data, "data")?;
                let inner = py.detach(|| DecapsulationKey::<$params>::from_seed(&seed))?;
                Ok(Self { inner })
            }

            /// Loads an expanded FIPS 203 decapsulation key (runs the hash check).
            #[staticmethod]
            fn from_expanded_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let dk = bytes_like(data, "data")?;
                let inner = py.detach(|| DecapsulationKey::<$params>::from_expanded_bytes(&dk))?;
                Ok(Self { inner })
            }

            /// The matching public key.
            fn public_key(&self) -> $pub_ {
                $pub_ {
                    inner: self.inner.encapsulation_key().clone(),
                }
            }

            /// Decapsulates a ciphertext; a tampered ciphertext gives an unrelated
            /// secret (implicit rejection), never an error.
            fn decapsulate<'py>(
                &self,
                py: Python<'py>,
                ciphertext: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let ct = bytes_like(ciphertext, "ciphertext")?;
                let ss = py.detach(|| self.inner.decapsulate_bytes(&ct))?;
                Ok(PyBytes::new(py, ss.expose()))
            }

            /// The 64-byte seed d || z (a secret).
            fn private_bytes_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
                match self.inner.seed() {
                    Some(seed) => Ok(PyBytes::new(py, seed.expose())),
                    None => Err(crate::Error::InvalidKey {
                        reason: "this key was loaded in expanded form; its seed is not recoverable (use private_bytes_expanded())",
                    }
                    .into()),
                }
            }

            /// The expanded FIPS 203 decapsulation key (a secret).
            fn private_bytes_expanded<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                PyBytes::new(py, self.inner.expanded_bytes().expose())
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
            /// Loads a public key (length and FIPS 203 modulus check).
            #[staticmethod]
            fn from_public_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let ek = bytes_like(data, "data")?;
                let inner = py.detach(|| EncapsulationKey::<$params>::from_bytes(&ek))?;
                Ok(Self { inner })
            }

            /// Encapsulates with fresh randomness: returns (shared_secret, ciphertext).
            fn encapsulate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let (ss, ct) = py.detach(|| self.inner.encapsulate())?;
                PyTuple::new(py, [PyBytes::new(py, ss.expose()), PyBytes::new(py, ct.as_bytes())])
            }

            /// For tests only: encapsulates with the caller's 32-byte coin m.
            fn encapsulate_deterministic<'py>(
                &self,
                py: Python<'py>,
                m: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyTuple>> {
                // The coin determines the shared secret: it goes straight into
                // a zeroizing Secret, never into an unwiped stack array.
                let m = bytes_like(m, "m")?;
                let m = crate::secret::Secret::<[u8; 32]>::from_slice("encapsulation coin m", &m)?;
                let (ss, ct) = py.detach(|| self.inner.encapsulate_deterministic(m.expose()))?;
                PyTuple::new(py, [PyBytes::new(py, ss.expose()), PyBytes::new(py, ct.as_bytes())])
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
                let cls = py.get_type::<Self>();
                let ctor = cls.getattr("from_public_bytes")?;
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

mlkem_classes!(
    mlkem::MlKem512,
    MLKEM512PrivateKey,
    MLKEM512PublicKey,
    "ML-KEM-512"
);
mlkem_classes!(
    mlkem::MlKem768,
    MLKEM768PrivateKey,
    MLKEM768PublicKey,
    "ML-KEM-768"
);
mlkem_classes!(
    mlkem::MlKem1024,
    MLKEM1024PrivateKey,
    MLKEM1024PublicKey,
    "ML-KEM-1024"
);

/// Sizes of one KEM parameter set, for the algorithm listing.
fn sizes<P: KemParams>() -> (usize, usize, usize, usize, usize) {
    use crate::secret::ByteArray;
    (P::Ek::LEN, P::Dk::LEN, P::Ct::LEN, 32, 64)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MLKEM512PrivateKey>()?;
    m.add_class::<MLKEM512PublicKey>()?;
    m.add_class::<MLKEM768PrivateKey>()?;
    m.add_class::<MLKEM768PublicKey>()?;
    m.add_class::<MLKEM1024PrivateKey>()?;
    m.add_class::<MLKEM1024PublicKey>()?;
    // (public key, expanded private key, ciphertext, shared secret, seed) sizes.
    m.add("MLKEM512_SIZES", sizes::<mlkem::MlKem512>())?;
    m.add("MLKEM768_SIZES", sizes::<mlkem::MlKem768>())?;
    m.add("MLKEM1024_SIZES", sizes::<mlkem::MlKem1024>())?;
    Ok(())
}
