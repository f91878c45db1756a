//! Key formats through the Rust API: the ML-KEM / ML-DSA key files shipped in
//! the `cryptography-vectors` PyPI package (read in place from the venv),
//! round trips of every parameter set in every form, the RustCrypto traits,
//! encrypted PKCS#8, and malformed input (truncated, extended, wrong OID,
//! wrong length, mismatched "both", hostile KDF parameters). SLH-DSA
//! (RFC 9909): full round trips of two sets (SHA2 and SHAKE), cheap checks of
//! all twelve (SPKI round trips, lengths, OIDs, parameters), and keys whose
//! PK.root does not match.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode, Tagged};
use pkcs8::pkcs5::pbes2;
use pkcs8::{EncryptedPrivateKeyInfoRef, PrivateKeyInfoRef};
use pqfence::composite::{self, CompositeParams};
use pqfence::encoding::{
    self, AlgorithmId, AnyPrivateKey, AnyPublicKey, DecodePrivateKey, DecodePublicKey,
    EncodePrivateKey, EncodePublicKey, Kdf, KdfLimits, KeyPair, PrivateKeyForm, PublicKey,
    ALGORITHMS,
};
use pqfence::mldsa::{MlDsa44, MlDsa65, MlDsa87, SigningKey, VerifyingKey};
use pqfence::mlkem::{DecapsulationKey, EncapsulationKey, MlKem1024, MlKem512, MlKem768};
use pqfence::slhdsa::{
    self, SigningKey as SlhSigningKey, SlhDsaSha2_128s, SlhDsaShake_128f, SlhDsaShake_256f,
    SlhParams, VerifyingKey as SlhVerifyingKey,
};
use pqfence::Error;

/// Cheap key derivation for tests (the defaults cost tens of milliseconds).
const FAST_SCRYPT: Kdf = Kdf::Scrypt {
    log_n: 4,
    r: 8,
    p: 1,
};
const FAST_PBKDF2: Kdf = Kdf::Pbkdf2Sha256 { iterations: 10 };

/// The `cryptography_vectors` package folder: `$PQFENCE_CRYPTOGRAPHY_VECTORS`,
/// else the one installed in `.venv` (requirements-dev.txt pins it). `None`
/// with a visible notice when absent, a failure when PQFENCE_REQUIRE_VECTORS=1.
fn pyca_vectors() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PQFENCE_CRYPTOGRAPHY_VECTORS") {
        return Some(PathBuf::from(dir));
    }
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/lib");
    let found = std::fs::read_dir(&lib).ok().and_then(|entries| {
        entries
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("site-packages/cryptography_vectors"))
            .find(|p| p.is_dir())
    });
    if found.is_none() {
        if std::env::var("PQFENCE_REQUIRE_VECTORS").as_deref() == Ok("1") {
            panic!("cryptography_vectors not found under {}", lib.display());
        }
        eprintln!(
            "SKIPPED: cryptography_vectors not installed in .venv (pip install -r requirements-dev.txt)"
        );
    }
    found
}

fn vector(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

// ---------------------------------------------------------------------------
// cryptography-vectors
// ---------------------------------------------------------------------------

#[test]
fn pyca_mlkem768_seed_der_and_pem() {
    let Some(dir) = pyca_vectors() else { return };
    let der = vector(&dir, "asymmetric/MLKEM/mlkem768.der");
    let pem = String::from_utf8(vector(&dir, "asymmetric/MLKEM/mlkem768.pem")).unwrap();

    let dk: DecapsulationKey<MlKem768> = encoding::from_pkcs8_der(&der).unwrap();
    assert!(dk.seed().is_some());
    // Byte for byte in both encodings.
    let out = encoding::to_pkcs8_der(&dk, PrivateKeyForm::Seed).unwrap();
    assert_eq!(out.as_bytes(), der.as_slice());
    let out_pem = encoding::to_pkcs8_pem(&dk, PrivateKeyForm::Seed).unwrap();
    assert_eq!(out_pem.as_str(), pem);
    // The PEM holds the same key, and the agnostic loader picks ML-KEM-768.
    let from_pem: DecapsulationKey<MlKem768> = encoding::from_pkcs8_pem(&pem).unwrap();
    assert_eq!(from_pem, dk);
    match encoding::load_private_key_der(&der, None).unwrap() {
        AnyPrivateKey::MlKem768(k) => assert_eq!(k, dk),
        other => panic!("wrong variant {:?}", other.algorithm()),
    }
    // The seed inside is the file's last 64 bytes.
    assert_eq!(dk.seed().unwrap().bytes(), &der[der.len() - 64..]);
    // And the key works.
    let (ss, ct) = dk.encapsulation_key().encapsulate().unwrap();
    assert_eq!(dk.decapsulate(&ct).unwrap(), ss);
}

#[test]
fn pyca_mldsa44_seed_and_public_key() {
    let Some(dir) = pyca_vectors() else { return };
    let der = vector(&dir, "asymmetric/MLDSA/mldsa44_priv.der");
    let pub_der = vector(&dir, "asymmetric/MLDSA/mldsa44_pub.der");

    let sk: SigningKey<MlDsa44> = encoding::from_pkcs8_der(&der).unwrap();
    assert_eq!(
        encoding::to_pkcs8_der(&sk, PrivateKeyForm::Seed)
            .unwrap()
            .as_bytes(),
        der.as_slice()
    );
    let vk: VerifyingKey<MlDsa44> = encoding::from_public_key_der(&pub_der).unwrap();
    assert_eq!(
        encoding::to_public_key_der(&vk).unwrap().as_bytes(),
        pub_der.as_slice()
    );
    // The two files are one key pair.
    assert_eq!(sk.verifying_key(), &vk);
    let sig = sk.sign(b"pqfence", b"").unwrap();
    vk.verify(b"pqfence", b"", sig.as_bytes()).unwrap();
    match encoding::load_public_key_der(&pub_der).unwrap() {
        AnyPublicKey::MlDsa44(k) => assert_eq!(k, vk),
        other => panic!("wrong variant {:?}", other.algorithm()),
    }
}

#[test]
fn pyca_mldsa65_expanded_only() {
    let Some(dir) = pyca_vectors() else { return };
    let der = vector(&dir, "asymmetric/MLDSA/mldsa65_noseed_priv.der");
    let sk: SigningKey<MlDsa65> = encoding::from_pkcs8_der(&der).unwrap();
    // What is lost: the seed.
    assert!(sk.seed().is_none());
    assert!(matches!(
        encoding::to_pkcs8_der(&sk, PrivateKeyForm::Seed),
        Err(Error::InvalidKey { .. })
    ));
    assert!(matches!(
        encoding::to_pkcs8_der(&sk, PrivateKeyForm::Both),
        Err(Error::InvalidKey { .. })
    ));
    // What is kept: the expanded form, byte for byte, and a working key.
    let out = encoding::to_pkcs8_der(&sk, PrivateKeyForm::Expanded).unwrap();
    assert_eq!(out.as_bytes(), der.as_slice());
    // The standard trait falls back to the expanded form for a seedless key.
    assert_eq!(sk.to_pkcs8_der().unwrap().as_bytes(), der.as_slice());
    let sig = sk.sign(b"m", b"").unwrap();
    sk.verifying_key()
        .verify(b"m", b"", sig.as_bytes())
        .unwrap();
}

#[test]
fn pyca_encrypted_and_foreign_files_fail_cleanly() {
    let Some(dir) = pyca_vectors() else { return };
    let read = |name: &str| String::from_utf8(vector(&dir, name)).unwrap();

    // A scrypt-encrypted Ed25519 key: decrypts (the scrypt path works), then
    // its algorithm is not one pqfence ships.
    let ed = read("asymmetric/PKCS8/ed25519-scrypt.pem");
    assert!(matches!(
        encoding::load_private_key_pem(&ed, Some(b"hunter42")),
        Err(Error::UnknownAlgorithm { .. })
    ));
    assert_eq!(
        encoding::load_private_key_pem(&ed, Some(b"hunter43")).unwrap_err(),
        Error::Decryption
    );
    assert!(matches!(
        encoding::load_private_key_pem(&ed, None),
        Err(Error::InvalidEncoding { .. })
    ));

    // Files whose encryption pqfence refuses before running any KDF.
    for name in [
        "asymmetric/PKCS8/enc-rsa-pkcs8-pbkdf2-0iter.pem",
        "asymmetric/PKCS8/bad-encryption-oid.pem",
        "asymmetric/PKCS8/enc-unknown-kdf.pem",
        "asymmetric/PKCS8/enc-unknown-pbkdf2-prf.pem",
        "asymmetric/PKCS8/rsa-pbewithmd5anddescbc.pem",
        "asymmetric/PKCS8/enc-rsa-3des.pem",
    ] {
        let err = encoding::load_private_key_pem(&read(name), Some(b"foobar")).unwrap_err();
        assert!(
            matches!(err, Error::InvalidEncoding { .. }),
            "{name}: {err:?}"
        );
    }
    // Unencrypted keys of other algorithms.
    for name in [
        "asymmetric/PKCS8/unenc-rsa-pkcs8.pem",
        "asymmetric/PKCS8/unenc-dsa-pkcs8.pem",
    ] {
        let err = encoding::load_private_key_pem(&read(name), None).unwrap_err();
        assert!(
            matches!(err, Error::UnknownAlgorithm { .. }),
            "{name}: {err:?}"
        );
    }
    let rsa_pub = read("asymmetric/PKCS8/unenc-rsa-pkcs8.pub.pem");
    assert!(matches!(
        encoding::load_public_key_pem(&rsa_pub),
        Err(Error::UnknownAlgorithm { .. })
    ));
}

// ---------------------------------------------------------------------------
// Round trips, every parameter set and form
// ---------------------------------------------------------------------------

fn seed_len<K: KeyPair>() -> usize {
    match K::ALGORITHM.private_key {
        encoding::PrivateKeyShape::SeedOrExpanded { seed, .. } => seed,
        encoding::PrivateKeyShape::Raw { len } => len,
        _ => panic!("{} has no PKCS#8 form", K::ALGORITHM.name),
    }
}

/// The `privateKey` OCTET STRING contents of a PKCS#8 document.
fn body(der: &[u8]) -> Vec<u8> {
    PrivateKeyInfoRef::from_der(der)
        .unwrap()
        .private_key
        .as_bytes()
        .to_vec()
}

fn round_trips<K>(key: K)
where
    K: KeyPair + PartialEq + core::fmt::Debug + EncodePrivateKey + DecodePrivateKey,
    K::Public: PartialEq + core::fmt::Debug + EncodePublicKey + DecodePublicKey,
{
    let name = K::ALGORITHM.name;
    let seed = key.seed_bytes().unwrap().to_vec();
    let expanded = key.expanded_key_bytes().to_vec();
    for form in [
        PrivateKeyForm::Seed,
        PrivateKeyForm::Expanded,
        PrivateKeyForm::Both,
    ] {
        let der = encoding::to_pkcs8_der(&key, form).unwrap();
        let again: K = encoding::from_pkcs8_der(der.as_bytes()).unwrap();
        assert_eq!(again, key, "{name} {form:?}");
        assert_eq!(
            again.seed_bytes().is_some(),
            form != PrivateKeyForm::Expanded
        );
        // Re-encoding is byte-identical.
        let der2 = encoding::to_pkcs8_der(&again, form).unwrap();
        assert_eq!(der.as_bytes(), der2.as_bytes());
        // The privateKey CHOICE is encoded as the LAMPS documents show.
        let b = body(der.as_bytes());
        match form {
            PrivateKeyForm::Seed => {
                assert_eq!(b[0], 0x80);
                assert_eq!(usize::from(b[1]), seed_len::<K>());
                assert_eq!(&b[2..], seed.as_slice());
            }
            PrivateKeyForm::Expanded => {
                let os = <&OctetStringRef>::from_der(&b).unwrap();
                assert_eq!(os.as_bytes(), expanded.as_slice());
            }
            PrivateKeyForm::Both => {
                let any = AnyRef::from_der(&b).unwrap();
                assert_eq!(any.tag(), der::Tag::Sequence);
                let mut expect = Vec::new();
                OctetStringRef::new(&seed)
                    .unwrap()
                    .encode_to_vec(&mut expect)
                    .unwrap();
                OctetStringRef::new(&expanded)
                    .unwrap()
                    .encode_to_vec(&mut expect)
                    .unwrap();
                assert_eq!(any.value(), expect.as_slice());
            }
        }
        // PEM and encrypted PKCS#8 (both KDFs).
        let pem = encoding::to_pkcs8_pem(&key, form).unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert_eq!(encoding::from_pkcs8_pem::<K>(&pem).unwrap(), key);
        for kdf in [FAST_SCRYPT, FAST_PBKDF2] {
            let enc = encoding::to_pkcs8_encrypted_pem(&key, form, b"pw", kdf).unwrap();
            assert!(enc.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
            assert_eq!(
                encoding::from_pkcs8_encrypted_pem::<K>(&enc, b"pw").unwrap(),
                key
            );
            assert_eq!(
                encoding::from_pkcs8_encrypted_pem::<K>(&enc, b"pW").unwrap_err(),
                Error::Decryption
            );
        }
    }
    // The algorithm-agnostic loader returns the same key.
    let der = encoding::to_pkcs8_der(&key, PrivateKeyForm::Seed).unwrap();
    let any = encoding::load_private_key_der(der.as_bytes(), None).unwrap();
    assert_eq!(any.algorithm().name, name);
    assert_eq!(
        any.to_pkcs8_der(PrivateKeyForm::Seed).unwrap().as_bytes(),
        der.as_bytes()
    );
    // The RustCrypto traits agree with the free functions.
    assert_eq!(key.to_pkcs8_der().unwrap().as_bytes(), der.as_bytes());
    assert_eq!(K::from_pkcs8_der(der.as_bytes()).unwrap(), key);

    // Public keys: SPKI DER and PEM, the traits, the agnostic loader.
    let pk = key.public_key().clone();
    let spki = encoding::to_public_key_der(&pk).unwrap();
    assert_eq!(
        encoding::from_public_key_der::<K::Public>(spki.as_bytes()).unwrap(),
        pk
    );
    let pem = encoding::to_public_key_pem(&pk).unwrap();
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    assert_eq!(
        encoding::from_public_key_pem::<K::Public>(&pem).unwrap(),
        pk
    );
    assert_eq!(pk.to_public_key_der().unwrap().as_bytes(), spki.as_bytes());
    assert_eq!(K::Public::from_public_key_pem(&pem).unwrap(), pk);
    let any = encoding::load_public_key_pem(&pem).unwrap();
    assert_eq!(any.algorithm().name, name);
    assert_eq!(any.as_bytes(), pk.public_key_bytes());
    assert_eq!(
        encoding::load_private_key_der(der.as_bytes(), None)
            .unwrap()
            .public_key(),
        any
    );
}

#[test]
fn round_trips_every_set() {
    round_trips(DecapsulationKey::<MlKem512>::generate().unwrap());
    round_trips(DecapsulationKey::<MlKem768>::generate().unwrap());
    round_trips(DecapsulationKey::<MlKem1024>::generate().unwrap());
    round_trips(SigningKey::<MlDsa44>::generate().unwrap());
    round_trips(SigningKey::<MlDsa65>::generate().unwrap());
    round_trips(SigningKey::<MlDsa87>::generate().unwrap());
}

#[test]
fn table_has_the_lamps_oids() {
    let oid = |name: &str| {
        encoding::algorithm_by_name(name)
            .unwrap()
            .oid
            .unwrap()
            .to_string()
    };
    assert_eq!(oid("ML-KEM-512"), "2.16.840.1.101.3.4.4.1");
    assert_eq!(oid("ML-KEM-1024"), "2.16.840.1.101.3.4.4.3");
    assert_eq!(oid("ML-DSA-44"), "2.16.840.1.101.3.4.3.17");
    assert_eq!(oid("ML-DSA-87"), "2.16.840.1.101.3.4.3.19");
    assert_eq!(oid("SLH-DSA-SHA2-128s"), "2.16.840.1.101.3.4.3.20");
    assert_eq!(oid("SLH-DSA-SHAKE-256f"), "2.16.840.1.101.3.4.3.31");
    assert_eq!(oid("MLKEM768-X25519"), "1.3.6.1.4.1.62253.25722");
    assert_eq!(oid("id-MLKEM768-X25519-SHA3-256"), "1.3.6.1.5.5.7.6.58");
    assert_eq!(oid("id-MLKEM1024-ECDH-P521-SHA3-256"), "1.3.6.1.5.5.7.6.66");
    assert_eq!(oid("MLDSA44-RSA2048-PSS-SHA256"), "1.3.6.1.5.5.7.6.37");
    assert_eq!(oid("MLDSA87-ECDSA-P521-SHA512"), "1.3.6.1.5.5.7.6.54");
    // A set has an OID exactly when it has a PKCS#8 form: Falcon's four and
    // MLKEM768-P256 / MLKEM1024-P384 have raw keys only; the composites'
    // PKCS#8 form is their raw key. (The catalogue's own test counts the
    // rows.)
    for a in ALGORITHMS {
        assert_eq!(
            a.oid.is_some(),
            a.private_key != encoding::PrivateKeyShape::None,
            "{}",
            a.name
        );
    }
    assert_eq!(ALGORITHMS.iter().filter(|a| a.oid.is_none()).count(), 6);
}

/// Composite keys through the catalogue's key formats: one private key
/// form (the raw key, whatever the requested form), PEM, encrypted PKCS#8,
/// the RustCrypto traits and the algorithm-agnostic loaders.
fn composite_round_trips<C: CompositeParams>() {
    let key = composite::SigningKey::<C>::generate().unwrap();
    let name = C::ALGORITHM.name;
    let raw = key.to_bytes().unwrap();
    assert_eq!(key.seed_bytes(), Some(raw.as_slice()));
    assert_eq!(key.expanded_key_bytes(), raw.as_slice());
    assert_eq!(
        C::ALGORITHM.private_key,
        encoding::PrivateKeyShape::Raw {
            len: C::COMPOSITE.private_key_max
        }
    );
    assert!(raw.len() <= C::ALGORITHM.seed_len, "{name}");
    let reference = composite::encoding::to_pkcs8_der(&key).unwrap();
    for form in [
        PrivateKeyForm::Seed,
        PrivateKeyForm::Expanded,
        PrivateKeyForm::Both,
    ] {
        let der = encoding::to_pkcs8_der(&key, form).unwrap();
        assert_eq!(der.as_bytes(), reference.as_bytes(), "{name} {form:?}");
        assert_eq!(body(der.as_bytes()), raw.as_slice());
    }
    let again: composite::SigningKey<C> = encoding::from_pkcs8_der(reference.as_bytes()).unwrap();
    assert_eq!(again, key);
    assert_eq!(
        composite::SigningKey::<C>::from_pkcs8_der(reference.as_bytes()).unwrap(),
        key
    );
    assert_eq!(
        EncodePrivateKey::to_pkcs8_der(&key).unwrap().as_bytes(),
        reference.as_bytes()
    );
    let enc =
        encoding::to_pkcs8_encrypted_pem(&key, PrivateKeyForm::Seed, b"pw", FAST_SCRYPT).unwrap();
    assert_eq!(
        encoding::from_pkcs8_encrypted_pem::<composite::SigningKey<C>>(&enc, b"pw").unwrap(),
        key
    );
    let any = encoding::load_private_key_pem(&enc, Some(b"pw")).unwrap();
    assert_eq!(any.algorithm().name, name);
    let pk = key.verifying_key().clone();
    let spki = encoding::to_public_key_der(&pk).unwrap();
    assert_eq!(
        spki.as_bytes(),
        composite::encoding::to_public_key_der(&pk)
            .unwrap()
            .as_bytes()
    );
    assert_eq!(pk.to_public_key_der().unwrap().as_bytes(), spki.as_bytes());
    assert_eq!(
        composite::VerifyingKey::<C>::from_public_key_der(spki.as_bytes()).unwrap(),
        pk
    );
    assert_eq!(
        encoding::load_public_key_der(spki.as_bytes()).unwrap(),
        any.public_key()
    );
}

#[test]
fn composite_keys_round_trip() {
    composite_round_trips::<composite::MlDsa44Ed25519Sha512>();
    composite_round_trips::<composite::MlDsa65EcdsaP256Sha512>();
    composite_round_trips::<composite::MlDsa65EcdsaBrainpoolP256r1Sha512>();
    composite_round_trips::<composite::MlDsa87Ed448Shake256>();
    composite_round_trips::<composite::MlDsa87EcdsaP521Sha512>();
}

// ---------------------------------------------------------------------------
// SLH-DSA (RFC 9909)
// ---------------------------------------------------------------------------

/// The dotted OID of a key type's algorithm, for building documents by hand.
fn oid_of<K: KeyPair>() -> String {
    K::ALGORITHM.oid.unwrap().to_string()
}

/// A private key in SLH-DSA's one PKCS#8 form: whatever the requested form,
/// the privateKey OCTET STRING holds the 4n-byte key with no inner encoding.
fn slh_round_trips<P: SlhParams + AlgorithmId>(key: SlhSigningKey<P>) {
    let name = P::NAME;
    let n = P::N;
    let expanded = key.expanded_bytes().bytes().to_vec();
    assert_eq!(expanded.len(), 4 * n);
    let seed = key.seed().unwrap().bytes().to_vec();
    assert_eq!(seed.as_slice(), &expanded[..3 * n]);
    // The whole document, built independently of pqfence.
    let expected = pkcs8_with(&oid_of::<SlhSigningKey<P>>(), None, &expanded);
    for form in [
        PrivateKeyForm::Seed,
        PrivateKeyForm::Expanded,
        PrivateKeyForm::Both,
    ] {
        let der = encoding::to_pkcs8_der(&key, form).unwrap();
        assert_eq!(der.as_bytes(), expected.as_slice(), "{name} {form:?}");
    }
    assert_eq!(body(&expected), expanded);
    let again: SlhSigningKey<P> = encoding::from_pkcs8_der(&expected).unwrap();
    assert_eq!(again, key);
    // Nothing is lost: the seed is the key's first 3n bytes.
    assert_eq!(again.seed().unwrap().bytes(), seed.as_slice());
    assert_eq!(again.verifying_key(), key.verifying_key());

    // PEM and encrypted PKCS#8 (both KDFs).
    let pem = encoding::to_pkcs8_pem(&key, PrivateKeyForm::Seed).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(
        encoding::from_pkcs8_pem::<SlhSigningKey<P>>(&pem).unwrap(),
        key
    );
    for kdf in [FAST_SCRYPT, FAST_PBKDF2] {
        let enc = encoding::to_pkcs8_encrypted_pem(&key, PrivateKeyForm::Seed, b"pw", kdf).unwrap();
        assert!(enc.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        assert_eq!(
            encoding::from_pkcs8_encrypted_pem::<SlhSigningKey<P>>(&enc, b"pw").unwrap(),
            key
        );
        assert_eq!(
            encoding::load_private_key_pem(&enc, Some(b"pw"))
                .unwrap()
                .algorithm()
                .name,
            name
        );
        assert_eq!(
            encoding::from_pkcs8_encrypted_pem::<SlhSigningKey<P>>(&enc, b"pW").unwrap_err(),
            Error::Decryption
        );
        // Decrypts to exactly the plain document.
        let der =
            encoding::to_pkcs8_encrypted_der(&key, PrivateKeyForm::Expanded, b"pw", kdf).unwrap();
        assert_eq!(
            encoding::decrypt_pkcs8_der(der.as_bytes(), b"pw")
                .unwrap()
                .as_bytes(),
            expected.as_slice()
        );
    }

    // The algorithm-agnostic loader and the RustCrypto traits.
    let any = encoding::load_private_key_der(&expected, None).unwrap();
    assert_eq!(any.algorithm().name, name);
    assert_eq!(
        any.to_pkcs8_der(PrivateKeyForm::Both).unwrap().as_bytes(),
        expected.as_slice()
    );
    assert_eq!(key.to_pkcs8_der().unwrap().as_bytes(), expected.as_slice());
    assert_eq!(SlhSigningKey::<P>::from_pkcs8_der(&expected).unwrap(), key);
    assert_eq!(
        SlhSigningKey::<P>::from_pkcs8_pem(&pem).unwrap(),
        key,
        "{name} via DecodePrivateKey"
    );

    // Public key: SPKI DER and PEM, the traits, the agnostic loader.
    let pk = key.verifying_key().clone();
    let spki = encoding::to_public_key_der(&pk).unwrap();
    let parsed = spki::SubjectPublicKeyInfoRef::from_der(spki.as_bytes()).unwrap();
    assert_eq!(Some(parsed.algorithm.oid), P::ALGORITHM.oid);
    assert!(parsed.algorithm.parameters.is_none());
    assert_eq!(
        parsed.subject_public_key.as_bytes().unwrap(),
        &expanded[2 * n..]
    );
    let pem = encoding::to_public_key_pem(&pk).unwrap();
    assert_eq!(
        encoding::from_public_key_pem::<SlhVerifyingKey<P>>(&pem).unwrap(),
        pk
    );
    assert_eq!(pk.to_public_key_der().unwrap().as_bytes(), spki.as_bytes());
    assert_eq!(SlhVerifyingKey::<P>::from_public_key_pem(&pem).unwrap(), pk);
    let any_pk = encoding::load_public_key_pem(&pem).unwrap();
    assert_eq!(any_pk.algorithm().name, name);
    assert_eq!(any.public_key(), any_pk);

    // The key still signs, and its public key from the file verifies.
    let sig = again.sign(b"pqfence", b"ctx").unwrap();
    encoding::from_public_key_der::<SlhVerifyingKey<P>>(spki.as_bytes())
        .unwrap()
        .verify(b"pqfence", b"ctx", sig.as_bytes())
        .unwrap();
}

#[test]
fn slh_dsa_round_trips() {
    // One SHA2 "s" set and one SHAKE "f" set; seeds fixed so runs repeat.
    let seed: Vec<u8> = (0..48).collect();
    slh_round_trips(SlhSigningKey::<SlhDsaSha2_128s>::from_seed(&seed).unwrap());
    slh_round_trips(SlhSigningKey::<SlhDsaShake_256f>::generate().unwrap());
    // The variant the agnostic loader returns is the parameter set's.
    let key = SlhSigningKey::<SlhDsaShake_128f>::generate().unwrap();
    let der = encoding::to_pkcs8_der(&key, PrivateKeyForm::Seed).unwrap();
    match encoding::load_private_key_der(der.as_bytes(), None).unwrap() {
        AnyPrivateKey::SlhDsaShake_128f(k) => assert_eq!(k, key),
        other => panic!("wrong variant {:?}", other.algorithm()),
    }
    let spki = encoding::to_public_key_der(key.verifying_key()).unwrap();
    match encoding::load_public_key_der(spki.as_bytes()).unwrap() {
        AnyPublicKey::SlhDsaShake_128f(k) => assert_eq!(&k, key.verifying_key()),
        other => panic!("wrong variant {:?}", other.algorithm()),
    }
}

/// What costs no key generation, for one SLH-DSA parameter set: SPKI round
/// trips of an arbitrary public key, and private keys refused before any
/// hashing (lengths, parameters, OIDs).
fn slh_cheap_checks<P: SlhParams + AlgorithmId>() {
    let alg = P::ALGORITHM;
    let alg_oid = alg.oid.unwrap();
    let n = P::N;
    let oid = alg_oid.to_string();
    assert_eq!(alg.public_key_len, 2 * n);
    // Every 2n-byte string is a well-formed SLH-DSA public key.
    let raw: Vec<u8> = (0..2 * n).map(|i| (i * 7 + n) as u8).collect();
    let pk = SlhVerifyingKey::<P>::from_bytes(&raw).unwrap();
    let der = encoding::to_public_key_der(&pk).unwrap();
    // SEQUENCE { SEQUENCE { OID }, BIT STRING { 0 unused bits, PK.seed || PK.root } }
    let mut expected_alg = Vec::new();
    alg_oid.encode_to_vec(&mut expected_alg).unwrap();
    let alg_seq = AnyRef::new(der::Tag::Sequence, &expected_alg)
        .unwrap()
        .to_der()
        .unwrap();
    let bits = der::asn1::BitStringRef::from_bytes(&raw)
        .unwrap()
        .to_der()
        .unwrap();
    let expected = AnyRef::new(der::Tag::Sequence, &[alg_seq, bits].concat())
        .unwrap()
        .to_der()
        .unwrap();
    assert_eq!(der.as_bytes(), expected.as_slice(), "{}", alg.name);
    assert_eq!(
        encoding::from_public_key_der::<SlhVerifyingKey<P>>(der.as_bytes()).unwrap(),
        pk
    );
    let pem = encoding::to_public_key_pem(&pk).unwrap();
    let any = encoding::load_public_key_pem(&pem).unwrap();
    assert_eq!(any.algorithm(), alg);
    assert_eq!(any.as_bytes(), raw.as_slice());
    assert_eq!(any.to_public_key_der().unwrap().as_bytes(), der.as_bytes());

    // SPKI: wrong lengths, parameters present.
    for len in [0, 2 * n - 1, 2 * n + 1, 4 * n] {
        let spki = spki::SubjectPublicKeyInfoRef {
            algorithm: spki::AlgorithmIdentifierRef {
                oid: alg_oid,
                parameters: None,
            },
            subject_public_key: der::asn1::BitStringRef::from_bytes(&vec![1; len]).unwrap(),
        }
        .to_der()
        .unwrap();
        assert!(matches!(
            encoding::load_public_key_der(&spki),
            Err(Error::InvalidLength { expected, actual, .. }) if expected == 2 * n && actual == len
        ));
    }
    let with_null = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: alg_oid,
            parameters: Some(AnyRef::from(der::asn1::Null)),
        },
        subject_public_key: der::asn1::BitStringRef::from_bytes(&raw).unwrap(),
    }
    .to_der()
    .unwrap();
    for r in [
        encoding::load_public_key_der(&with_null).map(|_| ()),
        encoding::from_public_key_der::<SlhVerifyingKey<P>>(&with_null).map(|_| ()),
    ] {
        assert!(matches!(r, Err(Error::InvalidEncoding { .. })), "{r:?}");
    }

    // PKCS#8: the raw key must be exactly 4n bytes; an ML-DSA-style seed
    // CHOICE or an inner OCTET STRING around the key is not the RFC 9909
    // form and has the wrong length. All of this fails before any hashing.
    let mut wrapped = Vec::new();
    OctetStringRef::new(&vec![3; 4 * n])
        .unwrap()
        .encode_to_vec(&mut wrapped)
        .unwrap();
    for body in [
        vec![],
        vec![3; 3 * n],
        vec![3; 4 * n - 1],
        vec![3; 4 * n + 1],
        seed_body(0x80, &vec![3; 3 * n]),
        wrapped,
    ] {
        let f = pkcs8_with(&oid, None, &body);
        for r in [
            encoding::load_private_key_der(&f, None).map(|_| ()),
            encoding::from_pkcs8_der::<SlhSigningKey<P>>(&f).map(|_| ()),
        ] {
            assert!(
                matches!(r, Err(Error::InvalidLength { expected, actual, .. }) if expected == 4 * n && actual == body.len()),
                "{} body of {} bytes: {r:?}",
                alg.name,
                body.len()
            );
        }
    }
    // Parameters must be absent (checked before the key).
    let f = pkcs8_with(&oid, Some(AnyRef::from(der::asn1::Null)), &vec![3; 4 * n]);
    assert!(matches!(
        encoding::load_private_key_der(&f, None),
        Err(Error::InvalidEncoding { .. })
    ));
    // Another algorithm's OID in a typed load.
    let f = pkcs8_with("2.16.840.1.101.3.4.3.17", None, &vec![3; 4 * n]);
    assert!(matches!(
        encoding::from_pkcs8_der::<SlhSigningKey<P>>(&f),
        Err(Error::InvalidEncoding { .. })
    ));
    assert!(matches!(
        SlhSigningKey::<P>::from_pkcs8_der(&f),
        Err(pkcs8::Error::PublicKey(spki::Error::OidUnknown { .. }))
    ));
    // A private key document is not a SubjectPublicKeyInfo.
    assert!(SlhVerifyingKey::<P>::from_public_key_der(&pkcs8_with(&oid, None, &raw)).is_err());
}

#[test]
fn slh_dsa_all_twelve_sets_cheaply() {
    slh_cheap_checks::<slhdsa::SlhDsaSha2_128s>();
    slh_cheap_checks::<slhdsa::SlhDsaSha2_128f>();
    slh_cheap_checks::<slhdsa::SlhDsaSha2_192s>();
    slh_cheap_checks::<slhdsa::SlhDsaSha2_192f>();
    slh_cheap_checks::<slhdsa::SlhDsaSha2_256s>();
    slh_cheap_checks::<slhdsa::SlhDsaSha2_256f>();
    slh_cheap_checks::<slhdsa::SlhDsaShake_128s>();
    slh_cheap_checks::<slhdsa::SlhDsaShake_128f>();
    slh_cheap_checks::<slhdsa::SlhDsaShake_192s>();
    slh_cheap_checks::<slhdsa::SlhDsaShake_192f>();
    slh_cheap_checks::<slhdsa::SlhDsaShake_256s>();
    slh_cheap_checks::<slhdsa::SlhDsaShake_256f>();
    // The table names each set once, with the RFC 9909 OIDs .20 to .31 in order.
    let slh: Vec<_> = ALGORITHMS
        .iter()
        .filter(|a| a.name.starts_with("SLH-DSA-"))
        .collect();
    assert_eq!(slh.len(), 12);
    for (i, a) in slh.iter().enumerate() {
        assert_eq!(
            a.oid.unwrap().to_string(),
            format!("2.16.840.1.101.3.4.3.{}", 20 + i)
        );
    }
}

#[test]
fn slh_dsa_inconsistent_keys_are_refused() {
    type P = SlhDsaShake_128f;
    let key = SlhSigningKey::<P>::generate().unwrap();
    let good = key.expanded_bytes().bytes().to_vec();
    let oid = oid_of::<SlhSigningKey<P>>();
    // A flipped bit in SK.seed, PK.seed or PK.root fails the PK.root check;
    // one in SK.prf cannot be detected (nothing public depends on it).
    for (i, expect_ok) in [
        (0, false),
        (15, false),
        (32, false),
        (48, false),
        (63, false),
        (16, true),
    ] {
        let mut bad = good.clone();
        bad[i] ^= 0x01;
        let f = pkcs8_with(&oid, None, &bad);
        let r = encoding::load_private_key_der(&f, None);
        if expect_ok {
            assert!(r.is_ok(), "byte {i}: {r:?}");
        } else {
            assert!(
                matches!(r, Err(Error::InvalidKey { .. })),
                "byte {i}: {r:?}"
            );
        }
    }
    // A OneAsymmetricKey v2 publicKey must match the private key.
    let other = SlhSigningKey::<P>::generate().unwrap();
    let with_pk = |pk: &[u8]| {
        let mut pki = PrivateKeyInfoRef::new(
            spki::AlgorithmIdentifierRef {
                oid: oid.parse().unwrap(),
                parameters: None,
            },
            OctetStringRef::new(&good).unwrap(),
        );
        pki.public_key = Some(der::asn1::BitStringRef::from_bytes(pk).unwrap());
        pki.to_der().unwrap()
    };
    assert_eq!(
        encoding::from_pkcs8_der::<SlhSigningKey<P>>(&with_pk(key.verifying_key().as_bytes()))
            .unwrap(),
        key
    );
    assert!(matches!(
        encoding::from_pkcs8_der::<SlhSigningKey<P>>(&with_pk(other.verifying_key().as_bytes())),
        Err(Error::InvalidKey { .. })
    ));
}

// ---------------------------------------------------------------------------
// Malformed input
// ---------------------------------------------------------------------------

/// A PKCS#8 document with the given OID and privateKey contents.
fn pkcs8_with(oid: &str, params: Option<AnyRef<'_>>, body: &[u8]) -> Vec<u8> {
    let pki = PrivateKeyInfoRef::new(
        spki::AlgorithmIdentifierRef {
            oid: oid.parse().unwrap(),
            parameters: params,
        },
        OctetStringRef::new(body).unwrap(),
    );
    pki.to_der().unwrap()
}

fn seed_body(tag: u8, seed: &[u8]) -> Vec<u8> {
    let mut b = vec![tag, seed.len() as u8];
    b.extend_from_slice(seed);
    b
}

#[test]
fn both_form_must_agree_with_the_seed() {
    let a = SigningKey::<MlDsa44>::from_seed(&[1; 32]).unwrap();
    let b = SigningKey::<MlDsa44>::from_seed(&[2; 32]).unwrap();
    // seed of a, expanded key of b.
    let both = |seed: &[u8], expanded: &[u8]| {
        let mut inner = Vec::new();
        OctetStringRef::new(seed)
            .unwrap()
            .encode_to_vec(&mut inner)
            .unwrap();
        OctetStringRef::new(expanded)
            .unwrap()
            .encode_to_vec(&mut inner)
            .unwrap();
        let seq = AnyRef::new(der::Tag::Sequence, &inner)
            .unwrap()
            .to_der()
            .unwrap();
        pkcs8_with("2.16.840.1.101.3.4.3.17", None, &seq)
    };
    let ok = both(a.seed().unwrap().bytes(), a.expanded_bytes().bytes());
    assert_eq!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&ok).unwrap(),
        a
    );
    let bad = both(a.seed().unwrap().bytes(), b.expanded_bytes().bytes());
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&bad),
        Err(Error::InvalidKey { .. })
    ));
    assert!(matches!(
        encoding::load_private_key_der(&bad, None),
        Err(Error::InvalidKey { .. })
    ));
    // One flipped bit anywhere in the expanded key is caught.
    let mut flipped = a.expanded_bytes().bytes().to_vec();
    flipped[1000] ^= 1;
    let bad = both(a.seed().unwrap().bytes(), &flipped);
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&bad),
        Err(Error::InvalidKey { .. })
    ));
    let short = both(a.seed().unwrap().bytes(), &flipped[..100]);
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&short),
        Err(Error::InvalidLength { .. })
    ));
    // A seed and expanded key of ML-KEM that disagree.
    let ka = DecapsulationKey::<MlKem512>::from_seed(&[3; 64]).unwrap();
    let kb = DecapsulationKey::<MlKem512>::from_seed(&[4; 64]).unwrap();
    let mut inner = Vec::new();
    OctetStringRef::new(ka.seed().unwrap().bytes())
        .unwrap()
        .encode_to_vec(&mut inner)
        .unwrap();
    OctetStringRef::new(kb.expanded_bytes().bytes())
        .unwrap()
        .encode_to_vec(&mut inner)
        .unwrap();
    let seq = AnyRef::new(der::Tag::Sequence, &inner)
        .unwrap()
        .to_der()
        .unwrap();
    let bad = pkcs8_with("2.16.840.1.101.3.4.4.1", None, &seq);
    assert!(matches!(
        encoding::from_pkcs8_der::<DecapsulationKey<MlKem512>>(&bad),
        Err(Error::InvalidKey { .. })
    ));
}

#[test]
fn wrong_oid_parameters_tag_and_length() {
    let seed = [7u8; 32];
    let good = pkcs8_with("2.16.840.1.101.3.4.3.17", None, &seed_body(0x80, &seed));
    encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&good).unwrap();

    // Another algorithm's OID: a typed load names both; the agnostic loader
    // loads what the OID says, then checks the seed length.
    let other = pkcs8_with("2.16.840.1.101.3.4.3.18", None, &seed_body(0x80, &seed));
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&other),
        Err(Error::InvalidEncoding { .. })
    ));
    assert!(matches!(
        encoding::load_private_key_der(&other, None).unwrap(),
        AnyPrivateKey::MlDsa65(_)
    ));
    let kem_oid = pkcs8_with("2.16.840.1.101.3.4.4.2", None, &seed_body(0x80, &seed));
    assert!(matches!(
        encoding::load_private_key_der(&kem_oid, None),
        Err(Error::InvalidLength {
            expected: 64,
            actual: 32,
            ..
        })
    ));
    // An SLH-DSA OID: its keys load now, so an ML-DSA seed body under it is
    // read as a (34-byte) SLH-DSA key and has the wrong length.
    let slh_oid = pkcs8_with("2.16.840.1.101.3.4.3.20", None, &seed_body(0x80, &seed));
    assert!(matches!(
        encoding::load_private_key_der(&slh_oid, None),
        Err(Error::InvalidLength {
            expected: 64,
            actual: 34,
            ..
        })
    ));
    // Unknown OIDs, including RFC 9909's HashSLH-DSA key OIDs (.35-.46),
    // which pqfence does not accept for keys.
    for oid in [
        "1.2.3.4",
        "1.3.101.112",
        "2.16.840.1.101.3.4.3.35",
        "2.16.840.1.101.3.4.3.46",
    ] {
        let f = pkcs8_with(oid, None, &seed_body(0x80, &seed));
        assert!(matches!(
            encoding::load_private_key_der(&f, None),
            Err(Error::UnknownAlgorithm { .. })
        ));
    }
    // Parameters must be absent (NULL is not absent).
    let null = AnyRef::from(der::asn1::Null);
    let with_null = pkcs8_with(
        "2.16.840.1.101.3.4.3.17",
        Some(null),
        &seed_body(0x80, &seed),
    );
    for r in [
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&with_null).map(|_| ()),
        encoding::load_private_key_der(&with_null, None).map(|_| ()),
    ] {
        assert!(matches!(r, Err(Error::InvalidEncoding { .. })), "{r:?}");
    }
    // Wrong seed lengths.
    for n in [0, 1, 31, 33, 64] {
        let f = pkcs8_with(
            "2.16.840.1.101.3.4.3.17",
            None,
            &seed_body(0x80, &vec![7; n]),
        );
        assert!(
            matches!(
                encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&f),
                Err(Error::InvalidLength { expected: 32, .. })
            ),
            "seed of {n} bytes"
        );
    }
    // Wrong tags for the CHOICE: constructed [0], [1], INTEGER.
    for tag in [0xa0, 0x81, 0x02] {
        let f = pkcs8_with("2.16.840.1.101.3.4.3.17", None, &seed_body(tag, &seed));
        assert!(matches!(
            encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&f),
            Err(Error::InvalidEncoding { .. })
        ));
    }
    // Trailing data after the CHOICE, inside the OCTET STRING.
    let mut body = seed_body(0x80, &seed);
    body.push(0);
    let f = pkcs8_with("2.16.840.1.101.3.4.3.17", None, &body);
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&f),
        Err(Error::InvalidEncoding { .. })
    ));
    // A wrong-length expanded key.
    let mut expanded = Vec::new();
    OctetStringRef::new(&[0u8; 2559])
        .unwrap()
        .encode_to_vec(&mut expanded)
        .unwrap();
    let f = pkcs8_with("2.16.840.1.101.3.4.3.17", None, &expanded);
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&f),
        Err(Error::InvalidLength { expected: 2560, .. })
    ));
    // An expanded ML-KEM key whose stored H(ek) is wrong.
    let dk = DecapsulationKey::<MlKem512>::generate().unwrap();
    let mut bad = dk.expanded_bytes().bytes().to_vec();
    bad[1632 - 40] ^= 1;
    let mut expanded = Vec::new();
    OctetStringRef::new(&bad)
        .unwrap()
        .encode_to_vec(&mut expanded)
        .unwrap();
    let f = pkcs8_with("2.16.840.1.101.3.4.4.1", None, &expanded);
    assert!(matches!(
        encoding::from_pkcs8_der::<DecapsulationKey<MlKem512>>(&f),
        Err(Error::InvalidKey { .. })
    ));
}

#[test]
fn public_key_checks() {
    let vk = SigningKey::<MlDsa44>::generate()
        .unwrap()
        .verifying_key()
        .clone();
    let der = encoding::to_public_key_der(&vk)
        .unwrap()
        .as_bytes()
        .to_vec();
    // ML-DSA-44 SPKI read as ML-DSA-65 / ML-KEM.
    assert!(matches!(
        encoding::from_public_key_der::<VerifyingKey<MlDsa65>>(&der),
        Err(Error::InvalidEncoding { .. })
    ));
    assert!(matches!(
        VerifyingKey::<MlDsa65>::from_public_key_der(&der),
        Err(spki::Error::OidUnknown { .. })
    ));
    // A public key BIT STRING with unused bits.
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: "2.16.840.1.101.3.4.3.17".parse().unwrap(),
            parameters: None,
        },
        subject_public_key: der::asn1::BitStringRef::new(1, vk.as_bytes()).unwrap(),
    };
    let f = spki.to_der().unwrap();
    assert!(matches!(
        encoding::load_public_key_der(&f),
        Err(Error::InvalidEncoding { .. })
    ));
    // An ML-KEM public key with an unreduced coefficient fails the modulus check.
    let ek = DecapsulationKey::<MlKem768>::generate()
        .unwrap()
        .encapsulation_key()
        .clone();
    let mut bytes = ek.as_bytes().to_vec();
    bytes[0] = 0xff;
    bytes[1] |= 0x0f;
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: "2.16.840.1.101.3.4.4.2".parse().unwrap(),
            parameters: None,
        },
        subject_public_key: der::asn1::BitStringRef::from_bytes(&bytes).unwrap(),
    };
    let f = spki.to_der().unwrap();
    assert!(matches!(
        encoding::from_public_key_der::<EncapsulationKey<MlKem768>>(&f),
        Err(Error::InvalidKey { .. })
    ));
    // A private key document is not a public key, and PEM labels are checked.
    let sk_pem = encoding::to_pkcs8_pem(
        &SigningKey::<MlDsa44>::generate().unwrap(),
        PrivateKeyForm::Seed,
    )
    .unwrap();
    assert!(matches!(
        encoding::load_public_key_pem(&sk_pem),
        Err(Error::InvalidEncoding { .. })
    ));
    let pk_pem = encoding::to_public_key_pem(&vk).unwrap();
    assert!(matches!(
        encoding::load_private_key_pem(&pk_pem, None),
        Err(Error::InvalidEncoding { .. })
    ));
}

#[test]
fn public_key_field_in_v2_must_match() {
    let sk = SigningKey::<MlDsa44>::from_seed(&[9; 32]).unwrap();
    let other = SigningKey::<MlDsa44>::from_seed(&[8; 32]).unwrap();
    let body = seed_body(0x80, sk.seed().unwrap().bytes());
    let with_pk = |pk: &[u8]| {
        let mut pki = PrivateKeyInfoRef::new(
            spki::AlgorithmIdentifierRef {
                oid: "2.16.840.1.101.3.4.3.17".parse().unwrap(),
                parameters: None,
            },
            OctetStringRef::new(&body).unwrap(),
        );
        pki.public_key = Some(der::asn1::BitStringRef::from_bytes(pk).unwrap());
        pki.to_der().unwrap()
    };
    let good = with_pk(sk.verifying_key().as_bytes());
    assert_eq!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&good).unwrap(),
        sk
    );
    let bad = with_pk(other.verifying_key().as_bytes());
    assert!(matches!(
        encoding::from_pkcs8_der::<SigningKey<MlDsa44>>(&bad),
        Err(Error::InvalidKey { .. })
    ));
}

/// Every truncation and every one-byte extension of a valid file is an
/// error, never a panic; so is every single-byte change in the DER framing.
#[test]
fn truncated_extended_and_mutated_inputs() {
    let sk = SigningKey::<MlDsa44>::generate().unwrap();
    let slh = SlhSigningKey::<SlhDsaShake_128f>::generate().unwrap();
    let files = [
        encoding::to_pkcs8_der(&sk, PrivateKeyForm::Seed)
            .unwrap()
            .as_bytes()
            .to_vec(),
        encoding::to_pkcs8_der(&sk, PrivateKeyForm::Both)
            .unwrap()
            .as_bytes()
            .to_vec(),
        encoding::to_public_key_der(sk.verifying_key())
            .unwrap()
            .as_bytes()
            .to_vec(),
        encoding::to_pkcs8_encrypted_der(&sk, PrivateKeyForm::Seed, b"pw", FAST_PBKDF2)
            .unwrap()
            .as_bytes()
            .to_vec(),
        // SLH-DSA: an 'f' set, so mutated files that still parse are cheap to check.
        encoding::to_pkcs8_der(&slh, PrivateKeyForm::Seed)
            .unwrap()
            .as_bytes()
            .to_vec(),
        encoding::to_public_key_der(slh.verifying_key())
            .unwrap()
            .as_bytes()
            .to_vec(),
    ];
    let load = |f: &[u8]| {
        let a = encoding::load_private_key_der(f, None).map(|_| ());
        let b = encoding::load_private_key_der(f, Some(b"pw")).map(|_| ());
        let c = encoding::load_public_key_der(f).map(|_| ());
        (a, b, c)
    };
    for file in &files {
        for n in 0..file.len() {
            let (a, b, c) = load(&file[..n]);
            assert!(a.is_err() && b.is_err() && c.is_err(), "prefix {n}");
        }
        let mut longer = file.clone();
        longer.push(0);
        let (a, b, c) = load(&longer);
        assert!(a.is_err() && b.is_err() && c.is_err());
        // Mutate each of the first 64 bytes (tags, lengths, OIDs, KDF params).
        for i in 0..file.len().min(64) {
            for delta in [1u8, 0x80] {
                let mut m = file.clone();
                m[i] ^= delta;
                let _ = load(&m);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Encrypted PKCS#8
// ---------------------------------------------------------------------------

/// An EncryptedPrivateKeyInfo with hand-picked PBES2 parameters around
/// (garbage) ciphertext: enough to reach the KDF-cost checks.
fn encrypted_with(params: pbes2::Parameters) -> Vec<u8> {
    let info = EncryptedPrivateKeyInfoRef {
        encryption_algorithm: params.into(),
        encrypted_data: OctetStringRef::new(&[0u8; 64]).unwrap(),
    };
    info.to_der().unwrap()
}

#[test]
fn hostile_kdf_parameters_are_refused_before_running() {
    let iv = [0u8; 16];
    let scrypt = |n: u64, r: u16, p: u16| {
        let mut params =
            pbes2::Parameters::generate_scrypt_aes256cbc(Default::default(), &[1; 16], iv).unwrap();
        if let pbes2::Kdf::Scrypt(s) = &mut params.kdf {
            s.cost_parameter = n;
            s.block_size = r;
            s.parallelization = p;
        }
        encrypted_with(params)
    };
    // N = 0 and non-powers of two (which panic inside pkcs5 if passed on),
    // huge memory, zero r / p.
    for (n, r, p) in [
        (0, 8, 1),
        (1, 8, 1),
        (3, 8, 1),
        (1 << 20, 8, 1),
        (1 << 40, 8, 1),
        (u64::MAX, 8, 1),
        (1 << 14, 0, 1),
        (1 << 14, 8, 0),
        (1 << 14, 8, 1000),
    ] {
        let f = scrypt(n, r, p);
        assert!(
            matches!(
                encoding::load_private_key_der(&f, Some(b"pw")),
                Err(Error::InvalidEncoding { .. })
            ),
            "N={n} r={r} p={p}"
        );
    }
    let pbkdf2 = |iterations: u32| {
        let mut params =
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(1, &[1; 16], iv).unwrap();
        if let pbes2::Kdf::Pbkdf2(p) = &mut params.kdf {
            p.iteration_count = iterations;
        }
        encrypted_with(params)
    };
    for iterations in [0, encoding::MAX_PBKDF2_ITERATIONS + 1, u32::MAX] {
        assert!(matches!(
            encoding::load_private_key_der(&pbkdf2(iterations), Some(b"pw")),
            Err(Error::InvalidEncoding { .. })
        ));
    }
    // Within the limits: the KDF runs, and garbage ciphertext is a wrong password.
    assert_eq!(
        encoding::load_private_key_der(&pbkdf2(1), Some(b"pw")).unwrap_err(),
        Error::Decryption
    );
    assert_eq!(
        encoding::load_private_key_der(&scrypt(16, 8, 1), Some(b"pw")).unwrap_err(),
        Error::Decryption
    );
}

/// An encrypted file asking for scrypt with N, r, p (garbage ciphertext).
fn scrypt_file(n: u64, r: u16, p: u16) -> Vec<u8> {
    let mut params =
        pbes2::Parameters::generate_scrypt_aes256cbc(Default::default(), &[1; 16], [0u8; 16])
            .unwrap();
    if let pbes2::Kdf::Scrypt(s) = &mut params.kdf {
        s.cost_parameter = n;
        s.block_size = r;
        s.parallelization = p;
    }
    encrypted_with(params)
}

/// An encrypted file asking for PBKDF2-HMAC-SHA-256 (garbage ciphertext).
fn pbkdf2_file(iterations: u32) -> Vec<u8> {
    let mut params =
        pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(1, &[1; 16], [0u8; 16]).unwrap();
    if let pbes2::Kdf::Pbkdf2(p) = &mut params.kdf {
        p.iteration_count = iterations;
    }
    encrypted_with(params)
}

#[test]
fn scrypt_total_work_is_bounded_and_limits_are_a_knob() {
    // A file of under 200 bytes asking for N = 2^18, r = 8, p = 64: within the
    // memory bound (256 MiB) and p <= 64, but 64 passes of it (80 s) before a
    // wrong password shows. The N * r * p bound refuses it at once.
    let hostile = scrypt_file(1 << 18, 8, 64);
    assert!(hostile.len() < 200, "{}", hostile.len());
    let start = std::time::Instant::now();
    let err = encoding::load_private_key_der(&hostile, Some(b"wrong")).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidEncoding { reason } if reason.contains("N*r*p")),
        "{err:?}"
    );
    let pem = der::pem::encode_string(
        encoding::ENCRYPTED_PRIVATE_KEY_LABEL,
        der::pem::LineEnding::LF,
        &hostile,
    )
    .unwrap();
    assert!(matches!(
        encoding::load_private_key_pem(&pem, Some(b"wrong")),
        Err(Error::InvalidEncoding { .. })
    ));
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(
        KdfLimits::default(),
        KdfLimits {
            max_scrypt_memory: 256 << 20,
            max_scrypt_work: 1 << 21,
            max_pbkdf2_iterations: 2_000_000,
        }
    );

    // Each limit is a knob, checked before the KDF runs (refused) or not
    // (the KDF runs; the garbage ciphertext is then a wrong password).
    let load = |f: &[u8], limits: KdfLimits| {
        encoding::load_private_key_der_with_limits(f, Some(b"pw"), limits).unwrap_err()
    };
    let cheap = scrypt_file(16, 8, 2); // 16 KiB, N*r*p = 256
    let d = KdfLimits::DEFAULT;
    for (limits, refused) in [
        (d, false),
        (
            KdfLimits {
                max_scrypt_work: 255,
                ..d
            },
            true,
        ),
        (
            KdfLimits {
                max_scrypt_work: 256,
                ..d
            },
            false,
        ),
        (
            KdfLimits {
                max_scrypt_memory: 128 * 8 * 16 - 1,
                ..d
            },
            true,
        ),
        (
            KdfLimits {
                max_scrypt_memory: 128 * 8 * 16,
                ..d
            },
            false,
        ),
    ] {
        let err = load(&cheap, limits);
        assert_eq!(
            matches!(err, Error::InvalidEncoding { .. }),
            refused,
            "{limits:?}"
        );
        if !refused {
            assert_eq!(err, Error::Decryption);
        }
    }
    // Above the default PBKDF2 cap: refused unless the caller raises it.
    let over = pbkdf2_file(encoding::MAX_PBKDF2_ITERATIONS + 1);
    assert!(matches!(load(&over, d), Error::InvalidEncoding { .. }));
    let raised = KdfLimits {
        max_pbkdf2_iterations: encoding::MAX_PBKDF2_ITERATIONS + 1,
        ..d
    };
    assert_eq!(load(&over, raised), Error::Decryption);
    // The typed loaders take limits too.
    assert!(matches!(
        encoding::from_pkcs8_encrypted_der_with_limits::<DecapsulationKey<MlKem768>>(
            &cheap,
            b"pw",
            KdfLimits {
                max_scrypt_work: 1,
                ..d
            }
        ),
        Err(Error::InvalidEncoding { .. })
    ));
}

#[test]
fn encryption_options_and_password_rules() {
    let dk = DecapsulationKey::<MlKem768>::generate().unwrap();
    // Empty passwords and unusable KDF settings are refused when writing.
    assert!(matches!(
        encoding::to_pkcs8_encrypted_der(&dk, PrivateKeyForm::Seed, b"", FAST_SCRYPT),
        Err(Error::InvalidEncoding { .. })
    ));
    for kdf in [
        Kdf::Scrypt {
            log_n: 0,
            r: 8,
            p: 1,
        },
        Kdf::Scrypt {
            log_n: 64,
            r: 8,
            p: 1,
        },
        Kdf::Scrypt {
            log_n: 30,
            r: 8,
            p: 1,
        },
        Kdf::Pbkdf2Sha256 { iterations: 0 },
    ] {
        assert!(
            matches!(
                encoding::to_pkcs8_encrypted_der(&dk, PrivateKeyForm::Seed, b"pw", kdf),
                Err(Error::InvalidEncoding { .. })
            ),
            "{kdf:?}"
        );
    }
    // Default scrypt: PBES2 + scrypt + AES-256-CBC, fresh salt and IV each time.
    let a =
        encoding::to_pkcs8_encrypted_der(&dk, PrivateKeyForm::Seed, b"pw", Kdf::DEFAULT).unwrap();
    let b =
        encoding::to_pkcs8_encrypted_der(&dk, PrivateKeyForm::Seed, b"pw", Kdf::DEFAULT).unwrap();
    assert_ne!(a.as_bytes(), b.as_bytes());
    let info = EncryptedPrivateKeyInfoRef::from_der(a.as_bytes()).unwrap();
    let params = info.encryption_algorithm.pbes2().unwrap();
    assert!(params.kdf.is_scrypt());
    assert_eq!(params.encryption.oid(), pbes2::AES_256_CBC_OID);
    let p =
        encoding::to_pkcs8_encrypted_der(&dk, PrivateKeyForm::Seed, b"pw", FAST_PBKDF2).unwrap();
    let info = EncryptedPrivateKeyInfoRef::from_der(p.as_bytes()).unwrap();
    let params = info.encryption_algorithm.pbes2().unwrap();
    assert_eq!(params.kdf.pbkdf2().unwrap().iteration_count, 10);
    assert_eq!(
        params.kdf.pbkdf2().unwrap().prf,
        pbes2::Pbkdf2Prf::HmacWithSha256
    );
    // Decrypts to exactly the plain PKCS#8 document.
    let plain = encoding::decrypt_pkcs8_der(a.as_bytes(), b"pw").unwrap();
    assert_eq!(
        plain.as_bytes(),
        encoding::to_pkcs8_der(&dk, PrivateKeyForm::Seed)
            .unwrap()
            .as_bytes()
    );
    // Password / no password mix-ups are refused.
    assert!(matches!(
        encoding::load_private_key_der(a.as_bytes(), None),
        Err(Error::InvalidEncoding { .. })
    ));
    let plain = encoding::to_pkcs8_der(&dk, PrivateKeyForm::Seed).unwrap();
    assert!(matches!(
        encoding::load_private_key_der(plain.as_bytes(), Some(b"pw")),
        Err(Error::InvalidEncoding { .. })
    ));
    assert!(encoding::is_encrypted_pkcs8_der(a.as_bytes()));
    assert!(!encoding::is_encrypted_pkcs8_der(plain.as_bytes()));
    // Wrong passwords, many of them: always Decryption, never another error.
    for i in 0..64u8 {
        assert_eq!(
            encoding::load_private_key_der(p.as_bytes(), Some(&[i, 1, 2])).unwrap_err(),
            Error::Decryption
        );
    }
}

#[test]
fn pem_is_strict() {
    let vk = SigningKey::<MlDsa44>::generate()
        .unwrap()
        .verifying_key()
        .clone();
    let pem = encoding::to_public_key_pem(&vk).unwrap();
    encoding::load_public_key_pem(&pem).unwrap();
    let bad = [
        pem.replace("PUBLIC KEY", "PRIVATE KEY"),
        pem.replacen("-----END PUBLIC KEY-----", "-----END PRIVATE KEY-----", 1),
        pem.replacen('M', "*", 1),
        pem[..pem.len() - 30].to_string(),
        String::new(),
        "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n".to_string(),
    ];
    for b in &bad {
        assert!(encoding::load_public_key_pem(b).is_err(), "{b}");
    }
}
