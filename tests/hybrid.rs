//! Hybrid KEMs through the Rust API: every X-Wing vector of the draft, the
//! draft's example PKCS#8 / SPKI files byte for byte, every composite ML-KEM
//! vector (raw key, PKCS#8 and the certificate's SPKI), and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{read_json, unhex, vectors_dir};
use pqfence::hybrid::{
    Ciphertext, DecapsulationKey, EncapsulationKey, HybridParams, MlKem1024P384, MlKem768P256,
    MlKem768X25519, XWingDecapsulationKey, XWingEncapsulationKey,
};
use pqfence::Error;

#[test]
fn xwing_vectors() {
    let Some(dir) = vectors_dir() else { return };
    let v = read_json(&dir.join("xwing-draft-connolly-cfrg-xwing-kem/test-vectors.json"));
    let cases = v.as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for t in cases {
        let h = |k: &str| unhex(t[k].as_str().unwrap());
        assert_eq!(h("seed"), h("sk"));
        let dk = XWingDecapsulationKey::from_seed(&h("seed")).unwrap();
        assert_eq!(dk.encapsulation_key().as_bytes(), h("pk"));
        assert_eq!(dk.seed().unwrap().bytes(), h("sk"));
        let ek = XWingEncapsulationKey::from_bytes(&h("pk")).unwrap();
        let (ss, ct) = ek.encapsulate_deterministic(&h("eseed")).unwrap();
        assert_eq!(ct.as_bytes(), h("ct"));
        assert_eq!(ss.bytes(), h("ss"));
        assert_eq!(dk.decapsulate_bytes(&h("ct")).unwrap().bytes(), h("ss"));
        // A tampered ML-KEM half gives another secret (implicit rejection).
        let mut bad = h("ct");
        bad[0] ^= 1;
        assert_ne!(dk.decapsulate_bytes(&bad).unwrap().bytes(), h("ss"));
    }
}

#[test]
fn xwing_draft_pkcs8_and_spki_round_trip() {
    let Some(dir) = vectors_dir() else { return };
    let d = dir.join("xwing-draft-connolly-cfrg-xwing-kem");
    let priv_pem = std::fs::read_to_string(d.join("xwing.priv")).unwrap();
    let pub_pem = std::fs::read_to_string(d.join("xwing.pub")).unwrap();
    let dk = XWingDecapsulationKey::from_pkcs8_pem(&priv_pem).unwrap();
    // "The X-Wing keypair with private key 0001...1f".
    assert_eq!(dk.seed().unwrap().bytes(), (0u8..32).collect::<Vec<_>>());
    assert_eq!(dk.to_pkcs8_pem().unwrap().as_str(), priv_pem);
    let ek = XWingEncapsulationKey::from_public_key_pem(&pub_pem).unwrap();
    assert_eq!(&ek, dk.encapsulation_key());
    assert_eq!(ek.to_public_key_pem().unwrap(), pub_pem);
    // DER round trip too, and the wrong document kind is refused.
    let der = dk.to_pkcs8_der().unwrap();
    assert_eq!(
        XWingDecapsulationKey::from_pkcs8_der(der.as_bytes()).unwrap(),
        dk
    );
    assert!(matches!(
        XWingDecapsulationKey::from_pkcs8_pem(&pub_pem),
        Err(Error::InvalidEncoding { .. })
    ));
    assert!(matches!(
        XWingEncapsulationKey::from_public_key_der(der.as_bytes()),
        Err(Error::InvalidEncoding { .. })
    ));
}

fn round_trip<P: HybridParams>() {
    let dk = DecapsulationKey::<P>::generate().unwrap();
    let ek = EncapsulationKey::<P>::from_bytes(dk.encapsulation_key().as_bytes()).unwrap();
    assert_eq!(ek.as_bytes().len(), P::EK_BYTES);
    let (ss, ct) = ek.encapsulate().unwrap();
    assert_eq!(ct.as_bytes().len(), P::CT_BYTES);
    assert_eq!(dk.decapsulate(&ct).unwrap(), ss);
    // The components (for libraries that take them) make up the key.
    assert_eq!(
        [ek.pq_key().as_bytes(), ek.traditional_bytes()].concat(),
        ek.as_bytes()
    );
    assert_eq!(dk.pq_key().encapsulation_key(), ek.pq_key());
    assert_eq!(
        dk.traditional_secret().len(),
        if P::NAME == "MLKEM1024-P384" { 48 } else { 32 }
    );
    let again = DecapsulationKey::<P>::from_seed(dk.seed().unwrap().bytes()).unwrap();
    assert_eq!(again.encapsulation_key(), dk.encapsulation_key());
    assert!(format!("{dk:?}").contains("REDACTED"));
    // Wrong lengths.
    assert!(matches!(
        EncapsulationKey::<P>::from_bytes(&ek.as_bytes()[1..]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        Ciphertext::<P>::from_bytes(&ct.as_bytes()[1..]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        DecapsulationKey::<P>::from_seed(&[0u8; 31]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        ek.encapsulate_deterministic(&[0u8; 33]),
        Err(Error::InvalidLength { .. })
    ));
    // A wrong key gives another secret.
    let other = DecapsulationKey::<P>::generate().unwrap();
    assert_ne!(other.decapsulate(&ct).unwrap(), ss);
    // The identity / an off-curve point / a low-order X25519 point as the
    // traditional half of the ciphertext is refused.
    let mut bad = ct.as_bytes().to_vec();
    let n = bad.len();
    let t_len = P::EK_BYTES - <<P::Pq as pqfence::mlkem::KemParams>::Ek as pqfence::ByteArray>::LEN;
    for b in &mut bad[n - t_len..] {
        *b = 0;
    }
    assert!(matches!(
        dk.decapsulate_bytes(&bad),
        Err(Error::InvalidKey { .. })
    ));
    // The same in the encapsulation key.
    let mut bad_ek = ek.as_bytes().to_vec();
    let m = bad_ek.len();
    for b in &mut bad_ek[m - t_len..] {
        *b = 0;
    }
    if P::NAME != "MLKEM768-X25519" {
        assert!(matches!(
            EncapsulationKey::<P>::from_bytes(&bad_ek),
            Err(Error::InvalidKey { .. })
        ));
    } else {
        // X25519 accepts every 32-byte string as a key; the all-zero DH
        // output is what is refused.
        let zero_ek = EncapsulationKey::<P>::from_bytes(&bad_ek).unwrap();
        assert!(matches!(
            zero_ek.encapsulate(),
            Err(Error::InvalidKey { .. })
        ));
    }
}

/// The expanded form and the components give the same key, without a seed;
/// pqfence's catalogue traits (KeyPair, PKCS#8 through `encoding`) agree.
fn other_forms<P: HybridParams>() {
    use pqfence::keys::KeyPair;
    let dk = DecapsulationKey::<P>::generate().unwrap();
    let expanded = dk.expanded_bytes().to_vec();
    assert_eq!(expanded.len(), P::EXPANDED_BYTES);
    assert_eq!(&expanded[64..], dk.traditional_secret());
    let from_expanded = DecapsulationKey::<P>::from_expanded_bytes(&expanded).unwrap();
    let halves =
        DecapsulationKey::<P>::from_components(dk.pq_key(), dk.traditional_secret()).unwrap();
    assert!(from_expanded == dk && halves == dk);
    assert!(from_expanded.seed().is_none() && halves.seed().is_none());
    assert_eq!(KeyPair::seed_bytes(&dk), Some(dk.seed().unwrap().bytes()));
    assert!(matches!(
        DecapsulationKey::<P>::from_expanded_bytes(&expanded[1..]),
        Err(Error::InvalidLength { .. })
    ));
    // An ML-KEM half without its seed cannot make a hybrid key.
    let no_seed = pqfence::mlkem::DecapsulationKey::<P::Pq>::from_expanded_bytes(
        dk.pq_key().expanded_bytes().bytes(),
    )
    .unwrap();
    assert!(matches!(
        DecapsulationKey::<P>::from_components(&no_seed, dk.traditional_secret()),
        Err(Error::InvalidKey { .. })
    ));
    if P::ALGORITHM.oid.is_some() {
        let der = pqfence::encoding::to_pkcs8_der(&dk, Default::default()).unwrap();
        assert_eq!(der.as_bytes(), dk.to_pkcs8_der().unwrap().as_bytes());
        assert!(matches!(
            pqfence::encoding::to_pkcs8_der(&halves, Default::default()),
            Err(Error::InvalidKey { .. })
        ));
        let any = pqfence::encoding::load_private_key_der(der.as_bytes(), None).unwrap();
        assert_eq!(any.algorithm().name, P::NAME);
    } else {
        assert!(pqfence::encoding::to_pkcs8_der(&dk, Default::default()).is_err());
    }
}

#[test]
fn concrete_hybrids_other_forms() {
    other_forms::<MlKem768X25519>();
    other_forms::<MlKem768P256>();
    other_forms::<MlKem1024P384>();
}

#[test]
fn concrete_hybrids_round_trip() {
    round_trip::<MlKem768X25519>();
    round_trip::<MlKem768P256>();
    round_trip::<MlKem1024P384>();
}

mod composite {
    use super::*;
    use base64ct::{Base64, Encoding};
    use pqfence::hybrid::composite_kem::{
        Ciphertext, CompositeMlKem1024EcdhBrainpoolP384r1, CompositeMlKem1024EcdhP384,
        CompositeMlKem1024EcdhP521, CompositeMlKem1024X448, CompositeMlKem768EcdhBrainpoolP256r1,
        CompositeMlKem768EcdhP256, CompositeMlKem768EcdhP384, CompositeMlKem768X25519,
        CompositeParams, DecapsulationKey, EncapsulationKey,
    };
    use pqfence::mlkem::{self, MlKem1024, MlKem768};

    fn b64(t: &serde_json::Value, k: &str) -> Vec<u8> {
        Base64::decode_vec(t[k].as_str().unwrap()).unwrap()
    }

    /// One vector: the raw key, the PKCS#8 key and the certificate's key all
    /// give `k`; every serialization writes back byte for byte.
    fn vector<P: CompositeParams>(t: &serde_json::Value) {
        let name = P::NAME;
        let dk = DecapsulationKey::<P>::from_bytes(&b64(t, "dk")).unwrap();
        assert_eq!(dk.encapsulation_key().as_bytes(), b64(t, "ek"), "{name} ek");
        assert_eq!(*dk.to_bytes().unwrap(), b64(t, "dk"), "{name} dk");
        assert_eq!(
            dk.decapsulate_bytes(&b64(t, "c")).unwrap().bytes(),
            b64(t, "k"),
            "{name} k"
        );
        let from_pkcs8 = DecapsulationKey::<P>::from_pkcs8_der(&b64(t, "dk_pkcs8")).unwrap();
        assert_eq!(from_pkcs8, dk);
        assert_eq!(
            from_pkcs8.to_pkcs8_der().unwrap().as_bytes(),
            b64(t, "dk_pkcs8"),
            "{name}"
        );
        let ek = EncapsulationKey::<P>::from_certificate_der(&b64(t, "x5c")).unwrap();
        assert_eq!(ek.as_bytes(), b64(t, "ek"));
        let spki = ek.to_public_key_der().unwrap();
        assert_eq!(
            EncapsulationKey::<P>::from_public_key_der(&spki).unwrap(),
            ek
        );
        // Encapsulation to the certificate's key round-trips.
        let (ss, ct) = ek.encapsulate().unwrap();
        assert_eq!(dk.decapsulate(&ct).unwrap(), ss);
        assert_eq!(ct.as_bytes().len(), P::CT_BYTES);
        // Tampering: the ML-KEM half changes the secret; a zeroed
        // traditional half is refused.
        let mut bad = b64(t, "c");
        bad[3] ^= 0x40;
        assert_ne!(dk.decapsulate_bytes(&bad).unwrap().bytes(), b64(t, "k"));
        let n = bad.len();
        for b in &mut bad[n - P::T_PK..] {
            *b = 0;
        }
        assert!(
            matches!(dk.decapsulate_bytes(&bad), Err(Error::InvalidKey { .. })),
            "{name}"
        );
        // Wrong lengths and wrong OIDs.
        assert!(matches!(
            Ciphertext::<P>::from_bytes(&b64(t, "c")[1..]),
            Err(Error::InvalidLength { .. })
        ));
        assert!(matches!(
            DecapsulationKey::<P>::from_bytes(&b64(t, "dk")[..70]),
            Err(Error::InvalidLength { .. } | Error::InvalidKey { .. })
        ));
    }

    fn wrong_oid<P: CompositeParams, Q: CompositeParams>(t: &serde_json::Value) {
        assert!(matches!(
            DecapsulationKey::<Q>::from_pkcs8_der(&b64(t, "dk_pkcs8")),
            Err(Error::InvalidEncoding { .. })
        ));
        assert!(matches!(
            EncapsulationKey::<Q>::from_certificate_der(&b64(t, "x5c")),
            Err(Error::InvalidEncoding { .. })
        ));
        let _ = P::NAME;
    }

    fn plain_mlkem<P: mlkem::KemParams>(t: &serde_json::Value) {
        let dk = mlkem::DecapsulationKey::<P>::from_seed(&b64(t, "dk")).unwrap();
        assert_eq!(dk.encapsulation_key().as_bytes(), b64(t, "ek"));
        assert_eq!(
            dk.decapsulate_bytes(&b64(t, "c")).unwrap().bytes(),
            b64(t, "k")
        );
    }

    #[test]
    fn composite_kem_vectors() {
        let Some(dir) = vectors_dir() else { return };
        let v = read_json(&dir.join("composite-kem/testvectors.json"));
        let mut done = 0;
        let mut skipped_rsa = 0;
        for t in v["tests"].as_array().unwrap() {
            match t["tcId"].as_str().unwrap() {
                "id-alg-ml-kem-768" => plain_mlkem::<MlKem768>(t),
                "id-alg-ml-kem-1024" => plain_mlkem::<MlKem1024>(t),
                "id-MLKEM768-X25519-SHA3-256" => {
                    vector::<CompositeMlKem768X25519>(t);
                    wrong_oid::<CompositeMlKem768X25519, CompositeMlKem768EcdhP256>(t);
                }
                "id-MLKEM768-ECDH-P256-SHA3-256" => vector::<CompositeMlKem768EcdhP256>(t),
                "id-MLKEM768-ECDH-P384-SHA3-256" => vector::<CompositeMlKem768EcdhP384>(t),
                "id-MLKEM768-ECDH-brainpoolP256r1-SHA3-256" => {
                    vector::<CompositeMlKem768EcdhBrainpoolP256r1>(t)
                }
                "id-MLKEM1024-ECDH-P384-SHA3-256" => {
                    vector::<CompositeMlKem1024EcdhP384>(t);
                    wrong_oid::<CompositeMlKem1024EcdhP384, CompositeMlKem768EcdhP384>(t);
                }
                "id-MLKEM1024-ECDH-brainpoolP384r1-SHA3-256" => {
                    vector::<CompositeMlKem1024EcdhBrainpoolP384r1>(t)
                }
                "id-MLKEM1024-X448-SHA3-256" => vector::<CompositeMlKem1024X448>(t),
                "id-MLKEM1024-ECDH-P521-SHA3-256" => vector::<CompositeMlKem1024EcdhP521>(t),
                rsa if rsa.contains("-RSA") => {
                    skipped_rsa += 1;
                    continue;
                }
                other => panic!("unexpected vector {other}"),
            }
            done += 1;
        }
        assert_eq!((done, skipped_rsa), (10, 4));
    }

    fn generated<P: CompositeParams>() {
        let dk = DecapsulationKey::<P>::generate().unwrap();
        let (ss, ct) = dk.encapsulation_key().encapsulate().unwrap();
        assert_eq!(dk.decapsulate(&ct).unwrap(), ss);
        assert_eq!(dk.as_bytes().len(), P::SK_BYTES);
        // Deterministic encapsulation: m || the ephemeral private key (here
        // the key's own traditional key, a valid one).
        let trad = &dk.as_bytes()[64..];
        let t_sk = if trad.len() == P::T_SK {
            trad.to_vec()
        } else {
            vec![1u8; P::T_SK]
        };
        let eseed = [&[7u8; 32][..], &t_sk].concat();
        let (ss1, ct1) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&eseed)
            .unwrap();
        let (ss2, ct2) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&eseed)
            .unwrap();
        assert!(ss1 == ss2 && ct1.as_bytes() == ct2.as_bytes());
        assert_eq!(dk.decapsulate(&ct1).unwrap(), ss1);
        assert!(matches!(
            dk.encapsulation_key()
                .encapsulate_deterministic(&eseed[1..]),
            Err(Error::InvalidLength { .. })
        ));
        let pem = dk.to_pkcs8_pem().unwrap();
        assert_eq!(DecapsulationKey::<P>::from_pkcs8_pem(&pem).unwrap(), dk);
        let pk_pem = dk.encapsulation_key().to_public_key_pem().unwrap();
        assert_eq!(
            &EncapsulationKey::<P>::from_public_key_pem(&pk_pem).unwrap(),
            dk.encapsulation_key()
        );
        let other = DecapsulationKey::<P>::generate().unwrap();
        assert_ne!(other.decapsulate(&ct).unwrap(), ss);
        assert!(format!("{dk:?}").contains("REDACTED"));
    }

    #[test]
    fn composite_kem_generated_round_trip() {
        generated::<CompositeMlKem768X25519>();
        generated::<CompositeMlKem768EcdhP256>();
        generated::<CompositeMlKem768EcdhP384>();
        generated::<CompositeMlKem768EcdhBrainpoolP256r1>();
        generated::<CompositeMlKem1024EcdhP384>();
        generated::<CompositeMlKem1024EcdhBrainpoolP384r1>();
        generated::<CompositeMlKem1024X448>();
        generated::<CompositeMlKem1024EcdhP521>();
    }
}
