//! ML-KEM through the Rust API: every record of the pyca/cryptography KAT files
//! and every ACVP test, plus the input checks and bad-input behaviour.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{acvp_cases, read_rsp, unhex, vectors_dir, AcvpCase};
use pqfence::mlkem::{
    Ciphertext, DecapsulationKey, EncapsulationKey, KemParams, MlKem1024, MlKem512, MlKem768,
};
use pqfence::{ByteArray, Error};

/// Runs `$f::<P>` for the parameter set named `$name`.
macro_rules! for_set {
    ($name:expr, $f:ident, $($arg:expr),*) => {
        match $name {
            "ML-KEM-512" => $f::<MlKem512>($($arg),*),
            "ML-KEM-768" => $f::<MlKem768>($($arg),*),
            "ML-KEM-1024" => $f::<MlKem1024>($($arg),*),
            other => panic!("unknown parameter set {other}"),
        }
    };
}

fn kat_record<P: KemParams>(r: &std::collections::HashMap<String, String>) {
    let seed = [unhex(&r["d"]), unhex(&r["z"])].concat();
    let dk = DecapsulationKey::<P>::from_seed(&seed).unwrap();
    assert_eq!(
        dk.encapsulation_key().as_bytes(),
        unhex(&r["pk"]),
        "pk, count {}",
        r["count"]
    );
    assert_eq!(
        dk.expanded_bytes().expose().as_ref(),
        unhex(&r["sk"]).as_slice()
    );
    let m: [u8; 32] = unhex(&r["msg"]).try_into().unwrap();
    let (ss, ct) = dk
        .encapsulation_key()
        .encapsulate_deterministic(&m)
        .unwrap();
    assert_eq!(ct.as_bytes(), unhex(&r["ct"]));
    assert_eq!(ss.expose().as_slice(), unhex(&r["ss"]).as_slice());
    assert_eq!(
        dk.decapsulate_bytes(&unhex(&r["ct"]))
            .unwrap()
            .expose()
            .as_slice(),
        unhex(&r["ss"]).as_slice()
    );
    // Implicit rejection: the invalid ciphertext gives J(z || c).
    let ssn = dk.decapsulate_bytes(&unhex(&r["ct_n"])).unwrap();
    assert_eq!(ssn.expose().as_slice(), unhex(&r["ss_n"]).as_slice());
    // The expanded key alone does the same (its ek expanded from the bytes,
    // not by key generation).
    let dk2 = DecapsulationKey::<P>::from_expanded_bytes(&unhex(&r["sk"])).unwrap();
    assert!(dk2.seed().is_none());
    assert_eq!(dk2, dk);
    assert_eq!(
        dk2.decapsulate_bytes(&unhex(&r["ct"])).unwrap().expose(),
        ss.expose()
    );
    assert_eq!(
        dk2.decapsulate_bytes(&unhex(&r["ct_n"])).unwrap().expose(),
        ssn.expose()
    );
    // And so does the public key loaded from its bytes.
    let ek = EncapsulationKey::<P>::from_bytes(&unhex(&r["pk"])).unwrap();
    let (ss2, ct2) = ek.encapsulate_deterministic(&m).unwrap();
    assert_eq!((ct2, ss2), (ct, ss));
    // Key generation's expansion of ek is the one loading it computes.
    #[cfg(feature = "test-hooks")]
    assert!(dk.encapsulation_key().expansion_is_fresh());
}

#[test]
fn kat_files_all_records() {
    let Some(dir) = vectors_dir() else { return };
    let mut total = 0;
    for (file, name) in [
        ("kat_MLKEM_512.rsp", "ML-KEM-512"),
        ("kat_MLKEM_768.rsp", "ML-KEM-768"),
        ("kat_MLKEM_1024.rsp", "ML-KEM-1024"),
    ] {
        let records = read_rsp(
            &dir.join("pyca-cryptography-vectors-50.0.2/MLKEM")
                .join(file),
        );
        assert_eq!(records.len(), 1000, "{file}");
        for r in &records {
            for_set!(name, kat_record, r);
        }
        total += records.len();
    }
    assert_eq!(total, 3000);
}

fn acvp_keygen<P: KemParams>(c: &AcvpCase) {
    let seed = [c.h("d"), c.h("z")].concat();
    let dk = DecapsulationKey::<P>::from_seed(&seed).unwrap();
    assert_eq!(dk.encapsulation_key().as_bytes(), c.h("ek"));
    assert_eq!(dk.expanded_bytes().expose().as_ref(), c.h("dk").as_slice());
}

fn acvp_encap_decap<P: KemParams>(c: &AcvpCase) {
    match c.group["function"].as_str().unwrap() {
        "encapsulation" => {
            let ek = EncapsulationKey::<P>::from_bytes(&c.h("ek")).unwrap();
            let m: [u8; 32] = c.h("m").try_into().unwrap();
            let (ss, ct) = ek.encapsulate_deterministic(&m).unwrap();
            assert_eq!(ct.as_bytes(), c.h("c"));
            assert_eq!(ss.expose().as_slice(), c.h("k").as_slice());
        }
        "decapsulation" => {
            let dk = DecapsulationKey::<P>::from_expanded_bytes(&c.h("dk")).unwrap();
            let ss = dk.decapsulate_bytes(&c.h("c")).unwrap();
            assert_eq!(ss.expose().as_slice(), c.h("k").as_slice());
        }
        "encapsulationKeyCheck" => {
            // ACVP encodes its "values too large" keys longer than the set's
            // ek size, so they are refused by the length check before the
            // modulus check; the modulus check itself is exercised below
            // (`round_trip_and_bad_input`) with correctly sized keys.
            let r = EncapsulationKey::<P>::from_bytes(&c.h("ek"));
            assert_eq!(r.is_ok(), c.b("testPassed"), "tcId {}", c.test["tcId"]);
            if let Err(e) = r {
                assert!(matches!(
                    e,
                    Error::InvalidKey { .. } | Error::InvalidLength { .. }
                ));
            }
        }
        "decapsulationKeyCheck" => {
            let r = DecapsulationKey::<P>::from_expanded_bytes(&c.h("dk"));
            assert_eq!(r.is_ok(), c.b("testPassed"), "tcId {}", c.test["tcId"]);
            if let Err(e) = r {
                assert!(matches!(e, Error::InvalidKey { .. }));
            }
        }
        other => panic!("unknown function {other}"),
    }
}

#[test]
fn acvp_all_tests() {
    let Some(dir) = vectors_dir() else { return };
    let acvp = dir.join("nist-acvp-server");
    let mut counts = std::collections::BTreeMap::new();
    for sub in [
        "2024-08_f381834_65370b8/ML-KEM-keyGen-FIPS203",
        "v1.1.0.40/ML-KEM-keyGen-FIPS203",
    ] {
        for c in acvp_cases(&acvp.join(sub)) {
            for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_keygen, &c);
            *counts.entry(sub).or_insert(0) += 1;
        }
    }
    for sub in [
        "2024-08_f381834_65370b8/ML-KEM-encapDecap-FIPS203",
        "v1.1.0.40/ML-KEM-encapDecap-FIPS203",
    ] {
        for c in acvp_cases(&acvp.join(sub)) {
            for_set!(
                c.group["parameterSet"].as_str().unwrap(),
                acvp_encap_decap,
                &c
            );
            *counts.entry(sub).or_insert(0) += 1;
        }
    }
    let expected = [
        ("2024-08_f381834_65370b8/ML-KEM-encapDecap-FIPS203", 105),
        ("2024-08_f381834_65370b8/ML-KEM-keyGen-FIPS203", 75),
        ("v1.1.0.40/ML-KEM-encapDecap-FIPS203", 165),
        ("v1.1.0.40/ML-KEM-keyGen-FIPS203", 75),
    ];
    assert_eq!(counts.into_iter().collect::<Vec<_>>(), expected);
}

fn round_trip_and_bad_input<P: KemParams>() {
    let dk = DecapsulationKey::<P>::generate().unwrap();
    let ek = dk.encapsulation_key();
    let (ss, ct) = ek.encapsulate().unwrap();
    assert_eq!(dk.decapsulate(&ct).unwrap(), ss);
    // Reload from the seed and from the expanded form.
    let seed = dk.seed().unwrap().expose().to_vec();
    assert_eq!(DecapsulationKey::<P>::from_seed(&seed).unwrap(), dk);
    // Wrong lengths are typed errors naming the expected size.
    for len in [0, 1, P::Ek::LEN - 1, P::Ek::LEN + 1] {
        match EncapsulationKey::<P>::from_bytes(&vec![0u8; len]) {
            Err(Error::InvalidLength {
                expected, actual, ..
            }) => {
                assert_eq!((expected, actual), (P::Ek::LEN, len));
            }
            other => panic!("expected InvalidLength, got {other:?}"),
        }
    }
    assert!(matches!(
        Ciphertext::<P>::from_bytes(&vec![0u8; P::Ct::LEN + 1]),
        Err(Error::InvalidLength { .. })
    ));
    assert!(matches!(
        DecapsulationKey::<P>::from_seed(&[0u8; 63]),
        Err(Error::InvalidLength {
            expected: 64,
            actual: 63,
            ..
        })
    ));
    assert!(matches!(
        dk.decapsulate_bytes(&vec![0u8; P::Ct::LEN - 1]),
        Err(Error::InvalidLength { .. })
    ));
    // An unreduced coefficient (12 bits all set = 4095 >= q) fails the modulus check.
    let mut bad = ek.as_bytes().to_vec();
    bad[0] = 0xff;
    bad[1] |= 0x0f;
    assert!(matches!(
        EncapsulationKey::<P>::from_bytes(&bad),
        Err(Error::InvalidKey { .. })
    ));
    // A decapsulation key whose stored H(ek) is altered fails the hash check.
    let mut bad_dk = dk.expanded_bytes().expose().as_ref().to_vec();
    let h_off = P::Dk::LEN - 64;
    bad_dk[h_off] ^= 1;
    assert!(matches!(
        DecapsulationKey::<P>::from_expanded_bytes(&bad_dk),
        Err(Error::InvalidKey { .. })
    ));
    // A tampered ciphertext decapsulates (implicit rejection) to another secret.
    let mut t = ct.as_bytes().to_vec();
    t[0] ^= 1;
    assert_ne!(dk.decapsulate_bytes(&t).unwrap(), ss);
    // Debug never shows secret bytes.
    let dbg = format!("{dk:?} {ss:?}");
    assert!(dbg.contains("REDACTED"));
}

/// dk = dk_pke || ek || H(ek) || z. A dk_pke from another key passes the
/// FIPS 203 hash check (ek and H(ek) are intact) but not the pairwise
/// consistency check that loading now runs.
fn foreign_secret_vector_is_refused<P: KemParams>() {
    let a = DecapsulationKey::<P>::from_seed(&[5; 64]).unwrap();
    let b = DecapsulationKey::<P>::from_seed(&[6; 64]).unwrap();
    let pke = P::Dk::LEN - P::Ek::LEN - 64;
    let mut mixed = a.expanded_bytes().expose().as_ref().to_vec();
    mixed[..pke].copy_from_slice(&b.expanded_bytes().expose().as_ref()[..pke]);
    let err = DecapsulationKey::<P>::from_expanded_bytes(&mixed).unwrap_err();
    assert!(
        matches!(err, Error::InvalidKey { reason } if reason.contains("does not match")),
        "{err:?}"
    );
    // The genuine expanded key still loads, and equals the original.
    let again =
        DecapsulationKey::<P>::from_expanded_bytes(a.expanded_bytes().expose().as_ref()).unwrap();
    assert_eq!(again.encapsulation_key(), a.encapsulation_key());
}

#[test]
fn expanded_key_with_a_foreign_secret_vector_is_refused() {
    foreign_secret_vector_is_refused::<MlKem512>();
    foreign_secret_vector_is_refused::<MlKem768>();
    foreign_secret_vector_is_refused::<MlKem1024>();
}

#[test]
fn round_trips_and_bad_input_all_sets() {
    round_trip_and_bad_input::<MlKem512>();
    round_trip_and_bad_input::<MlKem768>();
    round_trip_and_bad_input::<MlKem1024>();
}

/// splitmix64: reproducible pseudorandom test inputs.
#[cfg(feature = "test-hooks")]
struct Prng(u64);

#[cfg(feature = "test-hooks")]
impl Prng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn fill(&mut self, out: &mut [u8]) {
        for b in out {
            *b = self.next() as u8;
        }
    }
    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.fill(&mut out);
        out
    }
}

/// The API's cached paths (expanded ek, keygen_cached, encaps_cached,
/// decaps_cached) against the C entry points that expand nothing: the same
/// keys, ciphertexts and secrets, on valid, tampered and random ciphertexts and
/// on random (reduced) encapsulation keys.
#[cfg(feature = "test-hooks")]
fn cached_paths_agree<P: KemParams>(rng: &mut Prng, rounds: usize) {
    for round in 0..rounds {
        let dk = if round % 2 == 0 {
            DecapsulationKey::<P>::from_seed(&rng.bytes::<64>()).unwrap()
        } else {
            DecapsulationKey::<P>::generate().unwrap()
        };
        let seed = dk.seed().unwrap().expose().to_vec();
        let uncached = DecapsulationKey::<P>::from_seed_uncached(&seed).unwrap();
        assert_eq!(uncached, dk);
        let ek = dk.encapsulation_key();
        assert_eq!(uncached.encapsulation_key(), ek);
        assert!(ek.expansion_is_fresh());
        assert!(ek.clone().expansion_is_fresh());

        let m = rng.bytes::<32>();
        let (ss, ct) = ek.encapsulate_deterministic(&m).unwrap();
        let (ss_u, ct_u) = ek.encapsulate_uncached(&m).unwrap();
        assert_eq!((&ct, &ss), (&ct_u, &ss_u));
        assert_eq!(dk.decapsulate(&ct).unwrap(), ss);
        assert_eq!(dk.decapsulate_uncached(&ct).unwrap(), ss);

        let mut tampered = ct.as_bytes().to_vec();
        let bit = (rng.next() as usize) % (8 * tampered.len());
        tampered[bit / 8] ^= 1 << (bit % 8);
        let mut random = vec![0u8; P::Ct::LEN];
        rng.fill(&mut random);
        for c in [tampered, random] {
            let c = Ciphertext::<P>::from_bytes(&c).unwrap();
            let rejected = dk.decapsulate(&c).unwrap();
            assert_eq!(rejected, dk.decapsulate_uncached(&c).unwrap());
            assert_ne!(rejected, ss);
        }

        // A random encapsulation key: 12-bit values below q, then rho.
        let mut ek_bytes = vec![0u8; P::Ek::LEN];
        let (t, rho) = ek_bytes.split_at_mut(P::Ek::LEN - 32);
        for pair in t.chunks_exact_mut(3) {
            let a = (rng.next() % 3329) as u16;
            let b = (rng.next() % 3329) as u16;
            pair.copy_from_slice(&[a as u8, ((a >> 8) | (b << 4)) as u8, (b >> 4) as u8]);
        }
        rng.fill(rho);
        let ek = EncapsulationKey::<P>::from_bytes(&ek_bytes).unwrap();
        assert!(ek.expansion_is_fresh());
        let (ss, ct) = ek.encapsulate_deterministic(&m).unwrap();
        assert_eq!((ss, ct), ek.encapsulate_uncached(&m).unwrap());
    }
}

#[cfg(feature = "test-hooks")]
#[test]
fn cached_and_uncached_paths_agree() {
    let mut rng = Prng(0x5EED_CAC4E);
    cached_paths_agree::<MlKem512>(&mut rng, 40);
    cached_paths_agree::<MlKem768>(&mut rng, 40);
    cached_paths_agree::<MlKem1024>(&mut rng, 40);
}

#[cfg(feature = "test-hooks")]
#[test]
fn randomness_failure_is_a_typed_error() {
    pqfence::hooks::set_rng_failure(true);
    let r = DecapsulationKey::<MlKem768>::generate();
    pqfence::hooks::set_rng_failure(false);
    assert!(matches!(r, Err(Error::Randomness)));
}

#[cfg(feature = "test-hooks")]
#[test]
fn pairwise_consistency_check_catches_a_broken_key() {
    pqfence::hooks::set_keygen_corruption(true);
    let r512 = DecapsulationKey::<MlKem512>::generate();
    let r1024 = DecapsulationKey::<MlKem1024>::from_seed(&[7u8; 64]);
    pqfence::hooks::set_keygen_corruption(false);
    assert_eq!(
        r512.err(),
        Some(Error::PairwiseConsistency {
            algorithm: "ML-KEM-512"
        })
    );
    assert!(matches!(r1024, Err(Error::PairwiseConsistency { .. })));
    assert!(DecapsulationKey::<MlKem768>::generate().is_ok());
}
