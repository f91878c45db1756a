//! pqfence beside liboqs on ML-KEM, ML-DSA and Falcon, from Rust in one
//! process: each operation runs in rounds that alternate between the two
//! libraries, so both see the same load; the table gives the median and the
//! minimum over the rounds and the ratio pqfence / liboqs (below 1: pqfence
//! faster). pqfence runs on the best backend of the CPU, then capped at
//! AVX2 (`pqfence::backend::limit`), the instruction set of liboqs's code.
//!
//! "keygen (no check)" is pqfence's key generation without its pairwise
//! consistency check (the benchmark hook that discards the key); liboqs runs
//! no such check. Falcon's key generation has no check in either library.
//!
//! Usage: `pqfence-bench-liboqs [--quick] [--write FILE]` prints a Markdown
//! table and, with `--write`, puts it in FILE between the lines
//! `<!-- liboqs-table:begin ... -->` and `<!-- liboqs-table:end -->`
//! (`make bench-liboqs` writes docs/speed.md).

use std::time::Instant;

use pqfence::backend::{limit, Backend};
use pqfence::falcon::{Falcon1024, Falcon512};
use pqfence::mldsa::{MlDsa44, MlDsa65, MlDsa87};
use pqfence::mlkem::{MlKem1024, MlKem512, MlKem768};

/// One operation's two sides, each timing a batch of calls (µs per call).
struct Pair<'a> {
    op: &'static str,
    pqfence: Box<dyn FnMut(usize) -> f64 + 'a>,
    liboqs: Box<dyn FnMut(usize) -> f64 + 'a>,
}

/// µs per call of `n` calls of `f`.
fn per_call(n: usize, mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The calls per batch for about 2 ms a batch, from one timed call.
fn batch(f: &mut dyn FnMut(usize) -> f64) -> usize {
    let one = f(1).max(f(1));
    ((2000.0 / one) as usize).clamp(1, 2000)
}

struct Row {
    name: String,
    op: &'static str,
    pqfence: (f64, f64),
    liboqs: (f64, f64),
}

fn measure(name: &str, pairs: Vec<Pair<'_>>, rounds: usize, rows: &mut Vec<Row>) {
    for mut p in pairs {
        let n = batch(&mut p.pqfence).max(batch(&mut p.liboqs));
        // Calls of 2 ms or more (Falcon's key generation, whose time varies
        // with the key drawn) are timed one by one: three times the rounds.
        let rounds = if n == 1 { 3 * rounds } else { rounds };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            a.push((p.pqfence)(n));
            b.push((p.liboqs)(n));
        }
        let (amin, bmin) = (
            a.iter().copied().fold(f64::MAX, f64::min),
            b.iter().copied().fold(f64::MAX, f64::min),
        );
        rows.push(Row {
            name: name.to_string(),
            op: p.op,
            pqfence: (median(&mut a), amin),
            liboqs: (median(&mut b), bmin),
        });
    }
}

macro_rules! kem {
    ($rows:expr, $rounds:expr, $name:expr, $set:ty, $alg:expr) => {{
        use pqfence::mlkem::DecapsulationKey;
        let kem = oqs::kem::Kem::new($alg).expect("liboqs has the KEM");
        let (pk, sk) = kem.keypair().expect("liboqs keygen");
        let (ct, _) = kem.encapsulate(&pk).expect("liboqs encaps");
        let dk = DecapsulationKey::<$set>::generate().expect("pqfence keygen");
        let ek = dk.encapsulation_key().clone();
        let (_, our_ct) = ek.encapsulate().expect("pqfence encaps");
        let pairs = vec![
            Pair {
                op: "keygen (no check)",
                pqfence: Box::new(|n| {
                    per_call(n, || {
                        DecapsulationKey::<$set>::keygen_without_check_for_benchmark(None)
                            .expect("keygen")
                    })
                }),
                liboqs: Box::new(|n| per_call(n, || drop(kem.keypair().expect("keygen")))),
            },
            Pair {
                op: "keygen",
                pqfence: Box::new(|n| {
                    per_call(n, || {
                        drop(DecapsulationKey::<$set>::generate().expect("keygen"))
                    })
                }),
                liboqs: Box::new(|n| per_call(n, || drop(kem.keypair().expect("keygen")))),
            },
            Pair {
                op: "encaps",
                pqfence: Box::new(|n| per_call(n, || drop(ek.encapsulate().expect("encaps")))),
                liboqs: Box::new(|n| per_call(n, || drop(kem.encapsulate(&pk).expect("encaps")))),
            },
            Pair {
                op: "decaps",
                pqfence: Box::new(|n| {
                    per_call(n, || drop(dk.decapsulate(&our_ct).expect("decaps")))
                }),
                liboqs: Box::new(|n| {
                    per_call(n, || drop(kem.decapsulate(&sk, &ct).expect("decaps")))
                }),
            },
        ];
        measure($name, pairs, $rounds, $rows);
    }};
}

macro_rules! dsa {
    ($rows:expr, $rounds:expr, $name:expr, $set:ty, $alg:expr) => {{
        use pqfence::mldsa::SigningKey;
        let sig = oqs::sig::Sig::new($alg).expect("liboqs has the scheme");
        let (pk, sk) = sig.keypair().expect("liboqs keygen");
        let msg = [0x5a_u8; 64];
        let s = sig.sign(&msg, &sk).expect("liboqs sign");
        let key = SigningKey::<$set>::generate().expect("pqfence keygen");
        let vk = key.verifying_key().clone();
        let ours = key
            .sign(&msg, b"")
            .expect("pqfence sign")
            .as_bytes()
            .to_vec();
        let pairs = vec![
            Pair {
                op: "keygen (no check)",
                pqfence: Box::new(|n| {
                    per_call(n, || {
                        SigningKey::<$set>::keygen_without_check_for_benchmark(None)
                            .expect("keygen")
                    })
                }),
                liboqs: Box::new(|n| per_call(n, || drop(sig.keypair().expect("keygen")))),
            },
            Pair {
                op: "keygen",
                pqfence: Box::new(|n| {
                    per_call(n, || drop(SigningKey::<$set>::generate().expect("keygen")))
                }),
                liboqs: Box::new(|n| per_call(n, || drop(sig.keypair().expect("keygen")))),
            },
            Pair {
                op: "sign",
                pqfence: Box::new(|n| per_call(n, || drop(key.sign(&msg, b"").expect("sign")))),
                liboqs: Box::new(|n| per_call(n, || drop(sig.sign(&msg, &sk).expect("sign")))),
            },
            Pair {
                op: "verify",
                pqfence: Box::new(|n| per_call(n, || vk.verify(&msg, b"", &ours).expect("verify"))),
                liboqs: Box::new(|n| per_call(n, || sig.verify(&msg, &s, &pk).expect("verify"))),
            },
        ];
        measure($name, pairs, $rounds, $rows);
    }};
}

macro_rules! falcon {
    ($rows:expr, $rounds:expr, $name:expr, $set:ty, $alg:expr) => {{
        use pqfence::falcon::SigningKey;
        let sig = oqs::sig::Sig::new($alg).expect("liboqs has the scheme");
        let (pk, sk) = sig.keypair().expect("liboqs keygen");
        let msg = [0x5a_u8; 64];
        let s = sig.sign(&msg, &sk).expect("liboqs sign");
        let key = SigningKey::<$set>::generate().expect("pqfence keygen");
        let vk = key.verifying_key().clone();
        let ours = key.sign(&msg).expect("pqfence sign").as_bytes().to_vec();
        let pairs = vec![
            Pair {
                op: "keygen",
                pqfence: Box::new(|n| {
                    per_call(n, || drop(SigningKey::<$set>::generate().expect("keygen")))
                }),
                liboqs: Box::new(|n| per_call(n, || drop(sig.keypair().expect("keygen")))),
            },
            Pair {
                op: "sign",
                pqfence: Box::new(|n| per_call(n, || drop(key.sign(&msg).expect("sign")))),
                liboqs: Box::new(|n| per_call(n, || drop(sig.sign(&msg, &sk).expect("sign")))),
            },
            Pair {
                op: "verify",
                pqfence: Box::new(|n| per_call(n, || vk.verify(&msg, &ours).expect("verify"))),
                liboqs: Box::new(|n| per_call(n, || sig.verify(&msg, &s, &pk).expect("verify"))),
            },
        ];
        measure($name, pairs, $rounds, $rows);
    }};
}

fn run(rounds: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    kem!(
        &mut rows,
        rounds,
        "ML-KEM-512",
        MlKem512,
        oqs::kem::Algorithm::MlKem512
    );
    kem!(
        &mut rows,
        rounds,
        "ML-KEM-768",
        MlKem768,
        oqs::kem::Algorithm::MlKem768
    );
    kem!(
        &mut rows,
        rounds,
        "ML-KEM-1024",
        MlKem1024,
        oqs::kem::Algorithm::MlKem1024
    );
    dsa!(
        &mut rows,
        rounds,
        "ML-DSA-44",
        MlDsa44,
        oqs::sig::Algorithm::MlDsa44
    );
    dsa!(
        &mut rows,
        rounds,
        "ML-DSA-65",
        MlDsa65,
        oqs::sig::Algorithm::MlDsa65
    );
    dsa!(
        &mut rows,
        rounds,
        "ML-DSA-87",
        MlDsa87,
        oqs::sig::Algorithm::MlDsa87
    );
    falcon!(
        &mut rows,
        rounds,
        "Falcon-512",
        Falcon512,
        oqs::sig::Algorithm::Falcon512
    );
    falcon!(
        &mut rows,
        rounds,
        "Falcon-1024",
        Falcon1024,
        oqs::sig::Algorithm::Falcon1024
    );
    rows
}

fn fmt_us(us: f64) -> String {
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `text` in place of what lies between the begin and end markers of `path`.
fn splice(path: &str, text: &str) -> Result<(), String> {
    let doc = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let begin = doc
        .find("<!-- liboqs-table:begin")
        .and_then(|i| doc[i..].find('\n').map(|j| i + j + 1))
        .ok_or(format!("{path}: no liboqs-table:begin marker"))?;
    let end = doc[begin..]
        .find("<!-- liboqs-table:end -->")
        .map(|j| begin + j)
        .ok_or(format!("{path}: no liboqs-table:end marker"))?;
    let out = format!("{}{}{}", &doc[..begin], text, &doc[end..]);
    std::fs::write(path, out).map_err(|e| format!("{path}: {e}"))
}

/// The Markdown table: pqfence on its best backend (and capped at AVX2 when
/// that is AVX-512) beside liboqs.
fn table(
    rounds: usize,
    load: &str,
    best: Backend,
    first: &[Row],
    capped: Option<(Backend, Vec<Row>)>,
) -> String {
    let name = |b: Backend| format!("{b:?}").to_lowercase();
    let cell = |t: (f64, f64)| format!("{} ({})", fmt_us(t.0), fmt_us(t.1));
    let mut out = format!(
        "liboqs 0.13.0 (the `oqs` crate 0.11.0, CMake `DIST_BUILD`: AVX2 code chosen at run time), \
         built and run from Rust in one process with pqfence; load average {load} at the start, \
         {rounds} alternating rounds per operation ({} for calls of 2 ms or more). Median (minimum) per call; ratio = pqfence / liboqs \
         of the medians (below 1: pqfence faster).\n\n",
        3 * rounds
    );
    let b = name(best);
    match &capped {
        Some((c, _)) => {
            let c = name(*c);
            out += &format!("| algorithm | op | pqfence {b} | pqfence {c} | liboqs | {b}/liboqs | {c}/liboqs |\n");
            out += "|---|---|---|---|---|---|---|\n";
        }
        None => {
            out += &format!("| algorithm | op | pqfence {b} | liboqs | {b}/liboqs |\n");
            out += "|---|---|---|---|---|\n";
        }
    }
    for (i, r) in first.iter().enumerate() {
        let (head, ratio) = (
            format!("| {} | {} | {} |", r.name, r.op, cell(r.pqfence)),
            r.pqfence.0 / r.liboqs.0,
        );
        out += &match &capped {
            Some((_, rows)) => {
                let c = &rows[i];
                format!(
                    "{head} {} | {} | {ratio:.2} | {:.2} |\n",
                    cell(c.pqfence),
                    cell(r.liboqs),
                    c.pqfence.0 / c.liboqs.0
                )
            }
            None => format!("{head} {} | {ratio:.2} |\n", cell(r.liboqs)),
        };
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = if args.iter().any(|a| a == "--quick") {
        5
    } else {
        21
    };
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1));
    oqs::init();
    let best = pqfence::backend();
    let load = load_average();
    let first = run(rounds);
    let capped = (best == Backend::Avx512).then(|| (limit(Backend::Avx2), run(rounds)));
    let out = table(rounds, &load, best, &first, capped);
    print!("{out}");
    if let Some(path) = write {
        if let Err(e) = splice(path, &out) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
