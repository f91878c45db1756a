//! HPKE for Python (`pqfence.hpke`): the `KEM` / `KDF` / `AEAD` enums and
//! `Suite` of pyca/cryptography 50's `hpke` module (same member names, same
//! `encrypt` / `decrypt`), and beside them every mode, the contexts, the
//! exporter and raw HPKE keys (`HPKEPrivateKey` / `HPKEPublicKey`, with
//! DeriveKeyPair). Conversions only: the HPKE itself is `crate::hpke`, run
//! with the GIL released.
//!
//! A suite takes as keys: raw HPKE keys; pqfence's own KEM keys (ML-KEM,
//! X-Wing = `MLKEM768X25519PrivateKey`, `MLKEM768P256...`,
//! `MLKEM1024P384...`), used as they are; and, for code moving from pyca,
//! any object with pyca's key accessors (`X25519PrivateKey`,
//! `EllipticCurvePrivateKey`, `X448PrivateKey`, pyca's ML-KEM keys), read
//! through their raw bytes and checked against their public key.

use std::sync::Mutex;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use super::hybrid::{raw_private, raw_public};
use super::keys;
use super::{buf_or_empty, Buf};
use crate::error::Error;
use crate::hpke::{self, Psk};
use crate::hybrid;
use crate::mlkem;

/// The HPKE KEMs (pyca/cryptography's names and more); the values are the
/// registry's identifiers.
#[pyclass(eq, eq_int, frozen, hash, from_py_object, module = "pqfence._native")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub(crate) enum KEM {
    P256 = 0x0010,
    P384 = 0x0011,
    P521 = 0x0012,
    X25519 = 0x0020,
    X448 = 0x0021,
    MLKEM512 = 0x0040,
    MLKEM768 = 0x0041,
    MLKEM1024 = 0x0042,
    MLKEM768_P256 = 0x0050,
    MLKEM1024_P384 = 0x0051,
    MLKEM768_X25519 = 0x647a,
}

/// The HPKE KDFs; the values are the registry's identifiers.
#[pyclass(eq, eq_int, frozen, hash, from_py_object, module = "pqfence._native")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub(crate) enum KDF {
    HKDF_SHA256 = 0x0001,
    HKDF_SHA384 = 0x0002,
    HKDF_SHA512 = 0x0003,
    SHAKE128 = 0x0010,
    SHAKE256 = 0x0011,
    TURBOSHAKE128 = 0x0012,
    TURBOSHAKE256 = 0x0013,
}

/// The HPKE AEADs; the values are the registry's identifiers.
#[pyclass(eq, eq_int, frozen, hash, from_py_object, module = "pqfence._native")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub(crate) enum AEAD {
    AES_128_GCM = 0x0001,
    AES_256_GCM = 0x0002,
    CHACHA20_POLY1305 = 0x0003,
    EXPORT_ONLY = 0xFFFF,
}

impl KEM {
    fn core(self) -> hpke::Kem {
        match self {
            KEM::P256 => hpke::Kem::DhkemP256,
            KEM::P384 => hpke::Kem::DhkemP384,
            KEM::P521 => hpke::Kem::DhkemP521,
            KEM::X25519 => hpke::Kem::DhkemX25519,
            KEM::X448 => hpke::Kem::DhkemX448,
            KEM::MLKEM512 => hpke::Kem::MlKem512,
            KEM::MLKEM768 => hpke::Kem::MlKem768,
            KEM::MLKEM1024 => hpke::Kem::MlKem1024,
            KEM::MLKEM768_P256 => hpke::Kem::MlKem768P256,
            KEM::MLKEM1024_P384 => hpke::Kem::MlKem1024P384,
            KEM::MLKEM768_X25519 => hpke::Kem::MlKem768X25519,
        }
    }

    fn of(kem: hpke::Kem) -> PyResult<KEM> {
        [
            KEM::P256,
            KEM::P384,
            KEM::P521,
            KEM::X25519,
            KEM::X448,
            KEM::MLKEM512,
            KEM::MLKEM768,
            KEM::MLKEM1024,
            KEM::MLKEM768_P256,
            KEM::MLKEM1024_P384,
            KEM::MLKEM768_X25519,
        ]
        .into_iter()
        .find(|k| k.core() == kem)
        .ok_or_else(|| {
            Error::UnknownAlgorithm {
                name: kem.name().into(),
            }
            .into()
        })
    }

    /// The Python name, for messages ("KEM.X25519").
    fn label(self) -> &'static str {
        match self {
            KEM::P256 => "KEM.P256",
            KEM::P384 => "KEM.P384",
            KEM::P521 => "KEM.P521",
            KEM::X25519 => "KEM.X25519",
            KEM::X448 => "KEM.X448",
            KEM::MLKEM512 => "KEM.MLKEM512",
            KEM::MLKEM768 => "KEM.MLKEM768",
            KEM::MLKEM1024 => "KEM.MLKEM1024",
            KEM::MLKEM768_P256 => "KEM.MLKEM768_P256",
            KEM::MLKEM1024_P384 => "KEM.MLKEM1024_P384",
            KEM::MLKEM768_X25519 => "KEM.MLKEM768_X25519",
        }
    }
}

#[pymethods]
impl KEM {
    /// `Nenc`: the length of the encapsulated key that starts `encrypt`'s
    /// output.
    fn enc_length(&self) -> usize {
        self.core().n_enc()
    }

    /// The registry name ("DHKEM(X25519, HKDF-SHA256)", "MLKEM768-X25519", ...).
    #[getter]
    fn registry_name(&self) -> &'static str {
        self.core().name()
    }

    /// The registry identifier.
    #[getter]
    fn id(&self) -> u16 {
        self.core().id()
    }

    /// Whether the auth and auth_psk modes are available (the DHKEMs).
    #[getter]
    fn supports_auth(&self) -> bool {
        self.core().supports_auth()
    }
}

impl KDF {
    fn core(self) -> hpke::Kdf {
        match self {
            KDF::HKDF_SHA256 => hpke::Kdf::HkdfSha256,
            KDF::HKDF_SHA384 => hpke::Kdf::HkdfSha384,
            KDF::HKDF_SHA512 => hpke::Kdf::HkdfSha512,
            KDF::SHAKE128 => hpke::Kdf::Shake128,
            KDF::SHAKE256 => hpke::Kdf::Shake256,
            KDF::TURBOSHAKE128 => hpke::Kdf::TurboShake128,
            KDF::TURBOSHAKE256 => hpke::Kdf::TurboShake256,
        }
    }
}

#[pymethods]
impl KDF {
    /// The registry identifier.
    #[getter]
    fn id(&self) -> u16 {
        self.core().id()
    }
}

impl AEAD {
    fn core(self) -> hpke::Aead {
        match self {
            AEAD::AES_128_GCM => hpke::Aead::Aes128Gcm,
            AEAD::AES_256_GCM => hpke::Aead::Aes256Gcm,
            AEAD::CHACHA20_POLY1305 => hpke::Aead::ChaCha20Poly1305,
            AEAD::EXPORT_ONLY => hpke::Aead::ExportOnly,
        }
    }
}

#[pymethods]
impl AEAD {
    /// The registry identifier.
    #[getter]
    fn id(&self) -> u16 {
        self.core().id()
    }
}

/// A raw HPKE private key of one KEM (the registry's serialization: the
/// DHKEM scalar or X25519 / X448 string, the ML-KEM 64-byte seed, the
/// hybrids' 32-byte seed).
#[pyclass(name = "HPKEPrivateKey", frozen, module = "pqfence._native")]
pub(crate) struct HpkePrivateKey {
    key: hpke::PrivateKey,
}

/// A raw HPKE public key of one KEM (`Npk` bytes, validated).
#[pyclass(name = "HPKEPublicKey", frozen, module = "pqfence._native")]
pub(crate) struct HpkePublicKey {
    key: hpke::PublicKey,
}

#[pymethods]
impl HpkePrivateKey {
    /// GenerateKeyPair with fresh OS randomness.
    #[staticmethod]
    fn generate(py: Python<'_>, kem: KEM) -> PyResult<Self> {
        let key = py.detach(|| hpke::PrivateKey::generate(kem.core()))?;
        Ok(HpkePrivateKey { key })
    }

    /// DeriveKeyPair(ikm): the key the registry derives from `ikm` (at
    /// least `Nsk` bytes of entropy).
    #[staticmethod]
    fn derive(py: Python<'_>, kem: KEM, ikm: Buf) -> PyResult<Self> {
        let key = py.detach(|| hpke::PrivateKey::derive(kem.core(), &ikm))?;
        Ok(HpkePrivateKey { key })
    }

    /// DeserializePrivateKey (`Nsk` bytes, checked).
    #[staticmethod]
    fn from_bytes(py: Python<'_>, kem: KEM, data: Buf) -> PyResult<Self> {
        let key = py.detach(|| hpke::PrivateKey::from_bytes(kem.core(), &data))?;
        Ok(HpkePrivateKey { key })
    }

    /// The HPKE key of `kem` holding `key`: a pqfence KEM key of that KEM,
    /// or a pyca/cryptography key (see the module documentation).
    #[staticmethod]
    fn from_key(kem: KEM, key: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(HpkePrivateKey {
            key: private_arg(kem, key)?,
        })
    }

    /// The matching public key.
    fn public_key(&self) -> HpkePublicKey {
        HpkePublicKey {
            key: self.key.public_key().clone(),
        }
    }

    /// SerializePrivateKey (a secret).
    fn private_bytes_raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, &self.key.to_bytes()?))
    }

    /// The key's KEM.
    #[getter]
    fn kem(&self) -> PyResult<KEM> {
        KEM::of(self.key.kem())
    }

    fn __repr__(&self) -> String {
        format!("<HPKE {} private key (redacted)>", self.key.kem().name())
    }

    fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
        slf.clone().unbind()
    }

    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf.clone().unbind()
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(super::no_pickle("HPKEPrivateKey"))
    }
}

#[pymethods]
impl HpkePublicKey {
    /// DeserializePublicKey (`Npk` bytes; points validated, the ML-KEM
    /// modulus check).
    #[staticmethod]
    fn from_bytes(py: Python<'_>, kem: KEM, data: Buf) -> PyResult<Self> {
        let key = py.detach(|| hpke::PublicKey::from_bytes(kem.core(), &data))?;
        Ok(HpkePublicKey { key })
    }

    /// The HPKE key of `kem` holding `key` (a pqfence or pyca public key).
    #[staticmethod]
    fn from_key(kem: KEM, key: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(HpkePublicKey {
            key: public_arg(kem, key)?,
        })
    }

    /// SerializePublicKey.
    fn public_bytes_raw<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.key.as_bytes())
    }

    /// The key's KEM.
    #[getter]
    fn kem(&self) -> PyResult<KEM> {
        KEM::of(self.key.kem())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<HpkePublicKey>() {
            Ok(o) => self.key == o.get().key,
            Err(_) => false,
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.key.kem().id().hash(&mut h);
        self.key.as_bytes().hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!("<HPKE {} public key>", self.key.kem().name())
    }
}

fn wrong_kem(kem: KEM, what: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "Expected a {what} of {} ({})",
        kem.label(),
        kem.core().name()
    ))
}

/// The catalogue key inside a pqfence key object, as an HPKE key.
fn catalogue_private(obj: &Bound<'_, PyAny>) -> Option<hpke::PrivateKey> {
    let root = obj.cast::<keys::PrivateKey>().ok()?;
    let any = &*root.get().any;
    macro_rules! try_types {
        ($($t:ty),*) => {$(
            if let Some(k) = any.downcast_ref::<$t>() {
                return Some(k.clone().into());
            }
        )*};
    }
    try_types!(
        mlkem::DecapsulationKey<mlkem::MlKem512>,
        mlkem::DecapsulationKey<mlkem::MlKem768>,
        mlkem::DecapsulationKey<mlkem::MlKem1024>,
        hybrid::DecapsulationKey<hybrid::MlKem768X25519>,
        hybrid::DecapsulationKey<hybrid::MlKem768P256>,
        hybrid::DecapsulationKey<hybrid::MlKem1024P384>
    );
    None
}

fn catalogue_public(obj: &Bound<'_, PyAny>) -> Option<hpke::PublicKey> {
    let root = obj.cast::<keys::PublicKey>().ok()?;
    let any = &*root.get().any;
    macro_rules! try_types {
        ($($t:ty),*) => {$(
            if let Some(k) = any.downcast_ref::<$t>() {
                return Some(k.clone().into());
            }
        )*};
    }
    try_types!(
        mlkem::EncapsulationKey<mlkem::MlKem512>,
        mlkem::EncapsulationKey<mlkem::MlKem768>,
        mlkem::EncapsulationKey<mlkem::MlKem1024>,
        hybrid::EncapsulationKey<hybrid::MlKem768X25519>,
        hybrid::EncapsulationKey<hybrid::MlKem768P256>,
        hybrid::EncapsulationKey<hybrid::MlKem1024P384>
    );
    None
}

/// Whether the KEM's keys are single keys with pyca accessors (the DHKEMs
/// and ML-KEM; pyca's hybrid HPKE keys have no accessors).
fn single_key(kem: KEM) -> bool {
    !matches!(
        kem,
        KEM::MLKEM768_P256 | KEM::MLKEM1024_P384 | KEM::MLKEM768_X25519
    )
}

/// A private-key argument of a suite of `kem`, as an HPKE key.
fn private_arg(kem: KEM, obj: &Bound<'_, PyAny>) -> PyResult<hpke::PrivateKey> {
    let key = if let Ok(k) = obj.cast::<HpkePrivateKey>() {
        k.get().key.clone()
    } else if let Some(k) = catalogue_private(obj) {
        k
    } else if obj.is_instance_of::<keys::PrivateKey>() || !single_key(kem) {
        return Err(wrong_kem(kem, "private key"));
    } else {
        // A pyca/cryptography key (or any object with its accessors).
        let core = kem.core();
        let what = format!("private key of {} ({})", kem.label(), core.name());
        let raw = raw_private(obj, core.n_sk(), &format!("a {what}"))?;
        let key = obj
            .py()
            .detach(|| hpke::PrivateKey::from_bytes(core, &raw))?;
        let public = raw_public(
            &obj.call_method0("public_key")?,
            core.n_pk(),
            &format!("a {what}"),
        )?;
        if public != key.public_key().as_bytes() {
            return Err(wrong_kem(kem, "private key"));
        }
        key
    };
    if key.kem() != kem.core() {
        return Err(wrong_kem(kem, "private key"));
    }
    Ok(key)
}

/// A public-key argument of a suite of `kem`, as an HPKE key.
fn public_arg(kem: KEM, obj: &Bound<'_, PyAny>) -> PyResult<hpke::PublicKey> {
    let key = if let Ok(k) = obj.cast::<HpkePublicKey>() {
        k.get().key.clone()
    } else if let Some(k) = catalogue_public(obj) {
        k
    } else if obj.is_instance_of::<keys::PublicKey>() || !single_key(kem) {
        return Err(wrong_kem(kem, "public key"));
    } else {
        let core = kem.core();
        let what = format!("a public key of {} ({})", kem.label(), core.name());
        let raw = raw_public(obj, core.n_pk(), &what)?;
        obj.py()
            .detach(|| hpke::PublicKey::from_bytes(core, &raw))?
    };
    if key.kem() != kem.core() {
        return Err(wrong_kem(kem, "public key"));
    }
    Ok(key)
}

/// The PSK inputs: both, or neither (one alone is refused by the key
/// schedule's VerifyPSKInputs).
fn psk_arg(psk: Option<Buf>, psk_id: Option<Buf>) -> Option<(Buf, Buf)> {
    if psk.is_none() && psk_id.is_none() {
        None
    } else {
        Some((buf_or_empty(psk), buf_or_empty(psk_id)))
    }
}

fn psk_ref(p: &Option<(Buf, Buf)>) -> Option<Psk<'_>> {
    p.as_ref().map(|(psk, psk_id)| Psk { psk, psk_id })
}

fn pair<'py>(py: Python<'py>, a: &[u8], b: &[u8]) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, [PyBytes::new(py, a), PyBytes::new(py, b)])
}

/// An HPKE ciphersuite: `Suite(kem, kdf, aead)`.
#[pyclass(frozen, module = "pqfence._native")]
pub(crate) struct Suite {
    kem: KEM,
    kdf: KDF,
    aead: AEAD,
    suite: hpke::Suite,
}

#[pymethods]
impl Suite {
    #[new]
    fn new(kem: KEM, kdf: KDF, aead: AEAD) -> Self {
        Suite {
            kem,
            kdf,
            aead,
            suite: hpke::Suite::new(kem.core(), kdf.core(), aead.core()),
        }
    }

    /// pyca/cryptography's single shot: base mode, empty aad; returns
    /// `enc || ct`.
    #[pyo3(signature = (plaintext, public_key, info=None))]
    fn encrypt<'py>(
        &self,
        py: Python<'py>,
        plaintext: Buf,
        public_key: &Bound<'py, PyAny>,
        info: Option<Buf>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let pk = public_arg(self.kem, public_key)?;
        let info = buf_or_empty(info);
        let out = py.detach(|| self.suite.encrypt(&plaintext, &pk, &info))?;
        Ok(PyBytes::new(py, &out))
    }

    /// pyca/cryptography's single shot: opens `enc || ct` (base mode, empty
    /// aad); `InvalidTag` when it does not authenticate.
    #[pyo3(signature = (ciphertext, private_key, info=None))]
    fn decrypt<'py>(
        &self,
        py: Python<'py>,
        ciphertext: Buf,
        private_key: &Bound<'py, PyAny>,
        info: Option<Buf>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let sk = private_arg(self.kem, private_key)?;
        let info = buf_or_empty(info);
        let out = py.detach(|| self.suite.decrypt(&ciphertext, &sk, &info))?;
        Ok(PyBytes::new(py, &out))
    }

    /// Single-shot Seal in any mode: `psk` and `psk_id` select a psk mode,
    /// `sender_private_key` an auth mode (DHKEMs). Returns `(enc, ct)`.
    #[pyo3(signature = (plaintext, public_key, info=None, aad=None, *, psk=None, psk_id=None, sender_private_key=None))]
    #[allow(clippy::too_many_arguments)]
    fn seal<'py>(
        &self,
        py: Python<'py>,
        plaintext: Buf,
        public_key: &Bound<'py, PyAny>,
        info: Option<Buf>,
        aad: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
        sender_private_key: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let pk = public_arg(self.kem, public_key)?;
        let sk_s = sender_private_key
            .map(|k| private_arg(self.kem, k))
            .transpose()?;
        let (info, aad) = (buf_or_empty(info), buf_or_empty(aad));
        let p = psk_arg(psk, psk_id);
        let (enc, ct) = py.detach(|| {
            self.suite
                .seal(&pk, &info, &aad, &plaintext, psk_ref(&p), sk_s.as_ref())
        })?;
        pair(py, &enc, &ct)
    }

    /// Single-shot Open in any mode (`sender_public_key` for the auth modes).
    #[pyo3(signature = (enc, ciphertext, private_key, info=None, aad=None, *, psk=None, psk_id=None, sender_public_key=None))]
    #[allow(clippy::too_many_arguments)]
    fn open<'py>(
        &self,
        py: Python<'py>,
        enc: Buf,
        ciphertext: Buf,
        private_key: &Bound<'py, PyAny>,
        info: Option<Buf>,
        aad: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
        sender_public_key: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let sk = private_arg(self.kem, private_key)?;
        let pk_s = sender_public_key
            .map(|k| public_arg(self.kem, k))
            .transpose()?;
        let (info, aad) = (buf_or_empty(info), buf_or_empty(aad));
        let p = psk_arg(psk, psk_id);
        let pt = py.detach(|| {
            self.suite.open(
                &enc,
                &sk,
                &info,
                &aad,
                &ciphertext,
                psk_ref(&p),
                pk_s.as_ref(),
            )
        })?;
        Ok(PyBytes::new(py, &pt))
    }

    /// The sender's context (SetupBaseS / PSKS / AuthS / AuthPSKS):
    /// returns `(enc, SenderContext)`.
    #[pyo3(signature = (public_key, info=None, *, psk=None, psk_id=None, sender_private_key=None))]
    fn setup_sender<'py>(
        &self,
        py: Python<'py>,
        public_key: &Bound<'py, PyAny>,
        info: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
        sender_private_key: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        self.sender(py, public_key, info, psk, psk_id, sender_private_key, None)
    }

    /// **For known-answer tests only**: `setup_sender` with the
    /// encapsulation randomness `ikm_e` (the DHKEM ephemeral's DeriveKeyPair
    /// input, the ML-KEM coin, the hybrid `eseed`).
    #[pyo3(signature = (public_key, ikm_e, info=None, *, psk=None, psk_id=None, sender_private_key=None))]
    #[allow(clippy::too_many_arguments)]
    fn setup_sender_deterministic<'py>(
        &self,
        py: Python<'py>,
        public_key: &Bound<'py, PyAny>,
        ikm_e: Buf,
        info: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
        sender_private_key: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        self.sender(
            py,
            public_key,
            info,
            psk,
            psk_id,
            sender_private_key,
            Some(ikm_e),
        )
    }

    /// The recipient's context (SetupBaseR / PSKR / AuthR / AuthPSKR).
    #[pyo3(signature = (enc, private_key, info=None, *, psk=None, psk_id=None, sender_public_key=None))]
    #[allow(clippy::too_many_arguments)]
    fn setup_recipient(
        &self,
        py: Python<'_>,
        enc: Buf,
        private_key: &Bound<'_, PyAny>,
        info: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
        sender_public_key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<RecipientContext> {
        let sk = private_arg(self.kem, private_key)?;
        let pk_s = sender_public_key
            .map(|k| public_arg(self.kem, k))
            .transpose()?;
        let info = buf_or_empty(info);
        let p = psk_arg(psk, psk_id);
        let ctx = py.detach(|| {
            self.suite
                .setup_recipient(&enc, &sk, &info, psk_ref(&p), pk_s.as_ref())
        })?;
        Ok(RecipientContext {
            ctx: Mutex::new(ctx),
        })
    }

    /// Single-shot SendExport: `(enc, exported secret of length bytes)`.
    #[pyo3(signature = (public_key, exporter_context, length, info=None, *, psk=None, psk_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn send_export<'py>(
        &self,
        py: Python<'py>,
        public_key: &Bound<'py, PyAny>,
        exporter_context: Buf,
        length: usize,
        info: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let pk = public_arg(self.kem, public_key)?;
        let info = buf_or_empty(info);
        let p = psk_arg(psk, psk_id);
        let (enc, secret) = py.detach(|| {
            self.suite
                .send_export(&pk, &info, &exporter_context, length, psk_ref(&p))
        })?;
        pair(py, &enc, &secret)
    }

    /// Single-shot ReceiveExport.
    #[pyo3(signature = (enc, private_key, exporter_context, length, info=None, *, psk=None, psk_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn receive_export<'py>(
        &self,
        py: Python<'py>,
        enc: Buf,
        private_key: &Bound<'py, PyAny>,
        exporter_context: Buf,
        length: usize,
        info: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let sk = private_arg(self.kem, private_key)?;
        let info = buf_or_empty(info);
        let p = psk_arg(psk, psk_id);
        let secret = py.detach(|| {
            self.suite
                .receive_export(&enc, &sk, &info, &exporter_context, length, psk_ref(&p))
        })?;
        Ok(PyBytes::new(py, &secret))
    }

    /// The suite's KEM.
    #[getter]
    fn kem(&self) -> KEM {
        self.kem
    }

    /// The suite's KDF.
    #[getter]
    fn kdf(&self) -> KDF {
        self.kdf
    }

    /// The suite's AEAD.
    #[getter]
    fn aead(&self) -> AEAD {
        self.aead
    }

    fn __repr__(&self) -> String {
        format!(
            "Suite({}, {}, {})",
            self.kem.label(),
            self.suite.kdf.name(),
            self.suite.aead.name()
        )
    }
}

impl Suite {
    #[allow(clippy::too_many_arguments)]
    fn sender<'py>(
        &self,
        py: Python<'py>,
        public_key: &Bound<'py, PyAny>,
        info: Option<Buf>,
        psk: Option<Buf>,
        psk_id: Option<Buf>,
        sender_private_key: Option<&Bound<'py, PyAny>>,
        ikm_e: Option<Buf>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let pk = public_arg(self.kem, public_key)?;
        let sk_s = sender_private_key
            .map(|k| private_arg(self.kem, k))
            .transpose()?;
        let info = buf_or_empty(info);
        let p = psk_arg(psk, psk_id);
        let (enc, ctx) = py.detach(|| match &ikm_e {
            None => self
                .suite
                .setup_sender(&pk, &info, psk_ref(&p), sk_s.as_ref()),
            Some(ikm) => {
                self.suite
                    .setup_sender_deterministic(&pk, &info, psk_ref(&p), sk_s.as_ref(), ikm)
            }
        })?;
        let ctx = Py::new(
            py,
            SenderContext {
                ctx: Mutex::new(ctx),
            },
        )?;
        PyTuple::new(
            py,
            [
                PyBytes::new(py, &enc).into_any(),
                ctx.into_bound(py).into_any(),
            ],
        )
    }
}

/// Runs `f` on a context under its lock (a poisoned lock, left by a panic
/// that cannot happen, is an internal fault rather than a second panic).
fn with_context<C, R>(ctx: &Mutex<C>, f: impl FnOnce(&mut C) -> crate::Result<R>) -> PyResult<R> {
    let mut guard = ctx.lock().map_err(|_| Error::Internal {
        code: crate::ffi::codes::FAULT,
    })?;
    Ok(f(&mut guard)?)
}

/// One HPKE context class: its one message operation (`seal` or `open`,
/// in order, under the context's lock), `export`, the sequence number, and
/// no pickling. Safe to share between threads (one message at a time).
macro_rules! context_class {
    ($(#[$doc:meta])* $class:ident, $inner:ty, $name:literal,
     $(#[$op_doc:meta])* $op:ident($input:ident)) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "pqfence._native")]
        pub(crate) struct $class {
            ctx: Mutex<$inner>,
        }

        #[pymethods]
        impl $class {
            $(#[$op_doc])*
            #[pyo3(signature = ($input, aad=None))]
            fn $op<'py>(
                &self,
                py: Python<'py>,
                $input: Buf,
                aad: Option<Buf>,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let aad = buf_or_empty(aad);
                let out = py.detach(|| with_context(&self.ctx, |ctx| ctx.$op(&aad, &$input)))?;
                Ok(PyBytes::new(py, &out))
            }

            /// Export(exporter_context, length): a secret of `length` bytes.
            fn export<'py>(
                &self,
                py: Python<'py>,
                exporter_context: Buf,
                length: usize,
            ) -> PyResult<Bound<'py, PyBytes>> {
                let secret =
                    py.detach(|| with_context(&self.ctx, |c| c.export(&exporter_context, length)))?;
                Ok(PyBytes::new(py, &secret))
            }

            /// The sequence number of the next message.
            #[getter]
            fn sequence_number(&self) -> PyResult<u64> {
                with_context(&self.ctx, |ctx| Ok(ctx.sequence_number()))
            }

            fn __reduce__(&self) -> PyResult<()> {
                Err(super::no_pickle($name))
            }
        }
    };
}

context_class!(
    /// The sender's context: seals messages in order (sequence numbers from 0;
    /// the last one is refused with `MessageLimitReached`) and exports secrets.
    /// Safe to share between threads (one message at a time).
    SenderContext, hpke::SenderContext, "SenderContext",
    /// Encrypts the next message.
    seal(plaintext)
);

context_class!(
    /// The recipient's context: opens messages in order (a failed open does
    /// not advance the sequence number) and exports secrets.
    RecipientContext, hpke::RecipientContext, "RecipientContext",
    /// Decrypts the next message (`InvalidTag` if it does not authenticate).
    open(ciphertext)
);

/// Seals `plaintext` with one of HPKE's AEADs under the caller's key and
/// nonce (for formats that derive keys with the HPKE exporter, as the
/// `pqfence` command's encrypted files do): `ciphertext || tag`.
#[pyfunction]
#[pyo3(signature = (aead, key, nonce, plaintext, aad=None))]
fn aead_seal<'py>(
    py: Python<'py>,
    aead: AEAD,
    key: Buf,
    nonce: Buf,
    plaintext: Buf,
    aad: Option<Buf>,
) -> PyResult<Bound<'py, PyBytes>> {
    let alg = hpke::Aead::from_id(aead as u16)?;
    let aad = buf_or_empty(aad);
    let ct = py.detach(|| alg.seal(&key, &nonce, &aad, &plaintext))?;
    Ok(PyBytes::new(py, &ct))
}

/// Opens what `aead_seal` sealed; raises `InvalidTag` when the ciphertext,
/// key, nonce or associated data differ.
#[pyfunction]
#[pyo3(signature = (aead, key, nonce, ciphertext, aad=None))]
fn aead_open<'py>(
    py: Python<'py>,
    aead: AEAD,
    key: Buf,
    nonce: Buf,
    ciphertext: Buf,
    aad: Option<Buf>,
) -> PyResult<Bound<'py, PyBytes>> {
    let alg = hpke::Aead::from_id(aead as u16)?;
    let aad = buf_or_empty(aad);
    let pt = zeroize::Zeroizing::new(py.detach(|| alg.open(&key, &nonce, &aad, &ciphertext))?);
    Ok(PyBytes::new(py, &pt))
}

/// Adds the HPKE classes and functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(aead_seal, m)?)?;
    m.add_function(wrap_pyfunction!(aead_open, m)?)?;
    m.add_class::<KEM>()?;
    m.add_class::<KDF>()?;
    m.add_class::<AEAD>()?;
    m.add_class::<Suite>()?;
    m.add_class::<SenderContext>()?;
    m.add_class::<RecipientContext>()?;
    m.add_class::<HpkePrivateKey>()?;
    m.add_class::<HpkePublicKey>()?;
    Ok(())
}
