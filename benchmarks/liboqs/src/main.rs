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

/// One operation: each side is a call, timed in batches.
fn pair<'a>(
    op: &'static str,
    mut ours: impl FnMut() + 'a,
    mut theirs: impl FnMut() + 'a,
) -> Pair<'a> {
    Pair {
        op,
        pqfence: Box::new(move |n| per_call(n, &mut ours)),
        liboqs: Box::new(move |n| per_call(n, &mut theirs)),
    }
}

macro_rules! kem {
    ($rows:expr, $rounds:expr, $name:expr, $set:ty, $alg:expr) => {{
        use pqfence::mlkem::DecapsulationKey as Dk;
        let kem = oqs::kem::Kem::new($alg).expect("liboqs has the KEM");
        let (pk, sk) = kem.keypair().expect("liboqs keygen");
        let (ct, _) = kem.encapsulate(&pk).expect("liboqs encaps");
        let dk = Dk::<$set>::generate().expect("pqfence keygen");
        let ek = dk.encapsulation_key().clone();
        let (_, our_ct) = ek.encapsulate().expect("pqfence encaps");
        let keypair = || drop(kem.keypair().expect("keygen"));
        let pairs = vec![
            pair(
                "keygen (no check)",
                || Dk::<$set>::keygen_without_check_for_benchmark(None).expect("keygen"),
                keypair,
            ),
            pair(
                "keygen",
                || drop(Dk::<$set>::generate().expect("keygen")),
                keypair,
            ),
            pair(
                "encaps",
                || drop(ek.encapsulate().expect("encaps")),
                || drop(kem.encapsulate(&pk).expect("encaps")),
            ),
            pair(
                "decaps",
                || drop(dk.decapsulate(&our_ct).expect("decaps")),
                || drop(kem.decapsulate(&sk, &ct).expect("decaps")),
            ),
        ];
        measure($name, pairs, $rounds, $rows);
    }};
}

/// What the signature rows need of a pqfence signing key.
trait Scheme: Sized {
    type Vk: Clone;
    fn generate() -> Self;
    fn vk(&self) -> Self::Vk;
    fn sign(&self, msg: &[u8]) -> Vec<u8>;
    fn verify(vk: &Self::Vk, msg: &[u8], sig: &[u8]);
    /// Key generation without the pairwise check, where there is one.
    fn keygen_without_check() -> Option<fn()>;
}

impl<P: pqfence::mldsa::DsaParams> Scheme for pqfence::mldsa::SigningKey<P> {
    type Vk = pqfence::mldsa::VerifyingKey<P>;
    fn generate() -> Self {
        Self::generate().expect("keygen")
    }
    fn vk(&self) -> Self::Vk {
        self.verifying_key().clone()
    }
    fn sign(&self, msg: &[u8]) -> Vec<u8> {
        self.sign(msg, b"").expect("sign").as_bytes().to_vec()
    }
    fn verify(vk: &Self::Vk, msg: &[u8], sig: &[u8]) {
        vk.verify(msg, b"", sig).expect("verify")
    }
    fn keygen_without_check() -> Option<fn()> {
        Some(|| Self::keygen_without_check_for_benchmark(None).expect("keygen"))
    }
}

impl<P: pqfence::falcon::FalconParams> Scheme for pqfence::falcon::SigningKey<P> {
    type Vk = pqfence::falcon::VerifyingKey<P>;
    fn generate() -> Self {
        Self::generate().expect("keygen")
    }
    fn vk(&self) -> Self::Vk {
        self.verifying_key().clone()
    }
    fn sign(&self, msg: &[u8]) -> Vec<u8> {
        self.sign(msg).expect("sign").as_bytes().to_vec()
    }
    fn verify(vk: &Self::Vk, msg: &[u8], sig: &[u8]) {
        vk.verify(msg, sig).expect("verify")
    }
    fn keygen_without_check() -> Option<fn()> {
        None // Falcon's key generation has no pairwise check to leave out
    }
}

/// A signature scheme's rows, pqfence's `K` beside liboqs's `alg`.
fn signature<K: Scheme>(rows: &mut Vec<Row>, rounds: usize, name: &str, alg: oqs::sig::Algorithm) {
    let sig = oqs::sig::Sig::new(alg).expect("liboqs has the scheme");
    let (pk, sk) = sig.keypair().expect("liboqs keygen");
    let msg = [0x5a_u8; 64];
    let s = sig.sign(&msg, &sk).expect("liboqs sign");
    let key = K::generate();
    let vk = key.vk();
    let ours = key.sign(&msg);
    let keypair = || drop(sig.keypair().expect("keygen"));
    let mut pairs = Vec::new();
    if let Some(nocheck) = K::keygen_without_check() {
        pairs.push(pair("keygen (no check)", nocheck, keypair));
    }
    pairs.push(pair("keygen", || drop(K::generate()), keypair));
    pairs.push(pair(
        "sign",
        || drop(key.sign(&msg)),
        || drop(sig.sign(&msg, &sk).expect("sign")),
    ));
    pairs.push(pair(
        "verify",
        || K::verify(&vk, &msg, &ours),
        || sig.verify(&msg, &s, &pk).expect("verify"),
    ));
    measure(name, pairs, rounds, rows);
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
    use oqs::sig::Algorithm as Sig;
    use pqfence::falcon::SigningKey as Falcon;
    use pqfence::mldsa::SigningKey as MlDsa;
    signature::<MlDsa<MlDsa44>>(&mut rows, rounds, "ML-DSA-44", Sig::MlDsa44);
    signature::<MlDsa<MlDsa65>>(&mut rows, rounds, "ML-DSA-65", Sig::MlDsa65);
    signature::<MlDsa<MlDsa87>>(&mut rows, rounds, "ML-DSA-87", Sig::MlDsa87);
    signature::<Falcon<Falcon512>>(&mut rows, rounds, "Falcon-512", Sig::Falcon512);
    signature::<Falcon<Falcon1024>>(&mut rows, rounds, "Falcon-1024", Sig::Falcon1024);
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
        41
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
