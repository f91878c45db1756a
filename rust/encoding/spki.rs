//! SubjectPublicKeyInfo (RFC 5280, section 4.1.2.7): a public key as its
//! AlgorithmIdentifier (OID, parameters absent) and a BIT STRING holding the
//! standard's raw encoding.

use der::asn1::BitStringRef;
use der::Decode;
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

use super::{
    algorithm_identifier, asn1, check_algorithm, invalid, pem_document, Document, LineEnding,
    PublicKey, PUBLIC_KEY_LABEL,
};
use crate::error::Result;

/// Encodes a public key as a DER SubjectPublicKeyInfo.
pub fn to_public_key_der<K: PublicKey>(key: &K) -> Result<Document> {
    let spki = SubjectPublicKeyInfoRef {
        algorithm: algorithm_identifier(K::ALGORITHM)?,
        subject_public_key: BitStringRef::from_bytes(key.public_key_bytes())
            .map_err(|e| asn1("public key", e))?,
    };
    Document::encode_msg(&spki).map_err(|e| asn1("public key", e))
}

/// Encodes a public key as PEM ("PUBLIC KEY", LF line endings).
pub fn to_public_key_pem<K: PublicKey>(key: &K) -> Result<String> {
    to_public_key_der(key)?
        .to_pem(PUBLIC_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("public key", e))
}

/// Parses a DER SubjectPublicKeyInfo, returning its AlgorithmIdentifier and key bytes.
pub(super) fn parse_spki(der: &[u8]) -> Result<(AlgorithmIdentifierRef<'_>, &[u8])> {
    let spki =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| asn1("SubjectPublicKeyInfo", e))?;
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| invalid("the public key BIT STRING has unused bits".into()))?;
    Ok((spki.algorithm, bytes))
}

/// Loads a public key from a DER SubjectPublicKeyInfo (OID, absent
/// parameters, length and the algorithm's own checks).
pub fn from_public_key_der<K: PublicKey>(der: &[u8]) -> Result<K> {
    let (alg, bytes) = parse_spki(der)?;
    check_algorithm(&alg, K::ALGORITHM)?;
    K::from_public_key_bytes(bytes)
}

/// Loads a public key from PEM ("PUBLIC KEY").
pub fn from_public_key_pem<K: PublicKey>(pem: &str) -> Result<K> {
    from_public_key_der(pem_document(pem, PUBLIC_KEY_LABEL)?.as_bytes())
}
