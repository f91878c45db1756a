//! HPKE through the Rust API: all 13 vectors of draft-ietf-hpke-pq (every
//! encryption and export), the 128 RFC 9180 vectors of the
//! cryptography-vectors package (all four modes), round trips over every
//! suite, and bad input (lengths, tampering, wrong keys, PSK rules of RFC 9180
//! section 5.1, sequence overflow).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::path::PathBuf;

use common::{read_json, unhex, vectors_dir};
use pqfence::hpke::{Aead, Kdf, Kem, PrivateKey, Psk, PublicKey, Suite};
use pqfence::Error;
use serde_json::Value;

fn h(t: &Value, k: &str) -> Vec<u8> {
    unhex(t[k].as_str().unwrap_or_else(|| panic!("field {k}")))
}

/// RFC 7748 clamping, for comparing X25519 / X448 private keys: the
/// draft-ietf-hpke-pq vector file writes its X448 key clamped, RFC 9180's
/// files do not; both strings are the same key (same public key, same DH).
fn clamp(kem: Kem, sk: &[u8]) -> Vec<u8> {
    let mut k = sk.to_vec();
    let n = k.len();
    match kem {
        Kem::DhkemX25519 => {
            k[0] &= 248;
            k[n - 1] = (k[n - 1] & 127) | 64;
        }
        Kem::DhkemX448 => {
            k[0] &= 252;
            k[n - 1] |= 128;
        }
        _ => {}
    }
    k
}

/// Checks one vector: DeriveKeyPair, the context, every encryption and export.
fn check_vector(t: &Value) {
    let suite = Suite::from_ids(
        t["kem_id"].as_u64().unwrap() as u16,
        t["kdf_id"].as_u64().unwrap() as u16,
        t["aead_id"].as_u64().unwrap() as u16,
    )
    .unwrap();
    let id = format!("{:?}", suite);
    if t.get("suite_id").is_some() {
        assert_eq!(suite.suite_id().to_vec(), h(t, "suite_id"), "{id}");
    }
    let sk_r = PrivateKey::derive(suite.kem, &h(t, "ikmR")).unwrap();
    assert_eq!(
        clamp(suite.kem, &sk_r.to_bytes().unwrap()),
        clamp(suite.kem, &h(t, "skRm")),
        "skRm {id}"
    );
    assert_eq!(sk_r.public_key().as_bytes(), h(t, "pkRm"), "pkRm {id}");
    let pk_r = PublicKey::from_bytes(suite.kem, &h(t, "pkRm")).unwrap();
    let loaded = PrivateKey::from_bytes(suite.kem, &h(t, "skRm")).unwrap();
    assert_eq!(loaded.public_key(), &pk_r);
    let mode = t["mode"].as_u64().unwrap();
    let (psk, psk_id) = if mode == 1 || mode == 3 {
        (h(t, "psk"), h(t, "psk_id"))
    } else {
        (vec![], vec![])
    };
    let psk = (mode == 1 || mode == 3).then_some(Psk {
        psk: &psk,
        psk_id: &psk_id,
    });
    let sk_s = (mode >= 2).then(|| PrivateKey::derive(suite.kem, &h(t, "ikmS")).unwrap());
    if let Some(s) = &sk_s {
        assert_eq!(*s.to_bytes().unwrap(), h(t, "skSm"), "skSm {id}");
        assert_eq!(s.public_key().as_bytes(), h(t, "pkSm"), "pkSm {id}");
    }
    if t.get("skEm").is_some() {
        let e = PrivateKey::derive(suite.kem, &h(t, "ikmE")).unwrap();
        assert_eq!(*e.to_bytes().unwrap(), h(t, "skEm"), "skEm {id}");
    }
    let info = h(t, "info");
    let (enc, mut sender) = suite
        .setup_sender_deterministic(&pk_r, &info, psk, sk_s.as_ref(), &h(t, "ikmE"))
        .unwrap();
    assert_eq!(enc, h(t, "enc"), "enc {id}");
    let pk_s = sk_s.as_ref().map(|s| s.public_key().clone());
    let mut recipient = suite
        .setup_recipient(&enc, &sk_r, &info, psk, pk_s.as_ref())
        .unwrap();
    // The context's secrets (a test hook reads them).
    #[cfg(feature = "test-hooks")]
    {
        let (key, nonce, exporter) = recipient.secrets_for_test();
        assert_eq!(key, h(t, "key"), "key {id}");
        assert_eq!(nonce, h(t, "base_nonce"), "base_nonce {id}");
        assert_eq!(exporter, h(t, "exporter_secret"), "exporter_secret {id}");
    }
    // Every encryption, in order (sequence numbers 0, 1, 2, ...).
    for (seq, e) in t["encryptions"].as_array().unwrap().iter().enumerate() {
        assert_eq!(sender.sequence_number(), seq as u64);
        let ct = sender.seal(&h(e, "aad"), &h(e, "pt")).unwrap();
        assert_eq!(ct, h(e, "ct"), "ct {id} seq {seq}");
        assert_eq!(recipient.open(&h(e, "aad"), &ct).unwrap(), h(e, "pt"));
    }
    for x in t["exports"].as_array().unwrap() {
        let l = x["L"].as_u64().unwrap() as usize;
        let ctx = h(x, "exporter_context");
        assert_eq!(
            *sender.export(&ctx, l).unwrap(),
            h(x, "exported_value"),
            "export {id}"
        );
        assert_eq!(*recipient.export(&ctx, l).unwrap(), h(x, "exported_value"));
    }
}

#[test]
fn hpke_pq_vectors() {
    let Some(dir) = vectors_dir() else { return };
    let v = read_json(&dir.join("hpke-pq/test-vectors.json"));
    let cases = v.as_array().unwrap();
    assert_eq!(cases.len(), 13);
    for t in cases {
        assert_eq!(h(t, "suite_id").len(), 10);
        check_vector(t);
    }
}

/// The cryptography-vectors package (PyPI) holds RFC 9180's vectors:
/// `$PQFENCE_CRYPTOGRAPHY_VECTORS`, else the repository's `.venv`.
fn rfc9180_vectors() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PQFENCE_CRYPTOGRAPHY_VECTORS") {
        return Some(PathBuf::from(p).join("HPKE/test-vectors.json"));
    }
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/lib");
    for py in std::fs::read_dir(&lib).ok()?.flatten() {
        let p = py
            .path()
            .join("site-packages/cryptography_vectors/HPKE/test-vectors.json");
        if p.is_file() {
            return Some(p);
        }
    }
    eprintln!("SKIPPED: cryptography-vectors not found (set PQFENCE_CRYPTOGRAPHY_VECTORS)");
    None
}

#[test]
fn rfc9180_vectors_all_modes() {
    let Some(path) = rfc9180_vectors() else {
        return;
    };
    let v = read_json(&path);
    let cases = v.as_array().unwrap();
    let mut done = 0;
    for t in cases {
        check_vector(t);
        done += 1;
    }
    assert_eq!(done, 128);
}

/// Every KEM in every mode it supports (the KDF and AEAD rotating), and every
/// KDF x AEAD with DHKEM(X25519) and ML-KEM-768: seal/open, the pyca-style
/// encrypt/decrypt, exports agree; keys survive serialization.
#[test]
fn every_suite_round_trips() {
    let psk_bytes = [0x42u8; 32];
    let psk = Psk {
        psk: &psk_bytes,
        psk_id: b"id",
    };
    for kem in Kem::ALL {
        let sk_r = PrivateKey::generate(kem).unwrap();
        let again = PrivateKey::from_bytes(kem, &sk_r.to_bytes().unwrap()).unwrap();
        assert_eq!(again.public_key(), sk_r.public_key());
        assert_eq!(sk_r.public_key().as_bytes().len(), kem.n_pk());
        assert!(format!("{sk_r:?}").contains("REDACTED"));
        let sk_s = PrivateKey::generate(kem).unwrap();
        let grid = matches!(kem, Kem::DhkemX25519 | Kem::MlKem768);
        for (i, kdf) in Kdf::ALL.into_iter().enumerate() {
            for (j, aead) in Aead::ALL.into_iter().enumerate() {
                if !grid && (i + kem.id() as usize) % 7 != j * 2 % 7 && !(i == 0 && j == 3) {
                    continue;
                }
                let suite = Suite::new(kem, kdf, aead);
                let mut modes = vec![(None, None), (Some(psk), None)];
                if kem.supports_auth() {
                    modes.push((None, Some(&sk_s)));
                    modes.push((Some(psk), Some(&sk_s)));
                }
                for (p, s) in modes {
                    let (enc, mut tx) = suite
                        .setup_sender(sk_r.public_key(), b"info", p, s)
                        .unwrap();
                    assert_eq!(enc.len(), kem.n_enc());
                    let pk_s = s.map(|k| k.public_key());
                    let mut rx = suite
                        .setup_recipient(&enc, &sk_r, b"info", p, pk_s)
                        .unwrap();
                    assert_eq!(*tx.export(b"e", 42).unwrap(), *rx.export(b"e", 42).unwrap());
                    if aead == Aead::ExportOnly {
                        assert!(matches!(
                            tx.seal(b"", b"x"),
                            Err(Error::InvalidParameter { .. })
                        ));
                        continue;
                    }
                    for i in 0..3u8 {
                        let ct = tx.seal(&[i], &[i; 5]).unwrap();
                        assert_eq!(rx.open(&[i], &ct).unwrap(), [i; 5]);
                    }
                    // A wrong info, or a wrong PSK, fails to open.
                    let (enc, ct) = suite
                        .seal(sk_r.public_key(), b"info", b"aad", b"msg", p, s)
                        .unwrap();
                    assert!(matches!(
                        suite.open(&enc, &sk_r, b"other", b"aad", &ct, p, pk_s),
                        Err(Error::InvalidTag)
                    ));
                    if p.is_some() {
                        let other = [7u8; 32];
                        let wrong = Some(Psk {
                            psk: &other,
                            psk_id: b"id",
                        });
                        assert!(matches!(
                            suite.open(&enc, &sk_r, b"info", b"aad", &ct, wrong, pk_s),
                            Err(Error::InvalidTag)
                        ));
                    }
                }
                if aead != Aead::ExportOnly {
                    let sealed = suite
                        .encrypt(b"pyca shape", sk_r.public_key(), b"i")
                        .unwrap();
                    assert_eq!(suite.decrypt(&sealed, &sk_r, b"i").unwrap(), b"pyca shape");
                }
            }
        }
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    let suite = Suite::new(Kem::DhkemX25519, Kdf::HkdfSha256, Aead::Aes128Gcm);
    let sk = PrivateKey::derive(Kem::DhkemX25519, &[1u8; 32]).unwrap();
    let pk = sk.public_key();
    // Wrong lengths.
    assert!(matches!(
        PublicKey::from_bytes(Kem::DhkemX25519, &[9u8; 31]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        PrivateKey::from_bytes(Kem::MlKem768, &[0u8; 63]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        suite.setup_recipient(&[0u8; 31], &sk, b"", None, None),
        Err(Error::InvalidLength { .. })
    ));
    // The all-zero X25519 output (a low-order enc) is refused.
    assert!(matches!(
        suite.setup_recipient(&[0u8; 32], &sk, b"", None, None),
        Err(Error::InvalidKey { .. })
    ));
    // Invalid points: off the curve, the identity, compressed.
    let mut off = PrivateKey::generate(Kem::DhkemP256)
        .unwrap()
        .public_key()
        .as_bytes()
        .to_vec();
    off[64] ^= 1;
    assert!(matches!(
        PublicKey::from_bytes(Kem::DhkemP256, &off),
        Err(Error::InvalidKey { .. })
    ));
    let mut identity = vec![0u8; 65];
    identity[0] = 4;
    assert!(matches!(
        PublicKey::from_bytes(Kem::DhkemP256, &identity),
        Err(Error::InvalidKey { .. })
    ));
    // Private scalars 0 and n are refused.
    assert!(matches!(
        PrivateKey::from_bytes(Kem::DhkemP256, &[0u8; 32]),
        Err(Error::InvalidKey { .. })
    ));
    let n = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    assert!(matches!(
        PrivateKey::from_bytes(Kem::DhkemP256, &n),
        Err(Error::InvalidKey { .. })
    ));
    // A key of another KEM.
    let mlkem = PrivateKey::generate(Kem::MlKem768).unwrap();
    assert!(matches!(
        suite.seal(mlkem.public_key(), b"", b"", b"x", None, None),
        Err(Error::InvalidParameter { .. })
    ));
    // Tampered ciphertext and wrong key.
    let sealed = suite.encrypt(b"secret", pk, b"").unwrap();
    let mut bad = sealed.clone();
    *bad.last_mut().unwrap() ^= 1;
    assert_eq!(suite.decrypt(&bad, &sk, b""), Err(Error::InvalidTag));
    let other = PrivateKey::generate(Kem::DhkemX25519).unwrap();
    assert_eq!(suite.decrypt(&sealed, &other, b""), Err(Error::InvalidTag));
    assert_eq!(
        suite.decrypt(&sealed[..40], &sk, b""),
        Err(Error::InvalidTag)
    );
    // ML-KEM: a tampered enc decapsulates to another secret, so open fails.
    let pq = Suite::new(Kem::MlKem768, Kdf::Shake256, Aead::ChaCha20Poly1305);
    let mut sealed = pq.encrypt(b"m", mlkem.public_key(), b"").unwrap();
    sealed[5] ^= 1;
    assert_eq!(pq.decrypt(&sealed, &mlkem, b""), Err(Error::InvalidTag));
    // Auth modes are DHKEM-only.
    assert!(matches!(
        pq.setup_sender(mlkem.public_key(), b"", None, Some(&mlkem)),
        Err(Error::InvalidParameter { .. })
    ));
    // Export lengths: at most 255 * Nh (two-stage), 65535 (one-stage).
    let (_, ctx) = suite.setup_sender(pk, b"", None, None).unwrap();
    assert!(matches!(
        ctx.export(b"", 255 * 32 + 1),
        Err(Error::InvalidLength { .. })
    ));
    let (_, ctx) = pq
        .setup_sender(mlkem.public_key(), b"", None, None)
        .unwrap();
    assert!(matches!(
        ctx.export(b"", 65536),
        Err(Error::InvalidLength { .. })
    ));
    assert_eq!(ctx.export(b"", 65535).unwrap().len(), 65535);
}

/// RFC 9180 section 5.1 (VerifyPSKInputs) and 5.1.2 (at least 32 bytes).
#[test]
fn psk_rules() {
    let suite = Suite::new(Kem::DhkemP256, Kdf::HkdfSha256, Aead::Aes256Gcm);
    let sk = PrivateKey::generate(Kem::DhkemP256).unwrap();
    let long = [1u8; 32];
    for (psk, id) in [
        (&long[..], &b""[..]),
        (&b""[..], &b"id"[..]),
        (&long[..31], &b"id"[..]),
    ] {
        let p = Some(Psk { psk, psk_id: id });
        assert!(
            matches!(
                suite.setup_sender(sk.public_key(), b"", p, None),
                Err(Error::InvalidParameter { .. })
            ),
            "psk {} bytes, id {} bytes",
            psk.len(),
            id.len()
        );
    }
    // An empty Psk in psk mode is "missing required PSK input".
    let empty = Some(Psk {
        psk: b"",
        psk_id: b"",
    });
    assert!(matches!(
        suite.setup_sender(sk.public_key(), b"", empty, None),
        Err(Error::InvalidParameter { .. })
    ));
    // A PSK on one side only fails to open.
    let p = Some(Psk {
        psk: &long,
        psk_id: b"id",
    });
    let (enc, ct) = suite
        .seal(sk.public_key(), b"", b"", b"m", p, None)
        .unwrap();
    assert_eq!(
        suite.open(&enc, &sk, b"", b"", &ct, None, None),
        Err(Error::InvalidTag)
    );
    assert_eq!(suite.open(&enc, &sk, b"", b"", &ct, p, None).unwrap(), b"m");
}

/// The last sequence number is refused, on both sides (test hook).
#[cfg(feature = "test-hooks")]
#[test]
fn sequence_overflow_is_refused() {
    let suite = Suite::new(Kem::MlKem768X25519, Kdf::TurboShake128, Aead::Aes128Gcm);
    let sk = PrivateKey::generate(Kem::MlKem768X25519).unwrap();
    let (enc, mut tx) = suite
        .setup_sender(sk.public_key(), b"", None, None)
        .unwrap();
    let mut rx = suite.setup_recipient(&enc, &sk, b"", None, None).unwrap();
    tx.set_sequence_number(u64::MAX - 1);
    rx.set_sequence_number(u64::MAX - 1);
    let ct = tx.seal(b"", b"last").unwrap();
    assert_eq!(rx.open(b"", &ct).unwrap(), b"last");
    assert_eq!(tx.seal(b"", b"one more"), Err(Error::MessageLimitReached));
    assert_eq!(rx.open(b"", &ct), Err(Error::MessageLimitReached));
    // A failed open does not advance the sequence number.
    let (enc, mut tx) = suite
        .setup_sender(sk.public_key(), b"", None, None)
        .unwrap();
    let mut rx = suite.setup_recipient(&enc, &sk, b"", None, None).unwrap();
    let ct = tx.seal(b"", b"m").unwrap();
    assert_eq!(rx.open(b"x", &ct), Err(Error::InvalidTag));
    assert_eq!(rx.sequence_number(), 0);
    assert_eq!(rx.open(b"", &ct).unwrap(), b"m");
}
