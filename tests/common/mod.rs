//! Shared test support: finding ../shared/vectors, and reading NIST `.rsp` and
//! ACVP JSON files in place (vectors are never copied into the repository).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The vectors folder: `$PQFENCE_VECTORS`, else `../shared/vectors` beside the
/// repository. `None` (with a visible notice) when absent, unless
/// `PQFENCE_REQUIRE_VECTORS=1` (CI), where absence fails the test.
pub fn vectors_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PQFENCE_VECTORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("PQFENCE_REQUIRE_VECTORS").as_deref() == Ok("1") {
        panic!("test vectors required but not found at {}", dir.display());
    }
    eprintln!(
        "SKIPPED: test vectors not found at {} (set PQFENCE_VECTORS)",
        dir.display()
    );
    None
}

pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

/// Parses a NIST `.rsp` file into records of `key = value` lines.
pub fn read_rsp(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("read rsp");
    let mut out = Vec::new();
    let mut cur = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(" = ") {
            if k == "count" && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.insert(k.to_string(), v.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read json")).expect("json")
}

/// One ACVP test case: the group's fields, then the test's (prompt merged with
/// expected results).
pub struct AcvpCase {
    pub group: Value,
    pub test: serde_json::Map<String, Value>,
}

impl AcvpCase {
    pub fn s(&self, k: &str) -> &str {
        self.test
            .get(k)
            .or_else(|| self.group.get(k))
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("field {k} missing"))
    }
    pub fn h(&self, k: &str) -> Vec<u8> {
        unhex(self.s(k))
    }
    pub fn b(&self, k: &str) -> bool {
        self.test.get(k).and_then(Value::as_bool).unwrap()
    }
    pub fn has(&self, k: &str) -> bool {
        self.test.contains_key(k) || self.group.get(k).is_some()
    }
}

/// Loads an ACVP directory: `internalProjection.json` alone, or `prompt.json`
/// merged with `expectedResults.json` by tcId.
pub fn acvp_cases(dir: &Path) -> Vec<AcvpCase> {
    let proj = dir.join("internalProjection.json");
    let prompt = dir.join("prompt.json");
    let (prompt, expected) = if prompt.exists() {
        (
            read_json(&prompt),
            Some(read_json(&dir.join("expectedResults.json"))),
        )
    } else {
        (read_json(&proj), None)
    };
    let mut exp: HashMap<u64, serde_json::Map<String, Value>> = HashMap::new();
    if let Some(e) = expected {
        for g in e["testGroups"].as_array().unwrap() {
            for t in g["tests"].as_array().unwrap() {
                exp.insert(t["tcId"].as_u64().unwrap(), t.as_object().unwrap().clone());
            }
        }
    }
    let mut out = Vec::new();
    for g in prompt["testGroups"].as_array().unwrap() {
        for t in g["tests"].as_array().unwrap() {
            let mut test = t.as_object().unwrap().clone();
            if let Some(e) = exp.get(&t["tcId"].as_u64().unwrap()) {
                for (k, v) in e {
                    test.insert(k.clone(), v.clone());
                }
            }
            out.push(AcvpCase {
                group: g.clone(),
                test,
            });
        }
    }
    out
}

/// The vector backends this CPU has, in order (avx2, then avx512), which the
/// tests/backends*.rs files compare with the portable C one by one. Leaves
/// the backend capped at the best one.
pub fn vector_backends() -> Vec<pqfence::backend::Backend> {
    use pqfence::backend::{self, Backend};
    match backend::limit(Backend::Avx512) {
        Backend::Avx512 => vec![Backend::Avx2, Backend::Avx512],
        Backend::Avx2 => vec![Backend::Avx2],
        _ => Vec::new(),
    }
}

/// xorshift64*: test input only.
pub struct Prng(pub u64);

impl Prng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Runs `f` on the portable C, then on each vector backend the CPU has
/// (avx2, avx512); every result must equal the portable one, which is
/// returned.
pub fn on_every_backend<T: PartialEq + std::fmt::Debug>(what: &str, f: impl Fn() -> T) -> T {
    use pqfence::backend::{self, Backend};
    assert_eq!(backend::limit(Backend::Portable), Backend::Portable);
    let portable = f();
    for b in vector_backends() {
        assert_eq!(backend::limit(b), b);
        let vector = f();
        assert!(
            portable == vector,
            "{what}: portable and {} differ",
            b.name()
        );
    }
    portable
}

/// An operation's outcome as comparable data: the bytes, or the error.
pub fn outcome<T: AsRef<[u8]>>(r: pqfence::Result<T>) -> Result<Vec<u8>, String> {
    r.map(|v| v.as_ref().to_vec()).map_err(|e| format!("{e:?}"))
}

/// A unit outcome as comparable data.
pub fn unit(r: pqfence::Result<()>) -> Result<(), String> {
    r.map_err(|e| format!("{e:?}"))
}
