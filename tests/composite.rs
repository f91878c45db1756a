//! Composite ML-DSA (draft-ietf-lamps-pq-composite-sigs): every vector of
//! `composite-sigs/testvectors.json` (read in place), certificates that
//! verify with their own key, non-separability, mismatched halves, strict
//! encodings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use base64::Engine as _;
use der::{Decode, Encode};
use pqfence::composite::{
    self, encoding, CompositeAlgorithm, CompositeParams, SigningKey, VerifyingKey,
};
use pqfence::composite::{
    MlDsa44EcdsaP256Sha256, MlDsa44Ed25519Sha512, MlDsa44Rsa2048Pkcs15Sha256,
    MlDsa44Rsa2048PssSha256, MlDsa65EcdsaBrainpoolP256r1Sha512, MlDsa65EcdsaP256Sha512,
    MlDsa65EcdsaP384Sha512, MlDsa65Ed25519Sha512, MlDsa65Rsa3072Pkcs15Sha512,
    MlDsa65Rsa3072PssSha512, MlDsa65Rsa4096Pkcs15Sha512, MlDsa65Rsa4096PssSha512,
    MlDsa87EcdsaBrainpoolP384r1Sha512, MlDsa87EcdsaP384Sha512, MlDsa87EcdsaP521Sha512,
    MlDsa87Ed448Shake256, MlDsa87Rsa3072PssSha512, MlDsa87Rsa4096PssSha512,
};
use pqfence::encoding::AlgorithmId;
use pqfence::mldsa::{self, DsaParams, MlDsa44, MlDsa65, MlDsa87};
use pqfence::Error;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------

struct Vectors {
    m: Vec<u8>,
    ctx: Vec<u8>,
    tests: Vec<Value>,
}

fn b64(v: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(v.as_str().expect("base64 string"))
        .expect("base64")
}

fn vectors() -> Option<Vectors> {
    let dir = common::vectors_dir()?;
    let v = common::read_json(&dir.join("composite-sigs/testvectors.json"));
    Some(Vectors {
        m: b64(&v["m"]),
        ctx: b64(&v["ctx"]),
        tests: v["tests"].as_array().expect("tests").clone(),
    })
}

/// One vector's fields, decoded.
struct Case {
    id: String,
    pk: Vec<u8>,
    x5c: Vec<u8>,
    sk: Vec<u8>,
    sk_pkcs8: Vec<u8>,
    s: Vec<u8>,
    s_ctx: Vec<u8>,
}

impl Case {
    fn new(t: &Value) -> Self {
        Case {
            id: t["tcId"].as_str().expect("tcId").to_string(),
            pk: b64(&t["pk"]),
            x5c: b64(&t["x5c"]),
            sk: b64(&t["sk"]),
            sk_pkcs8: b64(&t["sk_pkcs8"]),
            s: b64(&t["s"]),
            s_ctx: b64(&t["sWithContext"]),
        }
    }
}

type Runner = fn(&Case, &[u8], &[u8]);

macro_rules! all_composites {
    ($f:ident) => {
        vec![
            $f::<MlDsa44Rsa2048PssSha256>(),
            $f::<MlDsa44Rsa2048Pkcs15Sha256>(),
            $f::<MlDsa44Ed25519Sha512>(),
            $f::<MlDsa44EcdsaP256Sha256>(),
            $f::<MlDsa65Rsa3072PssSha512>(),
            $f::<MlDsa65Rsa3072Pkcs15Sha512>(),
            $f::<MlDsa65Rsa4096PssSha512>(),
            $f::<MlDsa65Rsa4096Pkcs15Sha512>(),
            $f::<MlDsa65EcdsaP256Sha512>(),
            $f::<MlDsa65EcdsaP384Sha512>(),
            $f::<MlDsa65EcdsaBrainpoolP256r1Sha512>(),
            $f::<MlDsa65Ed25519Sha512>(),
            $f::<MlDsa87EcdsaP384Sha512>(),
            $f::<MlDsa87EcdsaBrainpoolP384r1Sha512>(),
            $f::<MlDsa87Ed448Shake256>(),
            $f::<MlDsa87Rsa3072PssSha512>(),
            $f::<MlDsa87Rsa4096PssSha512>(),
            $f::<MlDsa87EcdsaP521Sha512>(),
        ]
    };
}

fn runner<C: CompositeParams>() -> (&'static CompositeAlgorithm, Runner) {
    (C::ALGORITHM, check_composite_vector::<C>)
}

fn plain<P: DsaParams + AlgorithmId>() -> (&'static str, Runner) {
    (P::NAME, check_mldsa_vector::<P>)
}

/// Parses the self-signed certificate; checks its signature algorithm and
/// SPKI algorithm are `oid` with parameters absent; returns (TBS DER, SPKI
/// DER, signature).
fn certificate(der: &[u8], oid: &der::oid::ObjectIdentifier) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let cert = x509_cert::Certificate::from_der(der).expect("x5c parses");
    assert_eq!(cert.signature_algorithm().oid, *oid);
    assert!(cert.signature_algorithm().parameters.is_none());
    assert_eq!(cert.tbs_certificate().signature().oid, *oid);
    let spki = cert.tbs_certificate().subject_public_key_info();
    assert_eq!(spki.algorithm.oid, *oid);
    assert!(spki.algorithm.parameters.is_none());
    assert_eq!(
        cert.tbs_certificate().subject(),
        cert.tbs_certificate().issuer()
    );
    let tbs = cert.tbs_certificate().to_der().unwrap();
    let sig = cert
        .signature()
        .as_bytes()
        .expect("no unused bits")
        .to_vec();
    (tbs, spki.to_der().unwrap(), sig)
}

fn check_composite_vector<C: CompositeParams>(c: &Case, m: &[u8], ctx: &[u8]) {
    let name = C::ALGORITHM.name;
    // `s` and `sWithContext` under `pk`...
    let vk = VerifyingKey::<C>::from_bytes(&c.pk).unwrap();
    assert_eq!(vk.as_bytes(), c.pk.as_slice());
    vk.verify(m, b"", &c.s)
        .unwrap_or_else(|e| panic!("{name} s: {e}"));
    vk.verify(m, ctx, &c.s_ctx)
        .unwrap_or_else(|e| panic!("{name} sWithContext: {e}"));
    // (each only with its own context)
    assert_eq!(vk.verify(m, ctx, &c.s), Err(Error::InvalidSignature));
    assert_eq!(vk.verify(m, b"", &c.s_ctx), Err(Error::InvalidSignature));
    assert_eq!(vk.verify(b"other", b"", &c.s), Err(Error::InvalidSignature));

    // ...and under the SPKI of the certificate, whose self-signature verifies.
    let (tbs, spki, cert_sig) = certificate(&c.x5c, &C::ALGORITHM.oid);
    let cert_vk = encoding::from_public_key_der::<C>(&spki).unwrap();
    assert_eq!(cert_vk, vk, "{name}: certificate key differs from pk");
    assert_eq!(encoding::to_public_key_der(&vk).unwrap().as_bytes(), spki);
    cert_vk.verify(m, b"", &c.s).unwrap();
    cert_vk.verify(m, ctx, &c.s_ctx).unwrap();
    cert_vk
        .verify(&tbs, b"", &cert_sig)
        .unwrap_or_else(|e| panic!("{name} certificate self-signature: {e}"));
    let mut bad_tbs = tbs.clone();
    *bad_tbs.last_mut().unwrap() ^= 1;
    assert!(cert_vk.verify(&bad_tbs, b"", &cert_sig).is_err());

    // `sk` and `sk_pkcs8` load (the same key, whose public key is `pk`).
    let sk = SigningKey::<C>::from_bytes(&c.sk).unwrap();
    assert_eq!(sk.verifying_key(), &vk, "{name}: sk does not give pk");
    assert_eq!(sk.to_bytes().unwrap().as_slice(), c.sk.as_slice());
    let sk8 = encoding::from_pkcs8_der::<C>(&c.sk_pkcs8).unwrap();
    assert_eq!(sk8, sk);
    assert_eq!(
        encoding::to_pkcs8_der(&sk).unwrap().as_bytes(),
        c.sk_pkcs8.as_slice()
    );
    // PEM round trips.
    let pem = encoding::to_pkcs8_pem(&sk).unwrap();
    assert_eq!(encoding::from_pkcs8_pem::<C>(&pem).unwrap(), sk);
    let any = encoding::load_private_key_pem(&pem).unwrap();
    assert_eq!(any.algorithm(), C::ALGORITHM);
    let pub_pem = encoding::to_public_key_pem(&vk).unwrap();
    assert_eq!(encoding::from_public_key_pem::<C>(&pub_pem).unwrap(), vk);
    assert_eq!(
        encoding::load_public_key_pem(&pub_pem).unwrap().as_bytes(),
        c.pk.as_slice()
    );

    // Sign anew with both loaded keys; the signature verifies under pk and
    // under the certificate's key.
    if C::ALGORITHM.can_sign {
        for key in [&sk, &sk8] {
            for context in [&b""[..], ctx] {
                let sig = key.sign(m, context).unwrap();
                vk.verify(m, context, sig.as_bytes()).unwrap();
                cert_vk.verify(m, context, sig.as_bytes()).unwrap();
                let det = key.sign_deterministic(m, context).unwrap();
                assert_eq!(det, key.sign_deterministic(m, context).unwrap());
                vk.verify(m, context, det.as_bytes()).unwrap();
            }
        }
        // A new certificate-style signature over the TBS.
        let sig = sk.sign(&tbs, b"").unwrap();
        cert_vk.verify(&tbs, b"", sig.as_bytes()).unwrap();
    } else {
        for r in [
            sk.sign(m, ctx).map(|_| ()),
            sk8.sign_deterministic(m, b"").map(|_| ()),
            SigningKey::<C>::generate().map(|_| ()),
        ] {
            assert!(
                matches!(r, Err(Error::UnsupportedAlgorithm { algorithm, .. }) if algorithm == name),
                "{name}: {r:?}"
            );
        }
    }
}

/// The three plain ML-DSA vectors (for debugging, the draft says).
fn check_mldsa_vector<P: DsaParams + AlgorithmId>(c: &Case, m: &[u8], ctx: &[u8]) {
    let vk = mldsa::VerifyingKey::<P>::from_bytes(&c.pk).unwrap();
    vk.verify(m, b"", &c.s).unwrap();
    vk.verify(m, ctx, &c.s_ctx).unwrap();
    let oid = pqfence::encoding::algorithm_by_name(P::NAME).unwrap().oid;
    let (tbs, spki, cert_sig) = certificate(&c.x5c, &oid);
    let cert_vk: mldsa::VerifyingKey<P> = pqfence::encoding::from_public_key_der(&spki).unwrap();
    assert_eq!(cert_vk, vk);
    cert_vk.verify(&tbs, b"", &cert_sig).unwrap();
    let sk = mldsa::SigningKey::<P>::from_seed(&c.sk).unwrap();
    assert_eq!(sk.verifying_key(), &vk);
    let sk8: mldsa::SigningKey<P> = pqfence::encoding::from_pkcs8_der(&c.sk_pkcs8).unwrap();
    assert_eq!(sk8, sk);
    let sig = sk8.sign(m, ctx).unwrap();
    cert_vk.verify(m, ctx, sig.as_bytes()).unwrap();
}

#[test]
fn every_vector() {
    let Some(v) = vectors() else { return };
    let composites = all_composites!(runner);
    let plains = [plain::<MlDsa44>(), plain::<MlDsa65>(), plain::<MlDsa87>()];
    let mut seen = Vec::new();
    for t in &v.tests {
        let c = Case::new(t);
        if let Some((_, run)) = composites.iter().find(|(a, _)| a.id == c.id) {
            run(&c, &v.m, &v.ctx);
        } else {
            let run = plains
                .iter()
                .find(|(n, _)| format!("id-{n}") == c.id)
                .unwrap_or_else(|| panic!("unknown tcId {}", c.id))
                .1;
            run(&c, &v.m, &v.ctx);
        }
        seen.push(c.id);
    }
    // Every composite algorithm has its vector, and the plain ML-DSA three.
    assert_eq!(seen.len(), 21);
    for a in composite::ALGORITHMS {
        assert!(seen.contains(&a.id.to_string()), "no vector for {}", a.id);
    }
}

// ---------------------------------------------------------------------------
// Non-separability, over the vectors (all eighteen, RSA included)
// ---------------------------------------------------------------------------

fn composite_cases(v: &Vectors) -> Vec<(&'static CompositeAlgorithm, Case)> {
    v.tests
        .iter()
        .map(Case::new)
        .filter_map(|c| {
            composite::ALGORITHMS
                .iter()
                .find(|a| a.id == c.id)
                .map(|a| (*a, c))
        })
        .collect()
}

fn ml_sig_len(name: &str) -> usize {
    match name {
        "ML-DSA-44" => MlDsa44::SIG_BYTES,
        "ML-DSA-65" => MlDsa65::SIG_BYTES,
        _ => MlDsa87::SIG_BYTES,
    }
}

fn ml_pk_len(name: &str) -> usize {
    match name {
        "ML-DSA-44" => MlDsa44::PK_BYTES,
        "ML-DSA-65" => MlDsa65::PK_BYTES,
        _ => MlDsa87::PK_BYTES,
    }
}

fn standalone_verify(
    alg: &CompositeAlgorithm,
    pk: &[u8],
    msg: &[u8],
    ctx: &[u8],
    sig: &[u8],
) -> bool {
    match alg.mldsa {
        "ML-DSA-44" => mldsa::VerifyingKey::<MlDsa44>::from_bytes(pk)
            .unwrap()
            .verify(msg, ctx, sig),
        "ML-DSA-65" => mldsa::VerifyingKey::<MlDsa65>::from_bytes(pk)
            .unwrap()
            .verify(msg, ctx, sig),
        _ => mldsa::VerifyingKey::<MlDsa87>::from_bytes(pk)
            .unwrap()
            .verify(msg, ctx, sig),
    }
    .is_ok()
}

#[test]
fn stripped_or_standalone_halves_fail() {
    let Some(v) = vectors() else { return };
    let cases = composite_cases(&v);
    assert_eq!(cases.len(), 18);
    for (alg, c) in &cases {
        let vk = composite::AnyVerifyingKey::from_bytes(alg, &c.pk).unwrap();
        let split = ml_sig_len(alg.mldsa);
        let (ml, trad) = c.s.split_at(split);
        let ml_pk = &c.pk[..ml_pk_len(alg.mldsa)];
        vk.verify(&v.m, b"", &c.s).unwrap();
        // Either half stripped, or blanked to the same length, or the
        // signature cut or extended by a byte: all fail.
        let mut bad: Vec<Vec<u8>> = vec![
            ml.to_vec(),
            trad.to_vec(),
            [ml, &vec![0u8; trad.len()]].concat(),
            [&vec![0u8; ml.len()][..], trad].concat(),
            c.s[..c.s.len() - 1].to_vec(),
            [&c.s[..], &[0u8]].concat(),
            Vec::new(),
        ];
        // The other vector signature's halves, swapped in.
        let (ml_ctx, trad_ctx) = c.s_ctx.split_at(split);
        bad.push([ml, trad_ctx].concat());
        bad.push([ml_ctx, trad].concat());
        for (i, b) in bad.iter().enumerate() {
            assert_eq!(
                vk.verify(&v.m, b"", b),
                Err(Error::InvalidSignature),
                "{}: variant {i}",
                alg.name
            );
        }
        // The ML-DSA half is no standalone ML-DSA signature: not over M with
        // any context, not over M' with the empty context; only over M' with
        // the label (the composite's own check).
        let ph = alg.prehash.digest(&v.m);
        let m_prime = composite::message_representative(alg.label, b"", &ph).unwrap();
        for (msg, ctx) in [
            (&v.m[..], &b""[..]),
            (&v.m[..], &v.ctx[..]),
            (&m_prime[..], &b""[..]),
        ] {
            assert!(!standalone_verify(alg, ml_pk, msg, ctx, ml), "{}", alg.name);
        }
        assert!(standalone_verify(alg, ml_pk, &m_prime, alg.label, ml));
        // The whole composite signature is no ML-DSA signature either.
        assert!(!standalone_verify(alg, ml_pk, &v.m, b"", &c.s));
    }
}

#[test]
fn signatures_moved_to_another_composite_fail() {
    let Some(v) = vectors() else { return };
    let cases = composite_cases(&v);
    let mut tried = 0;
    for (alg, c) in &cases {
        for other in composite::ALGORITHMS.iter().filter(|o| o.oid != alg.oid) {
            // Where the key's structure fits the other algorithm (the same
            // ML-DSA set and the same kind of traditional key, e.g. RSA-PSS
            // and RSA PKCS#1 v1.5 of the same size), the signature must not.
            if let Ok(vk) = composite::AnyVerifyingKey::from_bytes(other, &c.pk) {
                tried += 1;
                assert_eq!(
                    vk.verify(&v.m, b"", &c.s),
                    Err(Error::InvalidSignature),
                    "{} signature accepted as {}",
                    alg.name,
                    other.name
                );
            }
        }
    }
    // RSA-PSS <-> PKCS#1 v1.5 for MLDSA44-RSA2048, MLDSA65-RSA3072 and
    // MLDSA65-RSA4096, both ways.
    assert_eq!(tried, 6);
}
