//! Portable against vector backends, in one process: each row runs its
//! operations on inputs drawn from a seeded generator, once with the backend
//! capped at the portable C and once at AVX2, and the two transcripts (every
//! key, ciphertext, shared secret, signature the row produces) must be equal
//! byte for byte. One test, so that nothing else in this binary runs while the
//! process-wide cap is switched.
//!
//! Adding a family: write `fn row_x<P>(rng: &mut Prng, out: &mut Transcript)`
//! that draws every input (seeds, messages, coins) from `rng` and records
//! every output with `out.push(...)`, using the deterministic entry points
//! (`from_seed`, `*_deterministic`, the `test-hooks` ones), and add a line
//! to `rows()`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use pqfence::backend::{self, Backend};
use pqfence::mlkem::{
    DecapsulationKey, EncapsulationKey, KemParams, MlKem1024, MlKem512, MlKem768,
};

/// How many random cases each row runs per backend.
const CASES: u64 = 150;

/// splitmix64: a small seeded generator (test inputs, not key material).
struct Prng(u64);

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
        let mut b = [0u8; N];
        self.fill(&mut b);
        b
    }

    fn vec(&mut self, n: usize) -> Vec<u8> {
        let mut v = vec![0u8; n];
        self.fill(&mut v);
        v
    }
}

/// Everything a row produced, in order, each output with its label.
#[derive(Default, PartialEq, Eq)]
struct Transcript(Vec<(&'static str, Vec<u8>)>);

impl Transcript {
    fn push(&mut self, what: &'static str, bytes: &[u8]) {
        self.0.push((what, bytes.to_vec()));
    }

    /// The first output that differs from `other`'s (label and index).
    fn first_difference(&self, other: &Transcript) -> String {
        for (i, (a, b)) in self.0.iter().zip(other.0.iter()).enumerate() {
            if a != b {
                return format!("output {i} ({})", a.0);
            }
        }
        format!("lengths {} and {}", self.0.len(), other.0.len())
    }
}

type RowFn = fn(&mut Prng, &mut Transcript);

/// ML-KEM (FIPS 203): key generation with its pairwise check, the expanded
/// encapsulation key from bytes, encapsulation and decapsulation (valid and
/// random ciphertexts: implicit rejection), through the cached entry points the
/// API uses and, with `test-hooks`, the uncached ones.
fn row_mlkem<P: KemParams>(rng: &mut Prng, out: &mut Transcript) {
    let seed: [u8; 64] = rng.bytes();
    let dk = DecapsulationKey::<P>::from_seed(&seed).unwrap();
    out.push("ek", dk.encapsulation_key().as_bytes());
    out.push("dk", dk.expanded_bytes().expose().as_ref());
    let m: [u8; 32] = rng.bytes();
    let (ss, ct) = dk
        .encapsulation_key()
        .encapsulate_deterministic(&m)
        .unwrap();
    out.push("ct", ct.as_bytes());
    out.push("ss", ss.expose().as_slice());
    out.push("decaps", dk.decapsulate(&ct).unwrap().expose().as_slice());
    let bad = rng.vec(ct.as_bytes().len());
    out.push(
        "decaps (random ciphertext)",
        dk.decapsulate_bytes(&bad).unwrap().expose().as_slice(),
    );
    let ek = EncapsulationKey::<P>::from_bytes(dk.encapsulation_key().as_bytes()).unwrap();
    let (ss2, ct2) = ek.encapsulate_deterministic(&m).unwrap();
    out.push("ct (expanded from bytes)", ct2.as_bytes());
    out.push("ss (expanded from bytes)", ss2.expose().as_slice());
    #[cfg(feature = "test-hooks")]
    {
        let dk3 = DecapsulationKey::<P>::from_seed_uncached(&seed).unwrap();
        out.push("dk (uncached)", dk3.expanded_bytes().expose().as_ref());
        let (ss3, ct3) = ek.encapsulate_uncached(&m).unwrap();
        out.push("ct (uncached)", ct3.as_bytes());
        out.push("ss (uncached)", ss3.expose().as_slice());
        out.push(
            "decaps (uncached)",
            dk3.decapsulate_uncached(&ct3).unwrap().expose().as_slice(),
        );
    }
}

/// Every row: a name and its function.
fn rows() -> Vec<(&'static str, RowFn)> {
    vec![
        ("ML-KEM-512", row_mlkem::<MlKem512>),
        ("ML-KEM-768", row_mlkem::<MlKem768>),
        ("ML-KEM-1024", row_mlkem::<MlKem1024>),
    ]
}

fn run_on(b: Backend, row: RowFn, case: u64) -> Transcript {
    assert_eq!(backend::limit(b), b, "backend {} unavailable", b.name());
    let mut rng = Prng(case.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut t = Transcript::default();
    row(&mut rng, &mut t);
    t
}

#[test]
fn portable_and_vector_backends_agree() {
    let vectors = common::vector_backends();
    if vectors.is_empty() {
        eprintln!("SKIPPED: this CPU has no AVX2; nothing to compare the portable C with");
        return;
    }
    for (name, row) in rows() {
        for case in 0..CASES {
            let p = run_on(Backend::Portable, row, case);
            for &b in &vectors {
                let v = run_on(b, row, case);
                assert!(
                    p == v,
                    "{name}, case {case}: portable and {} differ at {}",
                    b.name(),
                    p.first_difference(&v)
                );
            }
        }
    }
    backend::limit(Backend::Avx512);
}
