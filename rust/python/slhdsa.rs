//! Python classes for SLH-DSA: one pair per parameter set, named after the
//! Rust types (`SlhDsaSha2_128sPrivateKey`, `SlhDsaShake_256fPublicKey`, ...),
//! with the same methods as the ML-DSA classes plus `sign_unverified`.

// Python class names mirror the Rust parameter-set types (SlhDsaSha2_128s).
#![allow(non_camel_case_types)]

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use subtle::ConstantTimeEq;

use super::bytes_like;
use super::signature::{context_arg, signature_classes};
use crate::slhdsa::{self, SigningKey, SlhParams, VerifyingKey};

/// `sign_unverified`, per parameter set.
macro_rules! unverified {
    ($priv:ident) => {
        #[pymethods]
        impl $priv {
            /// Signs without verifying the signature first (faster; see the
            /// module documentation for the fault-attack risk this accepts).
            #[pyo3(signature = (data, context=None))]
            fn sign_unverified<'py>(
                &self,
                py: Python<'py>,
                data: &Bound<'py, PyAny>,
                context: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let (msg, ctx) = (bytes_like(data, "data")?, context_arg(context)?);
                let sig = py.detach(|| self.inner.sign_unverified(&msg, &ctx))?;
                Ok(PyBytes::new(py, sig.as_bytes()))
            }
        }
    };
}

signature_classes!(
    slhdsa::SlhDsaSha2_128s,
    SlhDsaSha2_128sPrivateKey,
    SlhDsaSha2_128sPublicKey,
    "SLH-DSA-SHA2-128s"
);
unverified!(SlhDsaSha2_128sPrivateKey);
signature_classes!(
    slhdsa::SlhDsaSha2_128f,
    SlhDsaSha2_128fPrivateKey,
    SlhDsaSha2_128fPublicKey,
    "SLH-DSA-SHA2-128f"
);
unverified!(SlhDsaSha2_128fPrivateKey);
signature_classes!(
    slhdsa::SlhDsaSha2_192s,
    SlhDsaSha2_192sPrivateKey,
    SlhDsaSha2_192sPublicKey,
    "SLH-DSA-SHA2-192s"
);
unverified!(SlhDsaSha2_192sPrivateKey);
signature_classes!(
    slhdsa::SlhDsaSha2_192f,
    SlhDsaSha2_192fPrivateKey,
    SlhDsaSha2_192fPublicKey,
    "SLH-DSA-SHA2-192f"
);
unverified!(SlhDsaSha2_192fPrivateKey);
signature_classes!(
    slhdsa::SlhDsaSha2_256s,
    SlhDsaSha2_256sPrivateKey,
    SlhDsaSha2_256sPublicKey,
    "SLH-DSA-SHA2-256s"
);
unverified!(SlhDsaSha2_256sPrivateKey);
signature_classes!(
    slhdsa::SlhDsaSha2_256f,
    SlhDsaSha2_256fPrivateKey,
    SlhDsaSha2_256fPublicKey,
    "SLH-DSA-SHA2-256f"
);
unverified!(SlhDsaSha2_256fPrivateKey);
signature_classes!(
    slhdsa::SlhDsaShake_128s,
    SlhDsaShake_128sPrivateKey,
    SlhDsaShake_128sPublicKey,
    "SLH-DSA-SHAKE-128s"
);
unverified!(SlhDsaShake_128sPrivateKey);
signature_classes!(
    slhdsa::SlhDsaShake_128f,
    SlhDsaShake_128fPrivateKey,
    SlhDsaShake_128fPublicKey,
    "SLH-DSA-SHAKE-128f"
);
unverified!(SlhDsaShake_128fPrivateKey);
signature_classes!(
    slhdsa::SlhDsaShake_192s,
    SlhDsaShake_192sPrivateKey,
    SlhDsaShake_192sPublicKey,
    "SLH-DSA-SHAKE-192s"
);
unverified!(SlhDsaShake_192sPrivateKey);
signature_classes!(
    slhdsa::SlhDsaShake_192f,
    SlhDsaShake_192fPrivateKey,
    SlhDsaShake_192fPublicKey,
    "SLH-DSA-SHAKE-192f"
);
unverified!(SlhDsaShake_192fPrivateKey);
signature_classes!(
    slhdsa::SlhDsaShake_256s,
    SlhDsaShake_256sPrivateKey,
    SlhDsaShake_256sPublicKey,
    "SLH-DSA-SHAKE-256s"
);
unverified!(SlhDsaShake_256sPrivateKey);
signature_classes!(
    slhdsa::SlhDsaShake_256f,
    SlhDsaShake_256fPrivateKey,
    SlhDsaShake_256fPublicKey,
    "SLH-DSA-SHAKE-256f"
);
unverified!(SlhDsaShake_256fPrivateKey);

fn sizes<P: SlhParams>() -> (usize, usize, usize, usize) {
    use crate::secret::ByteArray;
    (P::Pk::LEN, P::Sk::LEN, P::Sig::LEN, P::Seed::LEN)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SlhDsaSha2_128sPrivateKey>()?;
    m.add_class::<SlhDsaSha2_128sPublicKey>()?;
    m.add_class::<SlhDsaSha2_128fPrivateKey>()?;
    m.add_class::<SlhDsaSha2_128fPublicKey>()?;
    m.add_class::<SlhDsaSha2_192sPrivateKey>()?;
    m.add_class::<SlhDsaSha2_192sPublicKey>()?;
    m.add_class::<SlhDsaSha2_192fPrivateKey>()?;
    m.add_class::<SlhDsaSha2_192fPublicKey>()?;
    m.add_class::<SlhDsaSha2_256sPrivateKey>()?;
    m.add_class::<SlhDsaSha2_256sPublicKey>()?;
    m.add_class::<SlhDsaSha2_256fPrivateKey>()?;
    m.add_class::<SlhDsaSha2_256fPublicKey>()?;
    m.add_class::<SlhDsaShake_128sPrivateKey>()?;
    m.add_class::<SlhDsaShake_128sPublicKey>()?;
    m.add_class::<SlhDsaShake_128fPrivateKey>()?;
    m.add_class::<SlhDsaShake_128fPublicKey>()?;
    m.add_class::<SlhDsaShake_192sPrivateKey>()?;
    m.add_class::<SlhDsaShake_192sPublicKey>()?;
    m.add_class::<SlhDsaShake_192fPrivateKey>()?;
    m.add_class::<SlhDsaShake_192fPublicKey>()?;
    m.add_class::<SlhDsaShake_256sPrivateKey>()?;
    m.add_class::<SlhDsaShake_256sPublicKey>()?;
    m.add_class::<SlhDsaShake_256fPrivateKey>()?;
    m.add_class::<SlhDsaShake_256fPublicKey>()?;
    // (public key, secret key, signature, seed) sizes.
    m.add("SLHDSASHA2_128S_SIZES", sizes::<slhdsa::SlhDsaSha2_128s>())?;
    m.add("SLHDSASHA2_128F_SIZES", sizes::<slhdsa::SlhDsaSha2_128f>())?;
    m.add("SLHDSASHA2_192S_SIZES", sizes::<slhdsa::SlhDsaSha2_192s>())?;
    m.add("SLHDSASHA2_192F_SIZES", sizes::<slhdsa::SlhDsaSha2_192f>())?;
    m.add("SLHDSASHA2_256S_SIZES", sizes::<slhdsa::SlhDsaSha2_256s>())?;
    m.add("SLHDSASHA2_256F_SIZES", sizes::<slhdsa::SlhDsaSha2_256f>())?;
    m.add(
        "SLHDSASHAKE_128S_SIZES",
        sizes::<slhdsa::SlhDsaShake_128s>(),
    )?;
    m.add(
        "SLHDSASHAKE_128F_SIZES",
        sizes::<slhdsa::SlhDsaShake_128f>(),
    )?;
    m.add(
        "SLHDSASHAKE_192S_SIZES",
        sizes::<slhdsa::SlhDsaShake_192s>(),
    )?;
    m.add(
        "SLHDSASHAKE_192F_SIZES",
        sizes::<slhdsa::SlhDsaShake_192f>(),
    )?;
    m.add(
        "SLHDSASHAKE_256S_SIZES",
        sizes::<slhdsa::SlhDsaShake_256s>(),
    )?;
    m.add(
        "SLHDSASHAKE_256F_SIZES",
        sizes::<slhdsa::SlhDsaShake_256f>(),
    )?;
    Ok(())
}
