//! Key serialization for Python: `private_bytes(encoding, format,
//! encryption_algorithm, form=None)` and `public_bytes(encoding, format)` on
//! every key class (extra `#[pymethods]` blocks), and the loaders
//! `load_{pem,der}_{private,public}_key`. The work is done by
//! [`crate::encoding`]; this file only reads the arguments.
//!
//! ML-KEM, ML-DSA and SLH-DSA keys have every format. Falcon has no standard
//! object identifier, so its classes get the Raw format only; PKCS8 and
//! SubjectPublicKeyInfo raise `InvalidEncoding` for them.
//!
//! The enum arguments are read by member name, so pqfence's enums
//! (`pqfence.serialization.Encoding.PEM`, ...) and pyca/cryptography's
//! (`serialization.Encoding.PEM`, ...) both work. An encryption
//! argument is any object with a `password` attribute (pqfence's or pyca's
//! `BestAvailableEncryption`), or a `NoEncryption()`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use zeroize::Zeroizing;

use super::bytes_like;
use super::falcon::{
    Falcon1024PrivateKey, Falcon1024PublicKey, Falcon512PrivateKey, Falcon512PublicKey,
    FalconPadded1024PrivateKey, FalconPadded1024PublicKey, FalconPadded512PrivateKey,
    FalconPadded512PublicKey,
};
use super::mldsa::{
    MLDSA44PrivateKey, MLDSA44PublicKey, MLDSA65PrivateKey, MLDSA65PublicKey, MLDSA87PrivateKey,
    MLDSA87PublicKey,
};
use super::mlkem::{
    MLKEM1024PrivateKey, MLKEM1024PublicKey, MLKEM512PrivateKey, MLKEM512PublicKey,
    MLKEM768PrivateKey, MLKEM768PublicKey,
};
use super::slhdsa::{
    SlhDsaSha2_128fPrivateKey, SlhDsaSha2_128fPublicKey, SlhDsaSha2_128sPrivateKey,
    SlhDsaSha2_128sPublicKey, SlhDsaSha2_192fPrivateKey, SlhDsaSha2_192fPublicKey,
    SlhDsaSha2_192sPrivateKey, SlhDsaSha2_192sPublicKey, SlhDsaSha2_256fPrivateKey,
    SlhDsaSha2_256fPublicKey, SlhDsaSha2_256sPrivateKey, SlhDsaSha2_256sPublicKey,
    SlhDsaShake_128fPrivateKey, SlhDsaShake_128fPublicKey, SlhDsaShake_128sPrivateKey,
    SlhDsaShake_128sPublicKey, SlhDsaShake_192fPrivateKey, SlhDsaShake_192fPublicKey,
    SlhDsaShake_192sPrivateKey, SlhDsaShake_192sPublicKey, SlhDsaShake_256fPrivateKey,
    SlhDsaShake_256fPublicKey, SlhDsaShake_256sPrivateKey, SlhDsaShake_256sPublicKey,
};
use crate::encoding::{
    self, AnyPrivateKey, AnyPublicKey, Kdf, KdfLimits, PrivateKeyEncoding, PrivateKeyForm,
    PublicKeyEncoding,
};
use crate::error::Error;
use crate::falcon::{self, FalconParams};

fn bad(reason: String) -> PyErr {
    Error::InvalidEncoding { reason }.into()
}

/// The member name of an enum argument: `Encoding.PEM` gives "PEM". Python
/// enums (pqfence's) have `.name`; pyca/cryptography's native enums do not,
/// but their repr is `Encoding.PEM`. A plain string is taken as the name.
fn member_name(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = obj.extract::<String>() {
        return Ok(s);
    }
    if let Ok(name) = obj.getattr("name").and_then(|n| n.extract::<String>()) {
        return Ok(name);
    }
    let type_name = obj.get_type().name()?.to_string();
    let repr = obj.repr()?.to_string();
    match repr
        .strip_prefix(&type_name)
        .and_then(|r| r.strip_prefix('.'))
    {
        Some(member) => Ok(member.to_string()),
        None => Err(PyTypeError::new_err(format!(
            "{what} must be a member of pqfence.serialization's enums, not {type_name}"
        ))),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Enc {
    Pem,
    Der,
    Raw,
}

fn encoding_arg(obj: &Bound<'_, PyAny>) -> PyResult<Enc> {
    match member_name(obj, "encoding")?.as_str() {
        "PEM" => Ok(Enc::Pem),
        "DER" => Ok(Enc::Der),
        "Raw" => Ok(Enc::Raw),
        other => Err(bad(format!(
            "encoding {other:?} is not supported for these keys (use PEM, DER or Raw)"
        ))),
    }
}

/// True for PKCS8 (or SubjectPublicKeyInfo), false for Raw.
fn structured_format(obj: &Bound<'_, PyAny>, private: bool) -> PyResult<bool> {
    let name = member_name(obj, "format")?;
    match (name.as_str(), private) {
        ("PKCS8", true) => Ok(true),
        ("SubjectPublicKeyInfo", false) => Ok(true),
        ("Raw", _) => Ok(false),
        (other, true) => Err(bad(format!(
            "private key format {other:?} is not supported for these keys (use PKCS8 or Raw)"
        ))),
        (other, false) => Err(bad(format!(
            "public key format {other:?} is not supported for these keys (use SubjectPublicKeyInfo or Raw)"
        ))),
    }
}

fn form_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<PrivateKeyForm> {
    match obj {
        None => Ok(PrivateKeyForm::Seed),
        Some(o) if o.is_none() => Ok(PrivateKeyForm::Seed),
        Some(o) => {
            let name = member_name(o, "form")?.to_ascii_lowercase();
            Ok(PrivateKeyForm::from_name(&name)?)
        }
    }
}

/// The longest password pqfence accepts, as pyca/cryptography (whose
/// OpenSSL password buffer holds 1023 bytes and a terminator).
const MAX_PASSWORD_LEN: usize = 1023;

fn check_password_len(password: &[u8]) -> PyResult<()> {
    if password.len() > MAX_PASSWORD_LEN {
        return Err(PyValueError::new_err(format!(
            "passwords longer than {MAX_PASSWORD_LEN} bytes are not supported (got {})",
            password.len()
        )));
    }
    Ok(())
}

/// True when `obj`'s class derives from a class named
/// `KeySerializationEncryption` (pqfence's or pyca/cryptography's).
fn is_key_serialization_encryption(obj: &Bound<'_, PyAny>) -> bool {
    let Ok(mro) = obj.get_type().getattr("__mro__") else {
        return false;
    };
    let Ok(classes) = mro.try_iter() else {
        return false;
    };
    classes.flatten().any(|cls| {
        cls.getattr("__name__")
            .and_then(|n| n.extract::<String>())
            .is_ok_and(|n| n == "KeySerializationEncryption")
    })
}

/// The password and key derivation of an encryption argument; `None` for
/// `NoEncryption()`. Another `KeySerializationEncryption` is a `ValueError`
/// (an unsupported choice, as in pyca/cryptography); any other object a
/// `TypeError`.
fn encryption_arg(obj: &Bound<'_, PyAny>) -> PyResult<Option<(Zeroizing<Vec<u8>>, Kdf)>> {
    if let Ok(password) = obj.getattr("password") {
        let password = bytes_like(&password, "password")?;
        check_password_len(&password)?;
        let kdf = match obj.getattr("_pqfence_kdf") {
            Ok(spec) if !spec.is_none() => kdf_arg(&spec)?,
            _ => Kdf::DEFAULT,
        };
        return Ok(Some((password, kdf)));
    }
    let name = obj.get_type().name()?.to_string();
    if name == "NoEncryption" {
        return Ok(None);
    }
    if is_key_serialization_encryption(obj) {
        return Err(bad(format!(
            "unsupported encryption {name}: use NoEncryption() or BestAvailableEncryption(password)"
        )));
    }
    Err(PyTypeError::new_err(format!(
        "encryption_algorithm must be NoEncryption() or BestAvailableEncryption(password), not {name}"
    )))
}

/// `("scrypt", log_n, r, p)` or `("pbkdf2-sha256", iterations, 0, 0)`.
fn kdf_arg(spec: &Bound<'_, PyAny>) -> PyResult<Kdf> {
    let (name, a, b, c): (String, u64, u32, u32) = spec.extract()?;
    match name.as_str() {
        "scrypt" => Ok(Kdf::Scrypt {
            log_n: u8::try_from(a).map_err(|_| bad(format!("scrypt log_n {a} is too large")))?,
            r: b,
            p: c,
        }),
        "pbkdf2-sha256" => Ok(Kdf::Pbkdf2Sha256 {
            iterations: u32::try_from(a)
                .map_err(|_| bad(format!("PBKDF2 iteration count {a} is too large")))?,
        }),
        other => Err(bad(format!("unknown key-derivation function {other:?}"))),
    }
}

fn private_bytes<'py, K: PrivateKeyEncoding + Sync>(
    py: Python<'py>,
    key: &K,
    encoding: &Bound<'py, PyAny>,
    format: &Bound<'py, PyAny>,
    encryption_algorithm: &Bound<'py, PyAny>,
    form: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let enc = encoding_arg(encoding)?;
    let pkcs8 = structured_format(format, true)?;
    let encryption = encryption_arg(encryption_algorithm)?;
    let form = form_arg(form)?;
    if !pkcs8 {
        let raw = RawPrivate {
            enc,
            encrypted: encryption.is_some(),
            form,
        };
        return raw.bytes(py, key.seed_bytes(), key.expanded_key_bytes());
    }
    match (enc, encryption) {
        (Enc::Raw, _) => Err(bad(
            "Encoding.Raw needs PrivateFormat.Raw (PKCS8 is PEM or DER)".into(),
        )),
        (Enc::Der, None) => {
            let doc = encoding::to_pkcs8_der(key, form)?;
            Ok(PyBytes::new(py, doc.as_bytes()))
        }
        (Enc::Pem, None) => {
            let pem = encoding::to_pkcs8_pem(key, form)?;
            Ok(PyBytes::new(py, pem.as_bytes()))
        }
        (Enc::Der, Some((password, kdf))) => {
            let doc = py.detach(|| encoding::to_pkcs8_encrypted_der(key, form, &password, kdf))?;
            Ok(PyBytes::new(py, doc.as_bytes()))
        }
        (Enc::Pem, Some((password, kdf))) => {
            let pem = py.detach(|| encoding::to_pkcs8_encrypted_pem(key, form, &password, kdf))?;
            Ok(PyBytes::new(py, pem.as_bytes()))
        }
    }
}

/// The checked arguments of a `PrivateFormat.Raw` request.
struct RawPrivate {
    enc: Enc,
    encrypted: bool,
    form: PrivateKeyForm,
}

impl RawPrivate {
    /// The seed (`form` SEED, the default) or the expanded key (EXPANDED).
    fn bytes<'py>(
        &self,
        py: Python<'py>,
        seed: Option<&[u8]>,
        expanded: &[u8],
    ) -> PyResult<Bound<'py, PyBytes>> {
        if self.enc != Enc::Raw {
            return Err(bad(
                "PrivateFormat.Raw needs Encoding.Raw (PEM and DER need PKCS8)".into(),
            ));
        }
        if self.encrypted {
            return Err(bad(
                "raw private keys cannot be encrypted: use NoEncryption(), or PKCS8 with a password"
                    .into(),
            ));
        }
        match self.form {
            PrivateKeyForm::Seed => match seed {
                Some(seed) => Ok(PyBytes::new(py, seed)),
                None => Err(Error::InvalidKey {
                    reason: "this key was loaded in expanded form; its seed is not recoverable (use form=PrivateKeyForm.EXPANDED)",
                }
                .into()),
            },
            PrivateKeyForm::Expanded => Ok(PyBytes::new(py, expanded)),
            PrivateKeyForm::Both => Err(bad(
                "the raw format holds one form: seed or expanded, not both".into(),
            )),
        }
    }
}

const FALCON_NO_OID: &str = "Falcon has no standard object identifier, so no PKCS#8 or SubjectPublicKeyInfo encoding: use Encoding.Raw with PrivateFormat.Raw / PublicFormat.Raw";

/// `private_bytes` for Falcon: the Raw format only.
fn falcon_private_bytes<'py, P: FalconParams>(
    py: Python<'py>,
    key: &falcon::SigningKey<P>,
    encoding: &Bound<'py, PyAny>,
    format: &Bound<'py, PyAny>,
    encryption_algorithm: &Bound<'py, PyAny>,
    form: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let enc = encoding_arg(encoding)?;
    if structured_format(format, true)? {
        return Err(bad(FALCON_NO_OID.into()));
    }
    let raw = RawPrivate {
        enc,
        encrypted: encryption_arg(encryption_algorithm)?.is_some(),
        form: form_arg(form)?,
    };
    raw.bytes(
        py,
        key.seed().map(|s| s.bytes()),
        key.expanded_bytes().bytes(),
    )
}

/// `public_bytes` for Falcon: the Raw format only.
fn falcon_public_bytes<'py, P: FalconParams>(
    py: Python<'py>,
    key: &falcon::VerifyingKey<P>,
    encoding: &Bound<'py, PyAny>,
    format: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let enc = encoding_arg(encoding)?;
    match (enc, structured_format(format, false)?) {
        (Enc::Raw, false) => Ok(PyBytes::new(py, key.as_bytes())),
        (_, true) => Err(bad(FALCON_NO_OID.into())),
        (_, false) => Err(bad(
            "PublicFormat.Raw needs Encoding.Raw (PEM and DER need SubjectPublicKeyInfo)".into(),
        )),
    }
}

fn public_bytes<'py, K: PublicKeyEncoding>(
    py: Python<'py>,
    key: &K,
    encoding: &Bound<'py, PyAny>,
    format: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let enc = encoding_arg(encoding)?;
    let spki = structured_format(format, false)?;
    match (enc, spki) {
        (Enc::Raw, false) => Ok(PyBytes::new(py, key.public_key_bytes())),
        (Enc::Der, true) => Ok(PyBytes::new(
            py,
            encoding::to_public_key_der(key)?.as_bytes(),
        )),
        (Enc::Pem, true) => Ok(PyBytes::new(
            py,
            encoding::to_public_key_pem(key)?.as_bytes(),
        )),
        (Enc::Raw, true) => Err(bad(
            "Encoding.Raw needs PublicFormat.Raw (SubjectPublicKeyInfo is PEM or DER)".into(),
        )),
        (_, false) => Err(bad(
            "PublicFormat.Raw needs Encoding.Raw (PEM and DER need SubjectPublicKeyInfo)".into(),
        )),
    }
}

/// `private_bytes` / `public_bytes` for one parameter set's two classes.
macro_rules! serialization_methods {
    ($($priv:ident, $pub_:ident;)*) => {$(
        #[pymethods]
        impl $priv {
            /// Serializes the private key: PEM or DER PKCS#8 (optionally
            /// encrypted), or Raw. `form` picks the private key form: seed
            /// (the default), expanded or both (PKCS#8 only). SLH-DSA's one
            /// PKCS#8 form (RFC 9909) is written whatever `form` says.
            #[pyo3(signature = (encoding, format, encryption_algorithm, form=None))]
            fn private_bytes<'py>(
                &self,
                py: Python<'py>,
                encoding: &Bound<'py, PyAny>,
                format: &Bound<'py, PyAny>,
                encryption_algorithm: &Bound<'py, PyAny>,
                form: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                private_bytes(py, &self.inner, encoding, format, encryption_algorithm, form)
            }
        }

        #[pymethods]
        impl $pub_ {
            /// Serializes the public key: PEM or DER SubjectPublicKeyInfo, or Raw.
            fn public_bytes<'py>(
                &self,
                py: Python<'py>,
                encoding: &Bound<'py, PyAny>,
                format: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                public_bytes(py, &self.inner, encoding, format)
            }
        }
    )*};
}

serialization_methods! {
    MLKEM512PrivateKey, MLKEM512PublicKey;
    MLKEM768PrivateKey, MLKEM768PublicKey;
    MLKEM1024PrivateKey, MLKEM1024PublicKey;
    MLDSA44PrivateKey, MLDSA44PublicKey;
    MLDSA65PrivateKey, MLDSA65PublicKey;
    MLDSA87PrivateKey, MLDSA87PublicKey;
    SlhDsaSha2_128sPrivateKey, SlhDsaSha2_128sPublicKey;
    SlhDsaSha2_128fPrivateKey, SlhDsaSha2_128fPublicKey;
    SlhDsaSha2_192sPrivateKey, SlhDsaSha2_192sPublicKey;
    SlhDsaSha2_192fPrivateKey, SlhDsaSha2_192fPublicKey;
    SlhDsaSha2_256sPrivateKey, SlhDsaSha2_256sPublicKey;
    SlhDsaSha2_256fPrivateKey, SlhDsaSha2_256fPublicKey;
    SlhDsaShake_128sPrivateKey, SlhDsaShake_128sPublicKey;
    SlhDsaShake_128fPrivateKey, SlhDsaShake_128fPublicKey;
    SlhDsaShake_192sPrivateKey, SlhDsaShake_192sPublicKey;
    SlhDsaShake_192fPrivateKey, SlhDsaShake_192fPublicKey;
    SlhDsaShake_256sPrivateKey, SlhDsaShake_256sPublicKey;
    SlhDsaShake_256fPrivateKey, SlhDsaShake_256fPublicKey;
}

/// Raw-only `private_bytes` / `public_bytes` for the Falcon classes.
macro_rules! falcon_serialization_methods {
    ($($priv:ident, $pub_:ident;)*) => {$(
        #[pymethods]
        impl $priv {
            /// Serializes the private key in the Raw format (Encoding.Raw,
            /// PrivateFormat.Raw, NoEncryption()): the 48-byte seed, or with
            /// `form=PrivateKeyForm.EXPANDED` the specification's secret key.
            /// Falcon has no standard OID, hence no PKCS#8.
            #[pyo3(signature = (encoding, format, encryption_algorithm, form=None))]
            fn private_bytes<'py>(
                &self,
                py: Python<'py>,
                encoding: &Bound<'py, PyAny>,
                format: &Bound<'py, PyAny>,
                encryption_algorithm: &Bound<'py, PyAny>,
                form: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                falcon_private_bytes(py, &self.inner, encoding, format, encryption_algorithm, form)
            }
        }

        #[pymethods]
        impl $pub_ {
            /// Serializes the public key in the Raw format (Encoding.Raw,
            /// PublicFormat.Raw); Falcon has no SubjectPublicKeyInfo encoding.
            fn public_bytes<'py>(
                &self,
                py: Python<'py>,
                encoding: &Bound<'py, PyAny>,
                format: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                falcon_public_bytes(py, &self.inner, encoding, format)
            }
        }
    )*};
}

falcon_serialization_methods! {
    Falcon512PrivateKey, Falcon512PublicKey;
    Falcon1024PrivateKey, Falcon1024PublicKey;
    FalconPadded512PrivateKey, FalconPadded512PublicKey;
    FalconPadded1024PrivateKey, FalconPadded1024PublicKey;
}

fn private_to_py(py: Python<'_>, key: AnyPrivateKey) -> PyResult<Py<PyAny>> {
    Ok(match key {
        AnyPrivateKey::MlKem512(inner) => Py::new(py, MLKEM512PrivateKey { inner })?.into_any(),
        AnyPrivateKey::MlKem768(inner) => Py::new(py, MLKEM768PrivateKey { inner })?.into_any(),
        AnyPrivateKey::MlKem1024(inner) => Py::new(py, MLKEM1024PrivateKey { inner })?.into_any(),
        AnyPrivateKey::MlDsa44(inner) => Py::new(py, MLDSA44PrivateKey { inner })?.into_any(),
        AnyPrivateKey::MlDsa65(inner) => Py::new(py, MLDSA65PrivateKey { inner })?.into_any(),
        AnyPrivateKey::MlDsa87(inner) => Py::new(py, MLDSA87PrivateKey { inner })?.into_any(),
        AnyPrivateKey::SlhDsaSha2_128s(inner) => {
            Py::new(py, SlhDsaSha2_128sPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaSha2_128f(inner) => {
            Py::new(py, SlhDsaSha2_128fPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaSha2_192s(inner) => {
            Py::new(py, SlhDsaSha2_192sPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaSha2_192f(inner) => {
            Py::new(py, SlhDsaSha2_192fPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaSha2_256s(inner) => {
            Py::new(py, SlhDsaSha2_256sPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaSha2_256f(inner) => {
            Py::new(py, SlhDsaSha2_256fPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaShake_128s(inner) => {
            Py::new(py, SlhDsaShake_128sPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaShake_128f(inner) => {
            Py::new(py, SlhDsaShake_128fPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaShake_192s(inner) => {
            Py::new(py, SlhDsaShake_192sPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaShake_192f(inner) => {
            Py::new(py, SlhDsaShake_192fPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaShake_256s(inner) => {
            Py::new(py, SlhDsaShake_256sPrivateKey { inner })?.into_any()
        }
        AnyPrivateKey::SlhDsaShake_256f(inner) => {
            Py::new(py, SlhDsaShake_256fPrivateKey { inner })?.into_any()
        }
    })
}

fn public_to_py(py: Python<'_>, key: AnyPublicKey) -> PyResult<Py<PyAny>> {
    Ok(match key {
        AnyPublicKey::MlKem512(inner) => Py::new(py, MLKEM512PublicKey { inner })?.into_any(),
        AnyPublicKey::MlKem768(inner) => Py::new(py, MLKEM768PublicKey { inner })?.into_any(),
        AnyPublicKey::MlKem1024(inner) => Py::new(py, MLKEM1024PublicKey { inner })?.into_any(),
        AnyPublicKey::MlDsa44(inner) => Py::new(py, MLDSA44PublicKey { inner })?.into_any(),
        AnyPublicKey::MlDsa65(inner) => Py::new(py, MLDSA65PublicKey { inner })?.into_any(),
        AnyPublicKey::MlDsa87(inner) => Py::new(py, MLDSA87PublicKey { inner })?.into_any(),
        AnyPublicKey::SlhDsaSha2_128s(inner) => {
            Py::new(py, SlhDsaSha2_128sPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaSha2_128f(inner) => {
            Py::new(py, SlhDsaSha2_128fPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaSha2_192s(inner) => {
            Py::new(py, SlhDsaSha2_192sPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaSha2_192f(inner) => {
            Py::new(py, SlhDsaSha2_192fPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaSha2_256s(inner) => {
            Py::new(py, SlhDsaSha2_256sPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaSha2_256f(inner) => {
            Py::new(py, SlhDsaSha2_256fPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaShake_128s(inner) => {
            Py::new(py, SlhDsaShake_128sPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaShake_128f(inner) => {
            Py::new(py, SlhDsaShake_128fPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaShake_192s(inner) => {
            Py::new(py, SlhDsaShake_192sPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaShake_192f(inner) => {
            Py::new(py, SlhDsaShake_192fPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaShake_256s(inner) => {
            Py::new(py, SlhDsaShake_256sPublicKey { inner })?.into_any()
        }
        AnyPublicKey::SlhDsaShake_256f(inner) => {
            Py::new(py, SlhDsaShake_256fPublicKey { inner })?.into_any()
        }
    })
}

/// PEM input as text (PEM is ASCII).
fn pem_text(data: &[u8]) -> PyResult<&str> {
    std::str::from_utf8(data).map_err(|_| bad("PEM data is not ASCII text".into()))
}

fn password_arg(password: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Zeroizing<Vec<u8>>>> {
    match password {
        Some(p) if !p.is_none() => {
            let password = bytes_like(p, "password")?;
            check_password_len(&password)?;
            Ok(Some(password))
        }
        _ => Ok(None),
    }
}

/// The key-derivation limits of a private key loader: pqfence's defaults,
/// each raised (or lowered) by its keyword when given.
fn kdf_limits_arg(
    max_scrypt_memory: Option<u64>,
    max_scrypt_work: Option<u64>,
    max_pbkdf2_iterations: Option<u32>,
) -> KdfLimits {
    let d = KdfLimits::DEFAULT;
    KdfLimits {
        max_scrypt_memory: max_scrypt_memory.unwrap_or(d.max_scrypt_memory),
        max_scrypt_work: max_scrypt_work.unwrap_or(d.max_scrypt_work),
        max_pbkdf2_iterations: max_pbkdf2_iterations.unwrap_or(d.max_pbkdf2_iterations),
    }
}

/// pyca/cryptography's TypeErrors for a missing or superfluous password.
fn check_password_presence(encrypted: bool, has_password: bool) -> PyResult<()> {
    match (encrypted, has_password) {
        (true, false) => Err(PyTypeError::new_err(
            "Password was not given but private key is encrypted",
        )),
        (false, true) => Err(PyTypeError::new_err(
            "Password was given but private key is not encrypted",
        )),
        _ => Ok(()),
    }
}

/// Loads a PEM private key ("PRIVATE KEY" or "ENCRYPTED PRIVATE KEY") of any
/// supported algorithm, returning the matching pqfence key class. The
/// `max_*` keywords replace the key-derivation cost limits (`KdfLimits`).
#[pyfunction]
#[pyo3(signature = (data, password=None, *, max_scrypt_memory=None, max_scrypt_work=None, max_pbkdf2_iterations=None))]
fn load_pem_private_key(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    password: Option<&Bound<'_, PyAny>>,
    max_scrypt_memory: Option<u64>,
    max_scrypt_work: Option<u64>,
    max_pbkdf2_iterations: Option<u32>,
) -> PyResult<Py<PyAny>> {
    let limits = kdf_limits_arg(max_scrypt_memory, max_scrypt_work, max_pbkdf2_iterations);
    let data = bytes_like(data, "data")?;
    let password = password_arg(password)?;
    let text = pem_text(&data)?;
    if let Ok(label) = encoding::pem_label(text) {
        let encrypted = label == encoding::ENCRYPTED_PRIVATE_KEY_LABEL;
        if encrypted || label == encoding::PRIVATE_KEY_LABEL {
            check_password_presence(encrypted, password.is_some())?;
        }
    }
    let key = py.detach(|| {
        encoding::load_private_key_pem_with_limits(
            text,
            password.as_deref().map(|p| p.as_slice()),
            limits,
        )
    })?;
    private_to_py(py, key)
}

/// Loads a DER private key (PKCS#8, encrypted or not) of any supported
/// algorithm; the `max_*` keywords as for `load_pem_private_key`.
#[pyfunction]
#[pyo3(signature = (data, password=None, *, max_scrypt_memory=None, max_scrypt_work=None, max_pbkdf2_iterations=None))]
fn load_der_private_key(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    password: Option<&Bound<'_, PyAny>>,
    max_scrypt_memory: Option<u64>,
    max_scrypt_work: Option<u64>,
    max_pbkdf2_iterations: Option<u32>,
) -> PyResult<Py<PyAny>> {
    let limits = kdf_limits_arg(max_scrypt_memory, max_scrypt_work, max_pbkdf2_iterations);
    let data = bytes_like(data, "data")?;
    let password = password_arg(password)?;
    let encrypted = encoding::is_encrypted_pkcs8_der(&data);
    if encrypted || password.is_none() {
        check_password_presence(encrypted, password.is_some())?;
    } else if encoding::is_plain_pkcs8_der(&data) {
        check_password_presence(false, true)?;
    }
    let key = py.detach(|| {
        encoding::load_private_key_der_with_limits(
            &data,
            password.as_deref().map(|p| p.as_slice()),
            limits,
        )
    })?;
    private_to_py(py, key)
}

/// Loads a PEM public key ("PUBLIC KEY") of any supported algorithm. The
/// GIL is released while the key is parsed and checked (the C checks run).
#[pyfunction]
fn load_pem_public_key(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let data = bytes_like(data, "data")?;
    let text = pem_text(&data)?;
    let key = py.detach(|| encoding::load_public_key_pem(text))?;
    public_to_py(py, key)
}

/// Loads a DER SubjectPublicKeyInfo of any supported algorithm (GIL released).
#[pyfunction]
fn load_der_public_key(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let data = bytes_like(data, "data")?;
    let key = py.detach(|| encoding::load_public_key_der(&data))?;
    public_to_py(py, key)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(load_pem_private_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_der_private_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_pem_public_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_der_public_key, m)?)?;
    Ok(())
}
