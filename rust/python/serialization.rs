//! Key serialization for Python: the arguments of `private_bytes(encoding,
//! format, encryption_algorithm, form=None)` and `public_bytes(encoding,
//! format)` (methods of the root classes, keys.rs), and the loaders
//! `load_{pem,der}_{private,public}_key`. The work is done by
//! [`crate::encoding`]; this file only reads the arguments.
//!
//! ML-KEM, ML-DSA and SLH-DSA keys have every format. Falcon has no standard
//! object identifier, so its keys have the Raw format only; PKCS8 and
//! SubjectPublicKeyInfo raise `InvalidEncoding` for them.
//!
//! The enum arguments are read by member name, so pqfence's enums
//! (`pqfence.serialization.Encoding.PEM`, ...) and pyca/cryptography's
//! (`serialization.Encoding.PEM`, ...) both work. An encryption
//! argument is any object with a `password` attribute (pqfence's or pyca's
//! `BestAvailableEncryption`), or a `NoEncryption()`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use zeroize::Zeroizing;

use super::keys::{PrivateKeyObj, PublicKeyObj};
use super::Buf;
use crate::algorithms::PrivateKeyShape;
use crate::encoding::{self, Kdf, KdfLimits, PrivateKeyForm};
use crate::error::Error;

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
        let password = password.extract::<Buf>()?.into_zeroizing();
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

/// A checked `private_bytes` request.
pub(crate) struct PrivateRequest {
    enc: Enc,
    pkcs8: bool,
    encryption: Option<(Zeroizing<Vec<u8>>, Kdf)>,
    form: PrivateKeyForm,
}

impl PrivateRequest {
    /// Reads the arguments (with the GIL; nothing is computed yet).
    pub(crate) fn read(
        encoding: &Bound<'_, PyAny>,
        format: &Bound<'_, PyAny>,
        encryption_algorithm: &Bound<'_, PyAny>,
        form: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(PrivateRequest {
            enc: encoding_arg(encoding)?,
            pkcs8: structured_format(format, true)?,
            encryption: encryption_arg(encryption_algorithm)?,
            form: form_arg(form)?,
        })
    }
}

const NO_OID: &str = "this algorithm has no standard object identifier (Falcon, MLKEM768-P256, MLKEM1024-P384), so no PKCS#8 or SubjectPublicKeyInfo encoding: use Encoding.Raw with PrivateFormat.Raw / PublicFormat.Raw";

/// The bytes `private_bytes` returns (run with the GIL released: encrypted
/// PKCS#8 derives a key).
pub(crate) fn private_bytes(
    key: &dyn PrivateKeyObj,
    r: &PrivateRequest,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let invalid = |reason: &str| Error::InvalidEncoding {
        reason: reason.into(),
    };
    if !r.pkcs8 {
        if r.enc != Enc::Raw {
            return Err(invalid(
                "PrivateFormat.Raw needs Encoding.Raw (PEM and DER need PKCS8)",
            ));
        }
        if r.encryption.is_some() {
            return Err(invalid(
                "raw private keys cannot be encrypted: use NoEncryption(), or PKCS8 with a password",
            ));
        }
        return match r.form {
            PrivateKeyForm::Seed => match key.seed() {
                Some(seed) => Ok(Zeroizing::new(seed.to_vec())),
                None => Err(Error::InvalidKey {
                    reason: "this key was loaded in expanded form; its seed is not recoverable (use form=PrivateKeyForm.EXPANDED)",
                }),
            },
            PrivateKeyForm::Expanded => Ok(Zeroizing::new(key.expanded().to_vec())),
            PrivateKeyForm::Both => Err(invalid(
                "the raw format holds one form: seed or expanded, not both",
            )),
        };
    }
    if matches!(key.algorithm().private_key, PrivateKeyShape::None) {
        return Err(invalid(NO_OID));
    }
    let encryption = r.encryption.as_ref().map(|(pw, kdf)| (pw.as_slice(), *kdf));
    match r.enc {
        Enc::Raw => Err(invalid(
            "Encoding.Raw needs PrivateFormat.Raw (PKCS8 is PEM or DER)",
        )),
        Enc::Der => key.pkcs8(r.form, false, encryption),
        Enc::Pem => key.pkcs8(r.form, true, encryption),
    }
}

/// A checked `public_bytes` request.
pub(crate) struct PublicRequest {
    enc: Enc,
    spki: bool,
}

impl PublicRequest {
    /// Reads the arguments.
    pub(crate) fn read(encoding: &Bound<'_, PyAny>, format: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PublicRequest {
            enc: encoding_arg(encoding)?,
            spki: structured_format(format, false)?,
        })
    }
}

/// The bytes `public_bytes` returns.
pub(crate) fn public_bytes(key: &dyn PublicKeyObj, r: PublicRequest) -> PyResult<Vec<u8>> {
    match (r.enc, r.spki) {
        (Enc::Raw, false) => Ok(key.bytes().to_vec()),
        (_, true) if key.algorithm().oid.is_none() => Err(bad(NO_OID.into())),
        (Enc::Der, true) => Ok(key.spki(false)?),
        (Enc::Pem, true) => Ok(key.spki(true)?),
        (Enc::Raw, true) => Err(bad(
            "Encoding.Raw needs PublicFormat.Raw (SubjectPublicKeyInfo is PEM or DER)".into(),
        )),
        (_, false) => Err(bad(
            "PublicFormat.Raw needs Encoding.Raw (PEM and DER need SubjectPublicKeyInfo)".into(),
        )),
    }
}

/// PEM input as text (PEM is ASCII).
fn pem_text(data: &[u8]) -> PyResult<&str> {
    std::str::from_utf8(data).map_err(|_| bad("PEM data is not ASCII text".into()))
}

fn password_arg(password: Option<Buf>) -> PyResult<Option<Zeroizing<Vec<u8>>>> {
    match password {
        Some(p) => {
            check_password_len(&p)?;
            Ok(Some(p.into_zeroizing()))
        }
        None => Ok(None),
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
    data: Buf,
    password: Option<Buf>,
    max_scrypt_memory: Option<u64>,
    max_scrypt_work: Option<u64>,
    max_pbkdf2_iterations: Option<u32>,
) -> PyResult<Py<PyAny>> {
    let limits = kdf_limits_arg(max_scrypt_memory, max_scrypt_work, max_pbkdf2_iterations);
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
    crate::algorithms::any_private_to_py(py, key)
}

/// Loads a DER private key (PKCS#8, encrypted or not) of any supported
/// algorithm; the `max_*` keywords as for `load_pem_private_key`.
#[pyfunction]
#[pyo3(signature = (data, password=None, *, max_scrypt_memory=None, max_scrypt_work=None, max_pbkdf2_iterations=None))]
fn load_der_private_key(
    py: Python<'_>,
    data: Buf,
    password: Option<Buf>,
    max_scrypt_memory: Option<u64>,
    max_scrypt_work: Option<u64>,
    max_pbkdf2_iterations: Option<u32>,
) -> PyResult<Py<PyAny>> {
    let limits = kdf_limits_arg(max_scrypt_memory, max_scrypt_work, max_pbkdf2_iterations);
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
    crate::algorithms::any_private_to_py(py, key)
}

/// Loads a PEM public key ("PUBLIC KEY") of any supported algorithm. The
/// GIL is released while the key is parsed and checked (the C checks run).
#[pyfunction]
fn load_pem_public_key(py: Python<'_>, data: Buf) -> PyResult<Py<PyAny>> {
    let text = pem_text(&data)?;
    let key = py.detach(|| encoding::load_public_key_pem(text))?;
    crate::algorithms::any_public_to_py(py, key)
}

/// Loads a DER SubjectPublicKeyInfo of any supported algorithm (GIL released).
#[pyfunction]
fn load_der_public_key(py: Python<'_>, data: Buf) -> PyResult<Py<PyAny>> {
    let key = py.detach(|| encoding::load_public_key_der(&data))?;
    crate::algorithms::any_public_to_py(py, key)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(load_pem_private_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_der_private_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_pem_public_key, m)?)?;
    m.add_function(wrap_pyfunction!(load_der_public_key, m)?)?;
    Ok(())
}
