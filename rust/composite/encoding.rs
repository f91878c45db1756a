//! SubjectPublicKeyInfo and PKCS#8 (OneAsymmetricKey) for composite keys, in
//! DER and PEM (draft sections "Encoding to DER" and "ASN.1 Definitions").
//!
//! The AlgorithmIdentifier is the composite's OID with parameters absent.
//! The SPKI BIT STRING and the PKCS#8 `privateKey` OCTET STRING hold the raw
//! composite key with no further wrapping. A OneAsymmetricKey v2 `publicKey`
//! is accepted only when it equals the public key derived from the private
//! key (the draft: "If the publicKey field is present, it MUST be a
//! composite public key"); pqfence writes v1 without it. Parsing is strict
//! DER through RustCrypto's `der`, `spki` and `pkcs8`. For encrypted PKCS#8,
//! decrypt with `pqfence::encoding::decrypt_pkcs8_der` first.

use der::asn1::{BitStringRef, OctetStringRef};
use der::pem::LineEnding;
use der::{Decode, Document, SecretDocument};
use pkcs8::PrivateKeyInfoRef;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use super::keys::{SigningKey, VerifyingKey};
use super::params::{algorithm_by_oid, CompositeAlgorithm, CompositeParams};
use crate::error::{Error, Result};

const PUBLIC_KEY_LABEL: &str = "PUBLIC KEY";
const PRIVATE_KEY_LABEL: &str = "PRIVATE KEY";

fn invalid(reason: String) -> Error {
    Error::InvalidEncoding { reason }
}

fn asn1(what: &str, err: impl core::fmt::Display) -> Error {
    invalid(format!("malformed {what}: {err}"))
}

fn describe(oid: &der::oid::ObjectIdentifier) -> String {
    match algorithm_by_oid(oid) {
        Some(a) => format!("{} (OID {oid})", a.name),
        None => format!("OID {oid}"),
    }
}

/// Checks an AlgorithmIdentifier names `expected` with parameters absent.
pub(crate) fn check_algorithm(
    alg: &AlgorithmIdentifierRef<'_>,
    expected: &CompositeAlgorithm,
) -> Result<()> {
    if alg.oid != expected.oid {
        return Err(invalid(format!(
            "expected a {} key (OID {}), found {}",
            expected.name,
            expected.oid,
            describe(&alg.oid)
        )));
    }
    if alg.parameters.is_some() {
        return Err(invalid(format!(
            "{} AlgorithmIdentifier parameters must be absent",
            expected.name
        )));
    }
    Ok(())
}

fn algorithm_identifier(alg: &CompositeAlgorithm) -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: alg.oid,
        parameters: None,
    }
}

fn pem_document(pem: &str, label: &str) -> Result<Document> {
    let (found, doc) = Document::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    if found != label {
        return Err(invalid(format!(
            "expected a PEM \"{label}\" document, found \"{found}\""
        )));
    }
    Ok(doc)
}

fn secret_pem_document(pem: &str, label: &str) -> Result<SecretDocument> {
    let (found, doc) = SecretDocument::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    if found != label {
        return Err(invalid(format!(
            "expected a PEM \"{label}\" document, found \"{found}\""
        )));
    }
    Ok(doc)
}

// ---------------------------------------------------------------------------
// SubjectPublicKeyInfo
// ---------------------------------------------------------------------------

/// Parses a DER SubjectPublicKeyInfo: its AlgorithmIdentifier and key bytes.
pub(crate) fn parse_spki(der: &[u8]) -> Result<(AlgorithmIdentifierRef<'_>, &[u8])> {
    let spki =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| asn1("SubjectPublicKeyInfo", e))?;
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| invalid("the public key BIT STRING has unused bits".into()))?;
    Ok((spki.algorithm, bytes))
}

/// Encodes a composite public key as a DER SubjectPublicKeyInfo.
pub fn to_public_key_der<C: CompositeParams>(key: &VerifyingKey<C>) -> Result<Document> {
    let spki = SubjectPublicKeyInfoRef {
        algorithm: algorithm_identifier(C::COMPOSITE),
        subject_public_key: BitStringRef::from_bytes(key.as_bytes())
            .map_err(|e| asn1("public key", e))?,
    };
    Document::encode_msg(&spki).map_err(|e| asn1("public key", e))
}

/// Encodes a composite public key as PEM ("PUBLIC KEY", LF line endings).
pub fn to_public_key_pem<C: CompositeParams>(key: &VerifyingKey<C>) -> Result<String> {
    to_public_key_der(key)?
        .to_pem(PUBLIC_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("public key", e))
}

/// Loads a composite public key from a DER SubjectPublicKeyInfo (the OID
/// must be `C`'s, parameters absent, then the raw key's checks).
pub fn from_public_key_der<C: CompositeParams>(der: &[u8]) -> Result<VerifyingKey<C>> {
    let (alg, bytes) = parse_spki(der)?;
    check_algorithm(&alg, C::COMPOSITE)?;
    VerifyingKey::from_bytes(bytes)
}

/// Loads a composite public key from PEM ("PUBLIC KEY").
pub fn from_public_key_pem<C: CompositeParams>(pem: &str) -> Result<VerifyingKey<C>> {
    from_public_key_der(pem_document(pem, PUBLIC_KEY_LABEL)?.as_bytes())
}

// ---------------------------------------------------------------------------
// PKCS#8
// ---------------------------------------------------------------------------

/// Parses a DER OneAsymmetricKey (v1 or v2).
pub(crate) fn parse_pkcs8(der: &[u8]) -> Result<PrivateKeyInfoRef<'_>> {
    PrivateKeyInfoRef::from_der(der).map_err(|e| asn1("PKCS#8 private key", e))
}

/// Builds the key from a parsed OneAsymmetricKey whose OID was checked.
pub(crate) fn key_from_info<C: CompositeParams>(
    pki: &PrivateKeyInfoRef<'_>,
) -> Result<SigningKey<C>> {
    check_algorithm(&pki.algorithm, C::COMPOSITE)?;
    let key = SigningKey::<C>::from_bytes(pki.private_key.as_bytes())?;
    if let Some(public) = &pki.public_key {
        let given = public
            .as_bytes()
            .ok_or_else(|| invalid("the publicKey BIT STRING has unused bits".into()))?;
        key.check_public_key(given)?;
    }
    Ok(key)
}

/// Encodes a composite private key as DER PKCS#8 (OneAsymmetricKey v1, no
/// public key field; the `privateKey` holds mldsaSeed || tradSK).
pub fn to_pkcs8_der<C: CompositeParams>(key: &SigningKey<C>) -> Result<SecretDocument> {
    let raw = key.to_bytes()?;
    let octets = OctetStringRef::new(&raw).map_err(|e| asn1("private key", e))?;
    let pki = PrivateKeyInfoRef::new(algorithm_identifier(C::COMPOSITE), octets);
    SecretDocument::encode_msg(&pki).map_err(|e| asn1("private key", e))
}

/// Encodes a composite private key as PEM ("PRIVATE KEY", LF line endings).
pub fn to_pkcs8_pem<C: CompositeParams>(key: &SigningKey<C>) -> Result<Zeroizing<String>> {
    to_pkcs8_der(key)?
        .to_pem(PRIVATE_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("private key", e))
}

/// Loads a composite private key from DER PKCS#8 (the OID must be `C`'s,
/// parameters absent; a `publicKey` field must match the key).
pub fn from_pkcs8_der<C: CompositeParams>(der: &[u8]) -> Result<SigningKey<C>> {
    key_from_info(&parse_pkcs8(der)?)
}

/// Loads a composite private key from PEM ("PRIVATE KEY").
pub fn from_pkcs8_pem<C: CompositeParams>(pem: &str) -> Result<SigningKey<C>> {
    from_pkcs8_der(secret_pem_document(pem, PRIVATE_KEY_LABEL)?.as_bytes())
}

/// Loads any composite public key from DER, by its OID.
pub fn load_public_key_der(der: &[u8]) -> Result<super::AnyVerifyingKey> {
    let (alg, _) = parse_spki(der)?;
    super::AnyVerifyingKey::from_public_key_der(&alg.oid, der)
}

/// Loads any composite public key from PEM ("PUBLIC KEY"), by its OID.
pub fn load_public_key_pem(pem: &str) -> Result<super::AnyVerifyingKey> {
    load_public_key_der(pem_document(pem, PUBLIC_KEY_LABEL)?.as_bytes())
}

/// Loads any composite private key from DER PKCS#8, by its OID.
pub fn load_private_key_der(der: &[u8]) -> Result<super::AnySigningKey> {
    let pki = parse_pkcs8(der)?;
    super::AnySigningKey::from_info(&pki)
}

/// Loads any composite private key from PEM ("PRIVATE KEY"), by its OID.
pub fn load_private_key_pem(pem: &str) -> Result<super::AnySigningKey> {
    load_private_key_der(secret_pem_document(pem, PRIVATE_KEY_LABEL)?.as_bytes())
}
