//! The PyO3 layer (feature `python`): conversions and class glue only. No
//! cryptography and no `unsafe` here; every call copies its inputs into Rust,
//! then releases the GIL around the C.
//!
//! The classes form one hierarchy, written once:
//!
//! ```text
//! PrivateKey (keys.rs: serialization, raw bytes, equality, copy, public_key)
//!   KEMPrivateKey (mlkem.rs: decapsulate)            -> MLKEM768PrivateKey, ...
//!                                                    -> MLKEM768X25519PrivateKey, ... (hybrid.rs)
//!   ContextSigningKey (signature.rs: sign, pre-hash)
//!     MLDSAPrivateKey (mldsa.rs: external mu)        -> MLDSA65PrivateKey, ...
//!     SLHDSAPrivateKey (slhdsa.rs: sign_unverified)  -> SLHDSA_SHA2_128sPrivateKey, ...
//!   FalconPrivateKey (falcon.rs: sign)               -> Falcon512PrivateKey, ...
//!   CompositePrivateKey (composite.rs: sign)         -> MLDSA65_ECDSA_P256_SHA512PrivateKey, ...
//! ```
//!
//! and the same for public keys. The classes of one parameter set (the last
//! column) carry only their constructors; they are declared by the set's row
//! in `rust/algorithms.rs` through [`key_classes!`](keys::key_classes).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict};

use crate::algorithms::{Algorithm, KeyKind, PrivateKeyShape};
use crate::error::Error;

pub(crate) mod composite;
pub(crate) mod falcon;
mod hpke;
pub(crate) mod hybrid;
pub(crate) mod keys;
pub(crate) mod mldsa;
pub(crate) mod mlkem;
mod serialization;
pub(crate) mod signature;
pub(crate) mod slhdsa;

mod exceptions {
    pyo3::import_exception!(pqfence.exceptions, InvalidLength);
    pyo3::import_exception!(pqfence.exceptions, InvalidKey);
    pyo3::import_exception!(pqfence.exceptions, ContextTooLong);
    pyo3::import_exception!(pqfence.exceptions, InvalidSignature);
    pyo3::import_exception!(pqfence.exceptions, UnknownAlgorithm);
    pyo3::import_exception!(pqfence.exceptions, InvalidEncoding);
    pyo3::import_exception!(pqfence.exceptions, DecryptionFailed);
    pyo3::import_exception!(pqfence.exceptions, RandomnessError);
    pyo3::import_exception!(pqfence.exceptions, InternalError);
    pyo3::import_exception!(pqfence.exceptions, PairwiseConsistencyError);
    pyo3::import_exception!(pqfence.exceptions, AlreadyFinalized);
    pyo3::import_exception!(pqfence.exceptions, InvalidTag);
    pyo3::import_exception!(pqfence.exceptions, MessageLimitReached);
    pyo3::import_exception!(pqfence.exceptions, InvalidParameter);
    pyo3::import_exception!(pqfence.exceptions, UnsupportedAlgorithm);
}
pub(crate) use exceptions::AlreadyFinalized;

/// Maps every [`Error`] variant to the matching exception of
/// `pqfence.exceptions` (one exhaustive conversion).
impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        use exceptions as e;
        let msg = err.to_string();
        match err {
            Error::InvalidLength { .. } => e::InvalidLength::new_err(msg),
            Error::InvalidKey { .. } => e::InvalidKey::new_err(msg),
            Error::ContextTooLong { .. } => e::ContextTooLong::new_err(msg),
            Error::InvalidSignature => e::InvalidSignature::new_err(msg),
            Error::UnknownAlgorithm { .. } => e::UnknownAlgorithm::new_err(msg),
            Error::InvalidEncoding { .. } => e::InvalidEncoding::new_err(msg),
            Error::Decryption => e::DecryptionFailed::new_err(msg),
            Error::Randomness => e::RandomnessError::new_err(msg),
            Error::Internal { .. } => e::InternalError::new_err(msg),
            Error::PairwiseConsistency { .. } => e::PairwiseConsistencyError::new_err(msg),
            Error::InvalidTag => e::InvalidTag::new_err(msg),
            Error::MessageLimitReached => e::MessageLimitReached::new_err(msg),
            Error::InvalidParameter { .. } => e::InvalidParameter::new_err(msg),
            Error::UnsupportedAlgorithm { .. } => e::UnsupportedAlgorithm::new_err(msg),
        }
    }
}

/// A bytes-like argument, copied straight into Rust memory that is wiped
/// when dropped (arguments may be seeds, keys or passwords).
///
/// Accepts `bytes`, `bytearray` and any other object with the buffer
/// protocol whose memory is C-contiguous (`memoryview`, `array.array`,
/// `mmap`, a numpy array), as pyca/cryptography's `Buffer` does. Only the
/// first two are read directly: with the stable ABI the buffer protocol is
/// out of reach before Python 3.11, so other buffers are copied into a
/// `bytearray` this function owns (through `memoryview` assignment, never an
/// immutable `bytes`), read, and overwritten with zeros before it is
/// released.
///
/// The wipe runs eight bytes at a time (`crate::ffi::wipe`): a signature or a
/// message is wiped under the GIL when the call returns, and a byte-at-a-time
/// wipe of an ML-DSA-65 signature alone took a twentieth of a verification.
pub(crate) struct Buf(Vec<u8>);

impl Buf {
    fn new(bytes: Vec<u8>) -> Self {
        Buf(bytes)
    }

    /// The bytes, moved into a wipe-on-drop vector the caller keeps.
    pub(crate) fn into_zeroizing(mut self) -> zeroize::Zeroizing<Vec<u8>> {
        zeroize::Zeroizing::new(core::mem::take(&mut self.0))
    }
}

impl Drop for Buf {
    fn drop(&mut self) {
        // Every copy is made with its exact length (`to_vec`), so the length
        // covers the whole allocation.
        crate::ffi::wipe(&mut self.0);
    }
}

impl core::ops::Deref for Buf {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Buf {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Buf::new(b.as_bytes().to_vec()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Buf::new(b.to_vec()));
        }
        let py = obj.py();
        let builtins = py.import("builtins")?;
        let view = match builtins.getattr("memoryview")?.call1((&*obj,)) {
            Ok(v) => v,
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "expected a bytes-like object (bytes, bytearray or memoryview, or another buffer), not {}",
                    obj.get_type().name()?
                )))
            }
        };
        // cast("B") views any C-contiguous buffer as bytes (and refuses the
        // others with a TypeError).
        let flat = view.call_method1("cast", ("B",))?;
        let len: usize = flat.len()?;
        let scratch = PyByteArray::new_with(py, len, |_| Ok(()))?;
        let target = builtins.getattr("memoryview")?.call1((&scratch,))?;
        target.set_item(pyo3::types::PySlice::full(py), &flat)?;
        let out = Buf::new(scratch.to_vec());
        target.set_item(
            pyo3::types::PySlice::full(py),
            PyBytes::new_with(py, len, |_| Ok(()))?,
        )?;
        target.call_method0("release")?;
        flat.call_method0("release")?;
        view.call_method0("release")?;
        Ok(out)
    }
}

/// An optional bytes-like argument where `None` means empty (contexts).
pub(crate) fn buf_or_empty(obj: Option<Buf>) -> Buf {
    obj.unwrap_or_else(|| Buf::new(Vec::new()))
}

/// The error private keys raise when pickled.
pub(crate) fn no_pickle(cls: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "cannot pickle {cls}: export it explicitly with private_bytes_raw() (a secret)"
    ))
}

/// One record of `_native.ALGORITHMS`: a parameter set's names, sizes and
/// classes, read by `pqfence.registry`, `pqfence.serialization` and
/// `scripts/gen_stubs.py`.
pub(crate) fn algorithm_record<'py>(
    py: Python<'py>,
    a: &Algorithm,
    family: &str,
    private: Bound<'py, PyAny>,
    public: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", a.name)?;
    d.set_item("family", family)?;
    d.set_item("standard", a.standard)?;
    d.set_item(
        "kind",
        match a.kind {
            KeyKind::Kem => "kem",
            KeyKind::Signature => "signature",
        },
    )?;
    d.set_item("oid", a.oid.map(|o| o.to_string()))?;
    d.set_item("python_name", a.python_name)?;
    d.set_item("public_key_bytes", a.public_key_len)?;
    d.set_item("private_key_bytes", a.private_key_len)?;
    d.set_item("seed_bytes", a.seed_len)?;
    let (ct, ss, sig) = match a.kind {
        KeyKind::Kem => (Some(a.output_len), Some(a.shared_secret_len), None),
        KeyKind::Signature => (None, None, Some(a.output_len)),
    };
    d.set_item("ciphertext_bytes", ct)?;
    d.set_item("shared_secret_bytes", ss)?;
    d.set_item("signature_bytes", sig)?;
    d.set_item(
        "pkcs8",
        !matches!(a.private_key, PrivateKeyShape::None) && a.oid.is_some(),
    )?;
    let (private_doc, public_doc) = leaf_docs(a);
    private.setattr("__doc__", private_doc)?;
    public.setattr("__doc__", public_doc)?;
    d.set_item("private_key_class", private)?;
    d.set_item("public_key_class", public)?;
    Ok(d)
}

/// The docstrings of a set's two leaf classes, with the set's sizes from its
/// catalogue row (set on the classes at registration: a `#[doc]` attribute
/// cannot read the row's constants).
fn leaf_docs(a: &Algorithm) -> (String, String) {
    let files = match a.oid {
        Some(oid) if !matches!(a.private_key, PrivateKeyShape::None) => format!(
            "Key files: PKCS#8 and SubjectPublicKeyInfo (PEM or DER) under OID {oid}, \
             through `private_bytes()` / `public_bytes()` and `pqfence.serialization`."
        ),
        _ => "Key files: raw bytes only (no standard OID, so no PKCS#8 or \
              SubjectPublicKeyInfo)."
            .to_string(),
    };
    let (private_ops, public_ops) = match a.kind {
        KeyKind::Kem => (
            format!(
                "`decapsulate()` takes a {}-byte ciphertext and returns the {}-byte \
                 shared secret.",
                a.output_len, a.shared_secret_len
            ),
            format!(
                "`encapsulate()` returns a {}-byte shared secret and a {}-byte \
                 ciphertext.",
                a.shared_secret_len, a.output_len
            ),
        ),
        KeyKind::Signature => {
            let variable = a.name.starts_with("Falcon-") && !a.name.starts_with("Falcon-padded");
            let size = if variable { "at most " } else { "" };
            (
                format!(
                    "`sign()` returns a signature of {size}{} bytes.",
                    a.output_len
                ),
                format!(
                    "`verify()` checks a signature of {size}{} bytes.",
                    a.output_len
                ),
            )
        }
    };
    if let Some(c) = crate::composite::ALGORITHMS
        .iter()
        .find(|c| c.name == a.name)
    {
        return composite::leaf_docs(a, c, &files);
    }
    let private_doc = format!(
        "{name} private key, {standard}.\n\n\
         Sizes in bytes: the seed (`private_bytes_raw()`, `from_seed_bytes()`) {seed}; \
         the expanded key (`private_bytes_expanded()`, `from_expanded_bytes()`) {sk}; \
         the public key {pk}. {ops}\n\n{files}",
        name = a.name,
        standard = a.standard,
        seed = a.seed_len,
        sk = a.private_key_len,
        pk = a.public_key_len,
        ops = private_ops,
    );
    let public_doc = format!(
        "{name} public key, {standard}: {pk} bytes (`public_bytes_raw()`, \
         `from_public_bytes()`). {ops}\n\n{files}",
        name = a.name,
        standard = a.standard,
        pk = a.public_key_len,
        ops = public_ops,
    );
    (private_doc, public_doc)
}

/// The module's classes and `ALGORITHMS` records, from the catalogue's rows
/// (`rust/algorithms.rs`); also the conversion of a key loaded by OID into
/// its Python class.
macro_rules! module_table {
    (keyed: $($kfam:ident $kt:ident,)* ; raw: $($rfam:ident $rt:ident,)*) => {
        /// Adds every parameter set's classes and the `ALGORITHMS` tuple.
        pub(crate) fn register_sets(
            m: &::pyo3::Bound<'_, ::pyo3::types::PyModule>,
        ) -> ::pyo3::PyResult<()> {
            use ::pyo3::types::PyModuleMethods;
            let py = m.py();
            let records = [
                $( <$kfam::$kt as $crate::python::keys::PySet>::register(m, stringify!($kfam))?, )*
                $( <$rfam::$rt as $crate::python::keys::PySet>::register(m, stringify!($rfam))?, )*
            ];
            m.add("ALGORITHMS", ::pyo3::types::PyTuple::new(py, records)?)?;
            Ok(())
        }

        /// A private key loaded by OID, as an object of its Python class.
        pub(crate) fn any_private_to_py(
            py: ::pyo3::Python<'_>,
            key: $crate::encoding::AnyPrivateKey,
        ) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
            use $crate::python::keys::PyKey;
            match key {
                $( $crate::encoding::AnyPrivateKey::$kt(k) => k.into_python(py), )*
            }
        }

        /// A public key loaded by OID, as an object of its Python class.
        pub(crate) fn any_public_to_py(
            py: ::pyo3::Python<'_>,
            key: $crate::encoding::AnyPublicKey,
        ) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
            use $crate::python::keys::PyPublic;
            match key {
                $( $crate::encoding::AnyPublicKey::$kt(k) => k.into_python(py), )*
            }
        }
    };
}
pub(crate) use module_table;

/// `pqfence._native`: the compiled core of the Python package.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    keys::register(m)?;
    mlkem::register(m)?;
    signature::register(m)?;
    mldsa::register(m)?;
    slhdsa::register(m)?;
    falcon::register(m)?;
    composite::register(m)?;
    crate::algorithms::register_sets(m)?;
    hpke::register(m)?;
    serialization::register(m)?;
    m.add_function(wrap_pyfunction!(backend, m)?)?;
    m.add_function(wrap_pyfunction!(_keygen_without_check, m)?)?;
    Ok(())
}

/// Benchmark hook (benchmarks/, never for keys): ML-KEM or ML-DSA key
/// generation as `generate()` (no `seed`: fresh OS randomness) or
/// `from_seed_bytes(seed)` runs it, without the pairwise consistency check of
/// FIPS 140-3 IG 10.3.A, the cost liboqs and pyca/cryptography report as key
/// generation. The key is discarded, so only the time is observable.
#[pyfunction]
#[pyo3(signature = (algorithm, seed=None))]
fn _keygen_without_check(py: Python<'_>, algorithm: &str, seed: Option<Buf>) -> PyResult<()> {
    use crate::mldsa::{MlDsa44, MlDsa65, MlDsa87, SigningKey};
    use crate::mlkem::{DecapsulationKey, MlKem1024, MlKem512, MlKem768};
    type Keygen = fn(Option<&[u8]>) -> crate::Result<()>;
    let run: Keygen = match algorithm {
        "ML-KEM-512" => DecapsulationKey::<MlKem512>::keygen_without_check_for_benchmark,
        "ML-KEM-768" => DecapsulationKey::<MlKem768>::keygen_without_check_for_benchmark,
        "ML-KEM-1024" => DecapsulationKey::<MlKem1024>::keygen_without_check_for_benchmark,
        "ML-DSA-44" => SigningKey::<MlDsa44>::keygen_without_check_for_benchmark,
        "ML-DSA-65" => SigningKey::<MlDsa65>::keygen_without_check_for_benchmark,
        "ML-DSA-87" => SigningKey::<MlDsa87>::keygen_without_check_for_benchmark,
        other => {
            return Err(Error::UnknownAlgorithm {
                name: other.to_string(),
            }
            .into())
        }
    };
    Ok(py.detach(|| run(seed.as_deref()))?)
}

/// The backend the C uses: "avx512", "avx2" or "portable"
/// (`PQFENCE_BACKEND=portable` forces the portable C, `PQFENCE_BACKEND=avx2`
/// the AVX2 code without its AVX-512VL parts).
#[pyfunction]
fn backend() -> &'static str {
    crate::backend().name()
}
