//! The two key containers the hybrid KEMs use, as a small function pair each:
//! SubjectPublicKeyInfo (RFC 5280) with the raw key in the BIT STRING, and
//! PKCS#8 / OneAsymmetricKey (RFC 5958) v1 with the raw private key in the
//! `privateKey` OCTET STRING. AlgorithmIdentifier parameters are absent for
//! every algorithm here (X-Wing draft section "Use in X.509", composite KEM
//! draft section "ASN.1 Definitions"); a parameter, a PKCS#8 `publicKey` that
//! is not the key's own, or trailing bytes are refused.
//!
//! The DER itself is written and parsed by the `der`, `spki` and `pkcs8`
//! crates; these functions only choose the OID and check the shape.

use der::asn1::{BitStringRef, OctetStringRef};
use der::pem::LineEnding;
use der::{Decode, Document, SecretDocument};
use pkcs8::PrivateKeyInfoRef;
use spki::{AlgorithmIdentifierRef, ObjectIdentifier, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// PEM label of a SubjectPublicKeyInfo.
pub const PUBLIC_KEY_LABEL: &str = "PUBLIC KEY";
/// PEM label of an unencrypted PKCS#8 private key.
pub const PRIVATE_KEY_LABEL: &str = "PRIVATE KEY";

fn asn1(what: &str, err: impl core::fmt::Display) -> Error {
    Error::InvalidEncoding {
        reason: format!("{what}: {err}"),
    }
}

fn check_alg(alg: &AlgorithmIdentifierRef<'_>, oid: ObjectIdentifier, name: &str) -> Result<()> {
    if alg.oid != oid {
        return Err(Error::InvalidEncoding {
            reason: format!("expected a {name} key (OID {oid}), found OID {}", alg.oid),
        });
    }
    if alg.parameters.is_some() {
        return Err(Error::InvalidEncoding {
            reason: format!("{name} AlgorithmIdentifier parameters must be absent"),
        });
    }
    Ok(())
}

/// DER SubjectPublicKeyInfo holding `key` under `oid` (parameters absent).
pub(crate) fn spki_to_der(oid: ObjectIdentifier, key: &[u8]) -> Result<Vec<u8>> {
    let spki = SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        subject_public_key: BitStringRef::from_bytes(key).map_err(|e| asn1("public key", e))?,
    };
    Document::encode_msg(&spki)
        .map(|d| d.as_bytes().to_vec())
        .map_err(|e| asn1("public key", e))
}

/// The raw key inside a DER SubjectPublicKeyInfo, after checking its OID.
pub(crate) fn spki_from_der<'a>(
    der: &'a [u8],
    oid: ObjectIdentifier,
    name: &str,
) -> Result<&'a [u8]> {
    let spki =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| asn1("SubjectPublicKeyInfo", e))?;
    check_alg(&spki.algorithm, oid, name)?;
    spki.subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::InvalidEncoding {
            reason: "the public key BIT STRING has unused bits".into(),
        })
}

/// The raw private key of a PKCS#8 document and its optional `publicKey`.
pub(crate) type Pkcs8Parts = (Zeroizing<Vec<u8>>, Option<Vec<u8>>);

/// DER PKCS#8 v1 holding the raw private key `key` under `oid`.
pub(crate) fn pkcs8_to_der(oid: ObjectIdentifier, key: &[u8]) -> Result<SecretDocument> {
    let octets = OctetStringRef::new(key).map_err(|e| asn1("private key", e))?;
    let pki = PrivateKeyInfoRef::new(
        AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        octets,
    );
    SecretDocument::encode_msg(&pki).map_err(|e| asn1("private key", e))
}

/// The raw private key inside a DER PKCS#8 document, after checking its OID,
/// and the optional `publicKey` field (returned for the caller to compare).
pub(crate) fn pkcs8_from_der(der: &[u8], oid: ObjectIdentifier, name: &str) -> Result<Pkcs8Parts> {
    let pki = PrivateKeyInfoRef::from_der(der).map_err(|e| asn1("PKCS#8 private key", e))?;
    check_alg(&pki.algorithm, oid, name)?;
    let public = match &pki.public_key {
        None => None,
        Some(bits) => Some(
            bits.as_bytes()
                .ok_or_else(|| Error::InvalidEncoding {
                    reason: "the PKCS#8 publicKey BIT STRING has unused bits".into(),
                })?
                .to_vec(),
        ),
    };
    Ok((Zeroizing::new(pki.private_key.as_bytes().to_vec()), public))
}

/// PEM ("PUBLIC KEY", LF line endings) of a DER SubjectPublicKeyInfo.
pub(crate) fn public_pem(der: &[u8]) -> Result<String> {
    der::pem::encode_string(PUBLIC_KEY_LABEL, LineEnding::LF, der)
        .map_err(|e| asn1("public key", e))
}

/// PEM ("PRIVATE KEY", LF line endings) of a DER PKCS#8 document.
pub(crate) fn private_pem(doc: &SecretDocument) -> Result<Zeroizing<String>> {
    doc.to_pem(PRIVATE_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("private key", e))
}

/// The DER inside a PEM document, insisting on its label.
pub(crate) fn pem_to_der(pem: &str, label: &str) -> Result<Zeroizing<Vec<u8>>> {
    let (found, der) = der::pem::decode_vec(pem.as_bytes()).map_err(|e| asn1("PEM document", e))?;
    let der = Zeroizing::new(der);
    if found != label {
        return Err(Error::InvalidEncoding {
            reason: format!("expected a PEM \"{label}\" document, found \"{found}\""),
        });
    }
    Ok(der)
}
