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
    (C::COMPOSITE, check_composite_vector::<C>)
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
    let name = C::COMPOSITE.name;
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
    let (tbs, spki, cert_sig) = certificate(&c.x5c, &C::COMPOSITE.oid);
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
    assert_eq!(any.algorithm(), C::COMPOSITE);
    let pub_pem = encoding::to_public_key_pem(&vk).unwrap();
    assert_eq!(encoding::from_public_key_pem::<C>(&pub_pem).unwrap(), vk);
    assert_eq!(
        encoding::load_public_key_pem(&pub_pem).unwrap().as_bytes(),
        c.pk.as_slice()
    );

    // Sign anew with both loaded keys; the signature verifies under pk and
    // under the certificate's key.
    if C::COMPOSITE.can_sign {
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
    let oid = pqfence::encoding::algorithm_by_name(P::NAME)
        .unwrap()
        .oid
        .unwrap();
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

// ---------------------------------------------------------------------------
// Non-separability and mismatched halves, with generated keys
// ---------------------------------------------------------------------------

const MSG: &[u8] = b"tbsCertificate bytes";
const CTX: &[u8] = b"application context";

fn cat(a: &[u8], b: &[u8]) -> Vec<u8> {
    [a, b].concat()
}

/// Two fresh keys of `C`: each one's signature with a half taken from the
/// other's fails under both keys; a public key with one half from each
/// fails both signatures and is refused by both private keys, in
/// `check_public_key` and in a PKCS#8 v2 `publicKey` field.
fn swapped_halves<C: CompositeParams>() {
    let name = C::COMPOSITE.name;
    let sk1 = SigningKey::<C>::generate().unwrap();
    let sk2 = SigningKey::<C>::generate().unwrap();
    let (vk1, vk2) = (sk1.verifying_key(), sk2.verifying_key());
    let s1 = sk1.sign(MSG, CTX).unwrap();
    let s2 = sk2.sign(MSG, CTX).unwrap();
    vk1.verify(MSG, CTX, s1.as_bytes()).unwrap();
    vk2.verify(MSG, CTX, s2.as_bytes()).unwrap();
    assert_eq!(
        composite::Signature::<C>::from_bytes(s1.as_bytes()).unwrap(),
        s1
    );

    let mixed_sigs = [
        cat(s1.mldsa_signature(), s2.traditional_signature()),
        cat(s2.mldsa_signature(), s1.traditional_signature()),
    ];
    for sig in &mixed_sigs {
        for vk in [vk1, vk2] {
            assert_eq!(
                vk.verify(MSG, CTX, sig),
                Err(Error::InvalidSignature),
                "{name}"
            );
        }
    }

    let mixed_pk = cat(vk1.mldsa_key().as_bytes(), vk2.traditional_key_bytes());
    let vk_mixed = VerifyingKey::<C>::from_bytes(&mixed_pk).unwrap();
    for sig in [&s1, &s2] {
        assert_eq!(
            vk_mixed.verify(MSG, CTX, sig.as_bytes()),
            Err(Error::InvalidSignature)
        );
    }
    sk1.check_public_key(vk1.as_bytes()).unwrap();
    for (sk, pk) in [
        (&sk1, &mixed_pk),
        (&sk2, &mixed_pk),
        (&sk1, &vk2.as_bytes().to_vec()),
    ] {
        assert!(
            matches!(sk.check_public_key(pk), Err(Error::InvalidKey { .. })),
            "{name}"
        );
    }

    // OneAsymmetricKey v2 with a publicKey: accepted when it matches,
    // refused when either half differs.
    let raw = sk1.to_bytes().unwrap();
    let pkcs8_v2 = |public: &[u8]| {
        let mut pki = pkcs8::PrivateKeyInfoRef::new(
            spki::AlgorithmIdentifierRef {
                oid: C::COMPOSITE.oid,
                parameters: None,
            },
            der::asn1::OctetStringRef::new(&raw).unwrap(),
        );
        pki.public_key = Some(der::asn1::BitStringRef::from_bytes(public).unwrap());
        pki.to_der().unwrap()
    };
    assert_eq!(
        encoding::from_pkcs8_der::<C>(&pkcs8_v2(vk1.as_bytes())).unwrap(),
        sk1
    );
    let other_ml = cat(vk2.mldsa_key().as_bytes(), vk1.traditional_key_bytes());
    for public in [&mixed_pk, &other_ml] {
        assert!(
            matches!(
                encoding::from_pkcs8_der::<C>(&pkcs8_v2(public)),
                Err(Error::InvalidKey { .. })
            ),
            "{name}"
        );
    }

    // Secrets: redacted Debug, constant-time equality by value.
    let dbg = format!("{sk1:?}");
    assert!(dbg.contains("REDACTED") && !dbg.contains(&hex::encode(&raw[..8])));
    assert_eq!(SigningKey::<C>::from_bytes(&raw).unwrap(), sk1);
    assert_ne!(sk1, sk2);
    // The context is at most 255 bytes, in both directions.
    let long = [0u8; 256];
    assert_eq!(
        sk1.sign(MSG, &long).unwrap_err(),
        Error::ContextTooLong { actual: 256 }
    );
    assert_eq!(
        vk1.verify(MSG, &long, s1.as_bytes()),
        Err(Error::ContextTooLong { actual: 256 })
    );
    let s255 = sk1.sign(MSG, &long[..255]).unwrap();
    vk1.verify(MSG, &long[..255], s255.as_bytes()).unwrap();
    // External pre-hashing gives the same signatures.
    let ph = composite::prehash::<C>(MSG);
    let mut h = composite::prehasher::<C>();
    h.update(&MSG[..4]);
    h.update(&MSG[4..]);
    assert_eq!(h.finalize(), ph);
    let det = sk1.sign_deterministic(MSG, CTX).unwrap();
    assert_eq!(sk1.sign_prehashed(&ph, CTX, true).unwrap(), det);
    vk1.verify_prehashed(&ph, CTX, s1.as_bytes()).unwrap();
}

/// The ML-DSA half of a `C1` signature, with a valid traditional half of a
/// `C2` key, under a `C2` public key holding the `C1` ML-DSA key (key
/// reuse across composites, which the draft forbids): the label binds the
/// ML-DSA half to `C1`, so it fails.
fn mldsa_half_moved<C1: CompositeParams, C2: CompositeParams>() {
    assert_eq!(C1::COMPOSITE.mldsa, C2::COMPOSITE.mldsa);
    let sk1 = SigningKey::<C1>::generate().unwrap();
    let sk2 = SigningKey::<C2>::generate().unwrap();
    let s1 = sk1.sign(MSG, CTX).unwrap();
    let s2 = sk2.sign(MSG, CTX).unwrap();
    let pk = cat(
        sk1.verifying_key().mldsa_key().as_bytes(),
        sk2.verifying_key().traditional_key_bytes(),
    );
    let vk = VerifyingKey::<C2>::from_bytes(&pk).unwrap();
    let sig = cat(s1.mldsa_signature(), s2.traditional_signature());
    assert_eq!(vk.verify(MSG, CTX, &sig), Err(Error::InvalidSignature));
}

/// The same for the traditional half: a `C1` traditional signature under a
/// `C2` key holding the `C1` traditional key fails (M' carries the label).
fn traditional_half_moved<C1: CompositeParams, C2: CompositeParams>() {
    assert_eq!(C1::COMPOSITE.traditional, C2::COMPOSITE.traditional);
    let sk1 = SigningKey::<C1>::generate().unwrap();
    let sk2 = SigningKey::<C2>::generate().unwrap();
    let s1 = sk1.sign(MSG, CTX).unwrap();
    let s2 = sk2.sign(MSG, CTX).unwrap();
    let pk = cat(
        sk2.verifying_key().mldsa_key().as_bytes(),
        sk1.verifying_key().traditional_key_bytes(),
    );
    let vk = VerifyingKey::<C2>::from_bytes(&pk).unwrap();
    let sig = cat(s2.mldsa_signature(), s1.traditional_signature());
    assert_eq!(vk.verify(MSG, CTX, &sig), Err(Error::InvalidSignature));
    // Control: the C2 halves together verify under that key's own halves.
    let own = VerifyingKey::<C2>::from_bytes(sk2.verifying_key().as_bytes()).unwrap();
    own.verify(MSG, CTX, s2.as_bytes()).unwrap();
}

#[test]
fn swapped_halves_fail_every_signing_composite() {
    swapped_halves::<MlDsa44Ed25519Sha512>();
    swapped_halves::<MlDsa44EcdsaP256Sha256>();
    swapped_halves::<MlDsa65EcdsaP256Sha512>();
    swapped_halves::<MlDsa65EcdsaP384Sha512>();
    swapped_halves::<MlDsa65EcdsaBrainpoolP256r1Sha512>();
    swapped_halves::<MlDsa65Ed25519Sha512>();
    swapped_halves::<MlDsa87EcdsaP384Sha512>();
    swapped_halves::<MlDsa87EcdsaBrainpoolP384r1Sha512>();
    swapped_halves::<MlDsa87Ed448Shake256>();
    swapped_halves::<MlDsa87EcdsaP521Sha512>();
}

#[test]
fn halves_moved_to_another_composite_fail() {
    mldsa_half_moved::<MlDsa44Ed25519Sha512, MlDsa44EcdsaP256Sha256>();
    mldsa_half_moved::<MlDsa65EcdsaP256Sha512, MlDsa65Ed25519Sha512>();
    mldsa_half_moved::<MlDsa65EcdsaP384Sha512, MlDsa65EcdsaBrainpoolP256r1Sha512>();
    mldsa_half_moved::<MlDsa87Ed448Shake256, MlDsa87EcdsaP384Sha512>();
    mldsa_half_moved::<MlDsa87EcdsaP521Sha512, MlDsa87EcdsaBrainpoolP384r1Sha512>();
    traditional_half_moved::<MlDsa44Ed25519Sha512, MlDsa65Ed25519Sha512>();
    traditional_half_moved::<MlDsa65Ed25519Sha512, MlDsa44Ed25519Sha512>();
    traditional_half_moved::<MlDsa44EcdsaP256Sha256, MlDsa65EcdsaP256Sha512>();
    traditional_half_moved::<MlDsa65EcdsaP384Sha512, MlDsa87EcdsaP384Sha512>();
}

/// The traditional half alone, through its own crate: it verifies only over
/// M' (which starts with the composite prefix), never over the message.
#[test]
fn traditional_half_is_over_m_prime_only() {
    use ed25519_dalek::Verifier;
    let sk = SigningKey::<MlDsa65Ed25519Sha512>::generate().unwrap();
    let sig = sk.sign(MSG, CTX).unwrap();
    let vk = sk.verifying_key();
    let ed =
        ed25519_dalek::VerifyingKey::from_bytes(vk.traditional_key_bytes().try_into().unwrap())
            .unwrap();
    let ed_sig = ed25519_dalek::Signature::from_slice(sig.traditional_signature()).unwrap();
    assert!(ed.verify(MSG, &ed_sig).is_err());
    let alg = MlDsa65Ed25519Sha512::COMPOSITE;
    let m_prime =
        composite::message_representative(alg.label, CTX, &alg.prehash.digest(MSG)).unwrap();
    assert!(m_prime.starts_with(composite::PREFIX));
    ed.verify(&m_prime, &ed_sig).unwrap();
}

// ---------------------------------------------------------------------------
// Mismatched halves and strict encodings
// ---------------------------------------------------------------------------

fn case(v: &Vectors, id: &str) -> Case {
    Case::new(v.tests.iter().find(|t| t["tcId"] == id).expect("tcId"))
}

fn is_key_error<T: core::fmt::Debug>(r: &Result<T, Error>) -> bool {
    matches!(
        r,
        Err(Error::InvalidKey { .. } | Error::InvalidLength { .. } | Error::InvalidEncoding { .. })
    )
}

#[test]
fn private_keys_with_foreign_or_inconsistent_halves_are_refused() {
    let Some(v) = vectors() else { return };
    let p256 = case(&v, "id-MLDSA65-ECDSA-P256-SHA512");
    let bp256 = case(&v, "id-MLDSA65-ECDSA-brainpoolP256r1-SHA512");
    let p384 = case(&v, "id-MLDSA65-ECDSA-P384-SHA512");
    let rsa2048 = case(&v, "id-MLDSA44-RSA2048-PSS-SHA256");
    let rsa3072 = case(&v, "id-MLDSA65-RSA3072-PSS-SHA512");
    let ed25519 = case(&v, "id-MLDSA65-Ed25519-SHA512");
    let (seed, ec) = p256.sk.split_at(32);

    // A traditional half of another curve or algorithm, behind a good seed.
    assert!(is_key_error(
        &SigningKey::<MlDsa65EcdsaP384Sha512>::from_bytes(&p256.sk)
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa65EcdsaBrainpoolP256r1Sha512>::from_bytes(&p256.sk)
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa65EcdsaP256Sha512>::from_bytes(&bp256.sk)
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa65EcdsaP256Sha512>::from_bytes(&p384.sk)
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa65Rsa3072PssSha512>::from_bytes(&rsa2048.sk)
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa87Ed448Shake256>::from_bytes(&ed25519.sk)
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa65Ed25519Sha512>::from_bytes(&ed25519.sk[..63])
    ));
    assert!(is_key_error(
        &SigningKey::<MlDsa65Ed25519Sha512>::from_bytes(&ed25519.sk[..32])
    ));

    // An ECPrivateKey carrying a public key: accepted when it is its own,
    // refused when it is another key's.
    let parsed = sec1::EcPrivateKey::from_der(ec).unwrap();
    let own_point = &p256.pk[MlDsa65::PK_BYTES..];
    let other_point = &composite::SigningKey::<MlDsa65EcdsaP256Sha512>::generate()
        .unwrap()
        .verifying_key()
        .traditional_key_bytes()
        .to_vec();
    for (point, ok) in [(own_point, true), (other_point.as_slice(), false)] {
        let with_pk = sec1::EcPrivateKey {
            public_key: Some(point),
            ..parsed.clone()
        };
        let sk = cat(seed, &with_pk.to_der().unwrap());
        let r = SigningKey::<MlDsa65EcdsaP256Sha512>::from_bytes(&sk);
        assert_eq!(r.is_ok(), ok);
        if !ok {
            assert!(matches!(r, Err(Error::InvalidKey { .. })));
        }
    }
    // Without the named curve, or naming another one.
    for params in [
        None,
        Some(sec1::EcParameters::NamedCurve(
            der::oid::ObjectIdentifier::new_unwrap("1.3.132.0.34"),
        )),
    ] {
        let ec2 = sec1::EcPrivateKey {
            parameters: params,
            ..parsed.clone()
        };
        let sk = cat(seed, &ec2.to_der().unwrap());
        assert!(is_key_error(
            &SigningKey::<MlDsa65EcdsaP256Sha512>::from_bytes(&sk)
        ));
    }

    // An RSA private key whose CRT coefficient (its last INTEGER) was
    // altered still parses as DER, but no longer matches its primes.
    let mut bad = rsa3072.sk.clone();
    *bad.last_mut().unwrap() ^= 0x01;
    assert!(matches!(
        SigningKey::<MlDsa65Rsa3072PssSha512>::from_bytes(&bad),
        Err(Error::InvalidKey { .. })
    ));
    SigningKey::<MlDsa65Rsa3072PssSha512>::from_bytes(&rsa3072.sk).unwrap();
}

#[test]
fn public_keys_and_signatures_are_strict() {
    let Some(v) = vectors() else { return };
    let p256 = case(&v, "id-MLDSA65-ECDSA-P256-SHA512");
    let rsa3072 = case(&v, "id-MLDSA65-RSA3072-PSS-SHA512");
    let ed448 = case(&v, "id-MLDSA87-Ed448-SHAKE256");
    let (ml, point) = p256.pk.split_at(MlDsa65::PK_BYTES);

    // Compressed and hybrid points, points off the curve, wrong lengths.
    let mut compressed = vec![0x02 | (point[64] & 1)];
    compressed.extend_from_slice(&point[1..33]);
    let mut hybrid = point.to_vec();
    hybrid[0] = 0x06 | (point[64] & 1);
    let mut off_curve = point.to_vec();
    off_curve[64] ^= 1;
    for bad in [
        compressed,
        hybrid,
        off_curve,
        point[..64].to_vec(),
        Vec::new(),
    ] {
        let r = VerifyingKey::<MlDsa65EcdsaP256Sha512>::from_bytes(&cat(ml, &bad));
        assert!(is_key_error(&r), "{r:?}");
    }
    // A P-256 point is no brainpoolP256r1 point.
    assert!(is_key_error(&VerifyingKey::<
        MlDsa65EcdsaBrainpoolP256r1Sha512,
    >::from_bytes(&p256.pk)));
    // RSA: a modulus of another size, a public key with trailing data.
    let rsa2048 = case(&v, "id-MLDSA44-RSA2048-PSS-SHA256");
    let rsa_part = &rsa2048.pk[MlDsa44::PK_BYTES..];
    assert!(is_key_error(
        &VerifyingKey::<MlDsa65Rsa3072PssSha512>::from_bytes(&cat(
            &rsa3072.pk[..MlDsa65::PK_BYTES],
            rsa_part
        ))
    ));
    assert!(is_key_error(
        &VerifyingKey::<MlDsa65Rsa3072PssSha512>::from_bytes(&cat(&rsa3072.pk, &[0]))
    ));
    // Ed448: one byte short or long.
    assert!(is_key_error(
        &VerifyingKey::<MlDsa87Ed448Shake256>::from_bytes(&ed448.pk[..ed448.pk.len() - 1])
    ));
    assert!(is_key_error(
        &VerifyingKey::<MlDsa87Ed448Shake256>::from_bytes(&cat(&ed448.pk, &[0]))
    ));

    // ECDSA: a non-minimal DER INTEGER (an extra leading zero in r) is
    // refused, though it denotes the same signature.
    let vk = VerifyingKey::<MlDsa65EcdsaP256Sha512>::from_bytes(&p256.pk).unwrap();
    let (ml_sig, der_sig) = p256.s.split_at(MlDsa65::SIG_BYTES);
    assert_eq!(der_sig[0], 0x30);
    let r_len = der_sig[3] as usize;
    let mut stretched = vec![0x30, der_sig[1] + 1, 0x02, (r_len + 1) as u8, 0x00];
    stretched.extend_from_slice(&der_sig[4..]);
    assert_eq!(
        vk.verify(&v.m, b"", &cat(ml_sig, &stretched)),
        Err(Error::InvalidSignature)
    );
    // RSA: a signature one byte short, or with a leading zero added.
    let vk = VerifyingKey::<MlDsa65Rsa3072PssSha512>::from_bytes(&rsa3072.pk).unwrap();
    let (ml_sig, rsa_sig) = rsa3072.s.split_at(MlDsa65::SIG_BYTES);
    for bad in [rsa_sig[1..].to_vec(), cat(&[0], rsa_sig)] {
        assert_eq!(
            vk.verify(&v.m, b"", &cat(ml_sig, &bad)),
            Err(Error::InvalidSignature)
        );
    }
    // Signature lengths outside the algorithm's bounds do not load.
    assert!(matches!(
        composite::Signature::<MlDsa65Rsa3072PssSha512>::from_bytes(&rsa3072.s[1..]),
        Err(Error::InvalidLength { .. })
    ));
}

#[test]
fn key_files_name_their_own_algorithm() {
    let Some(v) = vectors() else { return };
    let p256 = case(&v, "id-MLDSA65-ECDSA-P256-SHA512");
    // A composite key file read as another composite, or as plain ML-DSA.
    assert!(matches!(
        encoding::from_pkcs8_der::<MlDsa65EcdsaP384Sha512>(&p256.sk_pkcs8),
        Err(Error::InvalidEncoding { .. })
    ));
    let (_, spki, _) = certificate(&p256.x5c, &MlDsa65EcdsaP256Sha512::COMPOSITE.oid);
    assert!(matches!(
        encoding::from_public_key_der::<MlDsa65EcdsaBrainpoolP256r1Sha512>(&spki),
        Err(Error::InvalidEncoding { .. })
    ));
    // The catalogue's loaders know the composites (their rows are in
    // rust/algorithms.rs): by OID, the right key.
    let any_pk = pqfence::encoding::load_public_key_der(&spki).unwrap();
    assert!(matches!(
        any_pk,
        pqfence::encoding::AnyPublicKey::MlDsa65EcdsaP256Sha512(_)
    ));
    assert_eq!(any_pk.as_bytes(), p256.pk.as_slice());
    let any_sk = pqfence::encoding::load_private_key_der(&p256.sk_pkcs8, None).unwrap();
    assert_eq!(any_sk.algorithm().name, "MLDSA65-ECDSA-P256-SHA512");
    assert_eq!(
        any_sk
            .to_pkcs8_der(pqfence::encoding::PrivateKeyForm::Seed)
            .unwrap()
            .as_bytes(),
        p256.sk_pkcs8.as_slice()
    );
    // And a plain ML-DSA key file is no composite.
    let plain = case(&v, "id-ML-DSA-65");
    assert!(matches!(
        encoding::load_private_key_der(&plain.sk_pkcs8),
        Err(Error::UnknownAlgorithm { .. })
    ));
    // Parameters present in the AlgorithmIdentifier are refused.
    let pki = pkcs8::PrivateKeyInfoRef::from_der(&p256.sk_pkcs8).unwrap();
    let null = der::asn1::Null;
    let with_params = pkcs8::PrivateKeyInfoRef::new(
        spki::AlgorithmIdentifierRef {
            oid: pki.algorithm.oid,
            parameters: Some(der::asn1::AnyRef::from(null)),
        },
        pki.private_key,
    );
    assert!(matches!(
        encoding::from_pkcs8_der::<MlDsa65EcdsaP256Sha512>(&with_params.to_der().unwrap()),
        Err(Error::InvalidEncoding { .. })
    ));
}

#[test]
fn registry() {
    let algs = composite::ALGORITHMS;
    assert_eq!(algs.len(), 18);
    for (i, a) in algs.iter().enumerate() {
        assert_eq!(a.oid.to_string(), format!("1.3.6.1.5.5.7.6.{}", 37 + i));
        assert_eq!(a.id, format!("id-{}", a.name));
        assert_eq!(
            a.label,
            format!("COMPSIG-{}", a.name)
                .replace("brainpoolP", "BP")
                .replace("r1", "")
                .as_bytes()
        );
        assert_eq!(a.can_sign, !a.name.contains("RSA"));
        for name in [
            a.name.to_string(),
            a.id.to_string(),
            a.name.to_lowercase(),
            a.oid.to_string(),
        ] {
            assert_eq!(composite::algorithm_by_name(&name).unwrap(), *a);
        }
        assert_eq!(composite::algorithm_by_oid(&a.oid).unwrap(), *a);
        for b in &algs[i + 1..] {
            assert!(a.name != b.name && a.label != b.label && a.oid != b.oid);
        }
    }
    assert!(matches!(
        composite::algorithm_by_name("MLDSA65-X25519"),
        Err(Error::UnknownAlgorithm { .. })
    ));
    // The vectors' sizes are within the table's bounds.
    let Some(v) = vectors() else { return };
    for (a, c) in composite_cases(&v) {
        let within = |n: usize, (lo, hi): (usize, usize)| lo <= n && n <= hi;
        assert!(within(c.pk.len(), a.public_key_len), "{}", a.name);
        assert!(within(c.s.len(), a.signature_len), "{}", a.name);
        assert!(within(c.s_ctx.len(), a.signature_len), "{}", a.name);
    }
}

// ---------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------

#[test]
fn keys_are_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SigningKey<MlDsa87EcdsaP521Sha512>>();
    send_sync::<SigningKey<MlDsa65Rsa3072PssSha512>>();
    send_sync::<VerifyingKey<MlDsa87Ed448Shake256>>();
    send_sync::<composite::Signature<MlDsa44Ed25519Sha512>>();
    send_sync::<composite::AnySigningKey>();
    send_sync::<composite::AnyVerifyingKey>();

    let sk = std::sync::Arc::new(SigningKey::<MlDsa65EcdsaP256Sha512>::generate().unwrap());
    let expected: Vec<_> = (0u8..8)
        .map(|i| sk.sign_deterministic(&[i; 100], CTX).unwrap())
        .collect();
    let handles: Vec<_> = (0u8..4)
        .map(|t| {
            let sk = sk.clone();
            std::thread::spawn(move || {
                (0u8..8)
                    .map(|i| {
                        let msg = [(i + t) % 8; 100];
                        let hedged = sk.sign(&msg, CTX).unwrap();
                        sk.verifying_key()
                            .verify(&msg, CTX, hedged.as_bytes())
                            .unwrap();
                        ((i + t) % 8, sk.sign_deterministic(&msg, CTX).unwrap())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for h in handles {
        for (i, sig) in h.join().unwrap() {
            assert_eq!(sig, expected[usize::from(i)]);
        }
    }
}
