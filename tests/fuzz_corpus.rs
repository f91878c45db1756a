//! Replays the committed fuzz corpora (fuzz/corpus/<target>/) through the fuzz
//! targets as an ordinary test, so every input the fuzzers kept is checked on
//! every `cargo test` (and under the sanitizers and valgrind by
//! `make assurance`). The targets are compiled from fuzz/src/targets.rs, the
//! file cargo-fuzz builds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../fuzz/src/targets.rs"]
#[allow(dead_code)]
mod targets;

use std::fs;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = corpus_dir().join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_target_has_a_corpus_and_replays_it() {
    let mut total = 0;
    for (name, run) in targets::TARGETS {
        let files = inputs(name);
        assert!(
            files.len() >= 4,
            "corpus of {name} has only {} inputs",
            files.len()
        );
        for f in &files {
            let data = fs::read(f).unwrap();
            run(&data);
        }
        total += files.len();
    }
    eprintln!("replayed {total} corpus inputs");
}

/// Edge cases every target must survive, whatever the corpus holds: empty
/// input, each selector alone, all-zero and all-one payloads of every size.
#[test]
fn edge_cases_never_panic() {
    for (_, run) in targets::TARGETS {
        run(&[]);
        for sel in 0..=255u8 {
            run(&[sel]);
        }
        let sets = u8::try_from(
            targets::KEMS
                .len()
                .max(targets::SIGS.len())
                .max(targets::SUITES.len()),
        )
        .unwrap();
        for len in [
            1usize, 31, 32, 33, 48, 64, 96, 128, 800, 897, 1632, 1793, 2178, 2420, 4098, 4896,
            6000, 7856,
        ] {
            for fill in [0u8, 0xff] {
                for sel in 0..sets {
                    let mut data = vec![fill; len + 1];
                    if let Some(first) = data.first_mut() {
                        *first = sel;
                    }
                    run(&data);
                }
            }
        }
    }
}

/// The targets can fail: an error that is not an input error, which pqfence
/// must never return for bad input, fails the target.
#[test]
#[should_panic(expected = "non-input error")]
fn a_non_input_error_fails_the_target() {
    targets::expect_input_error(&pqfence::Error::Internal { code: -4 }, "test");
}

/// Writes the seed corpus (valid keys, ciphertexts and signatures for every
/// registered set, plus truncations) into fuzz/corpus. Run by hand after adding
/// an algorithm: `PQFENCE_WRITE_CORPUS=1 cargo test --test fuzz_corpus -- --ignored`.
#[test]
#[ignore = "writes fuzz/corpus; run by hand"]
fn write_seed_corpus() {
    if std::env::var("PQFENCE_WRITE_CORPUS").as_deref() != Ok("1") {
        return;
    }
    let write = |target: &str, name: String, data: Vec<u8>| {
        let dir = corpus_dir().join(target);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(name), data).unwrap();
    };
    let with = |sel: usize, body: &[u8]| {
        let mut v = vec![u8::try_from(sel).unwrap()];
        v.extend_from_slice(body);
        v
    };
    for (i, kem) in targets::KEMS.iter().enumerate() {
        let (ek, dk, ct) = kem.seeds();
        let n = kem.name();
        write("kem_public_key", format!("{n}-valid"), with(i, &ek));
        write(
            "kem_public_key",
            format!("{n}-short"),
            with(i, &ek[..ek.len() - 1]),
        );
        write("kem_secret_key", format!("{n}-valid"), with(i, &dk));
        write(
            "kem_secret_key",
            format!("{n}-short"),
            with(i, &dk[..dk.len() / 2]),
        );
        write("kem_decapsulate", format!("{n}-valid"), with(i, &ct));
        write(
            "kem_decapsulate",
            format!("{n}-long"),
            with(i, &[ct.clone(), vec![0]].concat()),
        );
    }
    for (i, suite) in targets::SUITES.iter().enumerate() {
        let genuine = suite.genuine();
        let n = suite.name();
        write("hpke_open", format!("{n}-valid"), with(i, &genuine));
        let mut tampered = genuine.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        write("hpke_open", format!("{n}-tag"), with(i, &tampered));
        write(
            "hpke_open",
            format!("{n}-short"),
            with(i, &genuine[..genuine.len() / 2]),
        );
    }
    for (i, s) in targets::SIGS.iter().enumerate() {
        let (pk, sk, sig) = s.seeds();
        let n = s.name();
        // The verification payload: [context length][context][signature]
        // where the set takes a context, the bare signature otherwise.
        let payload = |ctx: &[u8], sig: &[u8]| {
            if s.has_context() {
                [
                    vec![u8::try_from(ctx.len()).unwrap()],
                    ctx.to_vec(),
                    sig.to_vec(),
                ]
                .concat()
            } else {
                sig.to_vec()
            }
        };
        let verify_input = payload(b"", &sig);
        // SLH-DSA keeps the corpus small and the replay fast: its signatures
        // are 8 to 49 KB, and a verification target that sees its genuine
        // signature signs once (45 ms to 2.5 s). So sig_public_key (which
        // verifies with the loaded key, no signing) gets the full-size
        // signatures of the "f" sets and of the 128s sets; sig_verify gets the
        // genuine signature of the 128f sets, and for the "s" sets (which
        // verify against a public key of their own there, see `SlhDsa` in
        // targets.rs) their signature, which that key rejects.
        let slh = n.starts_with("SLH-DSA");
        let small = slh && n.ends_with('s');
        let level1 = n.contains("-128");
        if !small || level1 {
            write(
                "sig_public_key",
                format!("{n}-valid"),
                with(i, &[pk.clone(), verify_input.clone()].concat()),
            );
        }
        write(
            "sig_public_key",
            format!("{n}-short"),
            with(i, &pk[..pk.len() - 3]),
        );
        // An "s" set's valid key would cost a key generation (0.1 to 0.35 s)
        // to load: only its short key is committed.
        if !small {
            write("sig_secret_key", format!("{n}-valid"), with(i, &sk));
        }
        write(
            "sig_secret_key",
            format!("{n}-short"),
            with(i, &sk[..sk.len() - 1]),
        );
        if small {
            write(
                "sig_verify",
                format!("{n}-other-key"),
                with(i, &verify_input),
            );
        } else if !slh || level1 {
            write("sig_verify", format!("{n}-valid"), with(i, &verify_input));
        }
        let large = slh && !level1;
        if s.has_context() && !large {
            write(
                "sig_verify",
                format!("{n}-ctx"),
                with(i, &payload(&[1, 2, 3], &sig)),
            );
        } else if !s.has_context() {
            let long = [sig.clone(), vec![0]].concat();
            write("sig_verify", format!("{n}-long"), with(i, &long));
        }
    }
}
