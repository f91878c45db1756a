//! PKCS#8 / OneAsymmetricKey (RFC 5958) private keys, and the three forms
//! of the LAMPS ML-KEM / ML-DSA `privateKey` CHOICE (seed, expanded key,
//! both); SLH-DSA's raw key (RFC 9909), the composite ML-KEM key and the
//! X-Wing seed are the one-form cases.

use der::asn1::{AnyRef, ContextSpecific, OctetStringRef};
use der::{Decode, Encode, Reader, Tag, TagMode, TagNumber, Tagged};
use pkcs8::PrivateKeyInfoRef;
use subtle::ConstantTimeEq;

use super::{
    algorithm_identifier, asn1, check_algorithm, check_no_parameters, invalid, secret_pem_document,
    Algorithm, KeyPair, LineEnding, PrivateKeyForm, PrivateKeyShape, PublicKey, SecretDocument,
    Zeroizing, PRIVATE_KEY_LABEL,
};
use crate::error::{Error, Result};

/// The CHOICE inside the PKCS#8 `privateKey` OCTET STRING.
enum PrivateKeyBody<'a> {
    Seed(&'a [u8]),
    Expanded(&'a [u8]),
    Both(&'a [u8], &'a [u8]),
}

const SEED_TAG: TagNumber = TagNumber(0);

pub(super) fn octets(bytes: &[u8]) -> Result<&OctetStringRef> {
    OctetStringRef::new(bytes).map_err(|e| asn1("private key", e))
}

/// Encodes the `privateKey` contents of `key` in `form` (zeroizing).
fn encode_body<K: KeyPair>(key: &K, form: PrivateKeyForm) -> Result<Zeroizing<Vec<u8>>> {
    let alg = K::ALGORITHM;
    if let PrivateKeyShape::Raw { .. } = alg.private_key {
        // One form only: the raw key.
        return Ok(Zeroizing::new(key.expanded_key_bytes().to_vec()));
    }
    if let PrivateKeyShape::Seed { .. } = alg.private_key {
        // One form only: the seed itself (X-Wing).
        return key
            .seed_bytes()
            .map(|seed| Zeroizing::new(seed.to_vec()))
            .ok_or(Error::InvalidKey {
                reason: "this key has no seed (it was loaded from its components or expanded form), and its PKCS#8 form is the seed",
            });
    }
    let seed = || {
        key.seed_bytes().ok_or(Error::InvalidKey {
            reason: "this key was loaded from its expanded form and has no seed: write it with the expanded form",
        })
    };
    let expanded = octets(key.expanded_key_bytes())?;
    let mut out = Zeroizing::new(Vec::new());
    let encoded = match form {
        PrivateKeyForm::Seed => ContextSpecific {
            tag_number: SEED_TAG,
            tag_mode: TagMode::Implicit,
            value: octets(seed()?)?,
        }
        .encode_to_vec(&mut out),
        PrivateKeyForm::Expanded => expanded.encode_to_vec(&mut out),
        PrivateKeyForm::Both => BothForms {
            seed: octets(seed()?)?,
            expanded,
        }
        .encode_to_vec(&mut out),
    };
    encoded.map_err(|e| asn1("private key", e))?;
    Ok(out)
}

/// `SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }`.
struct BothForms<'a> {
    seed: &'a OctetStringRef,
    expanded: &'a OctetStringRef,
}

impl der::EncodeValue for BothForms<'_> {
    fn value_len(&self) -> der::Result<der::Length> {
        self.seed.encoded_len()? + self.expanded.encoded_len()?
    }
    fn encode_value(&self, writer: &mut impl der::Writer) -> der::Result<()> {
        self.seed.encode(writer)?;
        self.expanded.encode(writer)
    }
}

impl der::FixedTag for BothForms<'_> {
    const TAG: Tag = Tag::Sequence;
}

/// Parses the `privateKey` contents (strict DER, one element, no trailing data).
fn decode_body<'a>(alg: &Algorithm, body: &'a [u8]) -> Result<PrivateKeyBody<'a>> {
    match alg.private_key {
        PrivateKeyShape::Raw { .. } => return Ok(PrivateKeyBody::Expanded(body)),
        PrivateKeyShape::Seed { .. } => return Ok(PrivateKeyBody::Seed(body)),
        _ => {}
    }
    let what = "private key (expected seed [0], expandedKey or both)";
    let any = AnyRef::from_der(body).map_err(|e| asn1(what, e))?;
    match any.tag() {
        Tag::ContextSpecific {
            constructed: false,
            number,
        } if number == SEED_TAG => Ok(PrivateKeyBody::Seed(any.value())),
        Tag::OctetString => Ok(PrivateKeyBody::Expanded(any.value())),
        Tag::Sequence => any
            .sequence(|r| {
                let seed: &OctetStringRef = r.decode()?;
                let expanded: &OctetStringRef = r.decode()?;
                Ok::<_, der::Error>(PrivateKeyBody::Both(seed.as_bytes(), expanded.as_bytes()))
            })
            .map_err(|e| asn1(what, e)),
        tag => Err(invalid(format!(
            "malformed {} private key: unexpected {tag} (expected seed [0], expandedKey or both)",
            alg.name
        ))),
    }
}

/// Builds the key from a parsed PrivateKeyInfo whose OID was already checked.
pub(crate) fn key_from_info<K: KeyPair>(pki: &PrivateKeyInfoRef<'_>) -> Result<K> {
    let alg = K::ALGORITHM;
    check_no_parameters(&pki.algorithm, alg)?;
    let key = match decode_body(alg, pki.private_key.as_bytes())? {
        PrivateKeyBody::Seed(seed) => K::from_seed_bytes(seed)?,
        PrivateKeyBody::Expanded(expanded) => K::from_expanded_key_bytes(expanded)?,
        PrivateKeyBody::Both(seed, expanded) => {
            let key = K::from_seed_bytes(seed)?;
            let derived = key.expanded_key_bytes();
            if derived.len() != expanded.len() {
                return Err(Error::InvalidLength {
                    what: "expanded key (in the seed-and-expanded form)",
                    expected: derived.len(),
                    actual: expanded.len(),
                });
            }
            if !bool::from(derived.ct_eq(expanded)) {
                return Err(Error::InvalidKey {
                    reason: "the expanded key does not match the key derived from the seed",
                });
            }
            key
        }
    };
    if let Some(public) = &pki.public_key {
        let given = public
            .as_bytes()
            .ok_or_else(|| invalid("the publicKey BIT STRING has unused bits".into()))?;
        if given != key.public_key().public_key_bytes() {
            return Err(Error::InvalidKey {
                reason: "the publicKey field does not match the private key",
            });
        }
    }
    Ok(key)
}

/// Parses a DER PrivateKeyInfo (OneAsymmetricKey v1 or v2).
pub(super) fn parse_pkcs8(der: &[u8]) -> Result<PrivateKeyInfoRef<'_>> {
    PrivateKeyInfoRef::from_der(der).map_err(|e| asn1("PKCS#8 private key", e))
}

/// Encodes a private key as DER PKCS#8 (OneAsymmetricKey v1, no public key
/// field) in the chosen form.
pub fn to_pkcs8_der<K: KeyPair>(key: &K, form: PrivateKeyForm) -> Result<SecretDocument> {
    let body = encode_body(key, form)?;
    let pki = PrivateKeyInfoRef::new(algorithm_identifier(K::ALGORITHM)?, octets(&body)?);
    SecretDocument::encode_msg(&pki).map_err(|e| asn1("private key", e))
}

/// Encodes a private key as PEM ("PRIVATE KEY", LF line endings).
pub fn to_pkcs8_pem<K: KeyPair>(key: &K, form: PrivateKeyForm) -> Result<Zeroizing<String>> {
    to_pkcs8_der(key, form)?
        .to_pem(PRIVATE_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("private key", e))
}

/// Loads a private key from DER PKCS#8 (any of the three forms; see the
/// module documentation for the checks).
pub fn from_pkcs8_der<K: KeyPair>(der: &[u8]) -> Result<K> {
    let pki = parse_pkcs8(der)?;
    check_algorithm(&pki.algorithm, K::ALGORITHM)?;
    key_from_info(&pki)
}

/// Loads a private key from PEM ("PRIVATE KEY").
pub fn from_pkcs8_pem<K: KeyPair>(pem: &str) -> Result<K> {
    from_pkcs8_der(secret_pem_document(pem, PRIVATE_KEY_LABEL)?.as_bytes())
}

/// True when `der` is a plain (unencrypted) PKCS#8 PrivateKeyInfo.
pub fn is_plain_pkcs8_der(der: &[u8]) -> bool {
    parse_pkcs8(der).is_ok()
}
