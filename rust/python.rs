//! The PyO3 layer (feature `python`): conversions and class glue only. No
//! cryptography and no `unsafe` here; every call copies its inputs into Rust,
//! then releases the GIL around the C.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView};
use zeroize::Zeroizing;

use crate::error::Error;

mod falcon;
mod mldsa;
mod mlkem;
mod serialization;
mod signature;
mod slhdsa;

/// Maps every [`Error`] variant to the matching exception of
/// `pqfence.exceptions` (one exhaustive conversion).
impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        let name = match &err {
            Error::InvalidLength { .. } => "InvalidLength",
            Error::InvalidKey { .. } => "InvalidKey",
            Error::ContextTooLong { .. } => "ContextTooLong",
            Error::InvalidSignature => "InvalidSignature",
            Error::UnknownAlgorithm { .. } => "UnknownAlgorithm",
            Error::UnsupportedAlgorithm { .. } => "UnsupportedAlgorithm",
            Error::InvalidEncoding { .. } => "InvalidEncoding",
            Error::Decryption => "DecryptionFailed",
            Error::Randomness => "RandomnessError",
            Error::Internal { .. } => "InternalError",
            Error::PairwiseConsistency { .. } => "PairwiseConsistencyError",
        };
        pqfence_exception(name, err.to_string())
    }
}

/// An exception of `pqfence.exceptions` by class name, with `msg`.
pub(crate) fn pqfence_exception(name: &str, msg: String) -> PyErr {
    Python::attach(|py| {
        match py
            .import("pqfence.exceptions")
            .and_then(|m| m.getattr(name))
        {
            Ok(cls) => PyErr::from_type(
                cls.cast_into()
                    .unwrap_or_else(|_| py.get_type::<pyo3::exceptions::PyValueError>()),
                msg,
            ),
            Err(e) => e,
        }
    })
}

/// Copies a bytes-like argument (bytes, bytearray, memoryview) into a
/// Rust-owned buffer that is wiped when dropped (it may hold a secret).
pub(crate) fn bytes_like(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Zeroizing<Vec<u8>>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Zeroizing::new(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Zeroizing::new(b.to_vec()));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let b = obj.py().get_type::<PyBytes>().call1((obj,))?;
        let b = b.cast_into::<PyBytes>()?;
        return Ok(Zeroizing::new(b.as_bytes().to_vec()));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes, bytearray or memoryview, not {}",
        obj.get_type().name()?
    )))
}

/// The error private keys raise when pickled.
pub(crate) fn no_pickle(cls: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "cannot pickle {cls}: export it explicitly with private_bytes_raw() (a secret)"
    ))
}

/// `pqfence._native`: the compiled core of the Python package.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    mlkem::register(m)?;
    mldsa::register(m)?;
    falcon::register(m)?;
    slhdsa::register(m)?;
    serialization::register(m)?;
    Ok(())
}
