//! Compiles the C layer in `vendor/` with the `cc` crate: the shared code once,
//! and each scheme once per parameter set into distinct namespaced symbols.
//!
//! Environment knobs (all optional):
//! - `PQFENCE_WERROR=1`: treat C warnings as errors (the test command and CI set
//!   it; users' builds never fail on a newer compiler's new warning).
//! - `PQFENCE_C_OPT`: C optimisation level (default 2, whatever Cargo's profile).
//! - `PQFENCE_C_FLAGS`: extra flags, space-separated (sanitizer builds).
//! - `PQFENCE_BINDINGS_OUT`: with feature `bindgen`, write bindings generated
//!   from `vendor/include/pqfence.h` to this path (see `scripts/bindings.sh`).

#![allow(clippy::expect_used)] // a build script reports a broken build by panicking

use std::env;
use std::path::{Path, PathBuf};

const COMMON: &[&str] = &[
    "keccak.c",
    "keccak_avx512.c",
    "keccakx4.c",
    "keccakx4_avx2.c",
    "keccakx4_avx512.c",
    "sha2.c",
    "sha2_shani.c",
    "sha2x.c",
    "sha256x8_avx2.c",
    "sha512x4_avx2.c",
    "sha256x8_shani.c",
    "ct.c",
    "cpu.c",
];

/// Target flags by file-name suffix: vector code gets its instruction set
/// per file, never the whole build (no `-march=native`). Each such file's
/// functions run only after the run-time check in vendor/common/cpu.c.
/// assurance/ops.py reads this table too.
#[rustfmt::skip]
const TARGET_FLAGS: &[(&str, &[&str])] = &[
    ("_avx2.c", &["-mavx2", "-mbmi2", "-mpopcnt"]),
    ("_avx512.c", &["-mavx2", "-mbmi2", "-mpopcnt", "-mavx512f", "-mavx512vl"]),
    ("_shani.c", &["-msha", "-msse4.1"]),
];

const MLKEM_FILES: &[&str] = &[
    "reduce.c",
    "ntt.c",
    "poly.c",
    "sampling.c",
    "kpke.c",
    "kem.c",
    "ntt_avx2.c",
    "poly_avx2.c",
    "sampling_avx2.c",
    "kpke_avx2.c",
];

const MLDSA_FILES: &[&str] = &[
    "reduce.c",
    "ntt.c",
    "poly.c",
    "sampling.c",
    "packing.c",
    "sign.c",
    "tables_avx2.c",
    "ntt_avx2.c",
    "poly_avx2.c",
    "sampling_avx2.c",
    "packing_avx2.c",
];

const FALCON_FILES: &[&str] = &[
    "ntt.c",
    "codec.c",
    "fft.c",
    "sampler.c",
    "keygen.c",
    "ntru.c",
    "sign.c",
    "verify.c",
    "fft_avx2.c",
    "sampler_avx2.c",
    "ntru_avx2.c",
];

const SLHDSA_FILES: &[&str] = &[
    "address.c",
    "hash_sha2.c",
    "hash_shake.c",
    "wots.c",
    "xmss.c",
    "hypertree.c",
    "fors.c",
    "slhdsa.c",
];

/// A family's vendor/ folder and sources.
fn family_files(family: &str) -> &'static [&'static str] {
    match family {
        "mlkem" => MLKEM_FILES,
        "mldsa" => MLDSA_FILES,
        "falcon" => FALCON_FILES,
        "slhdsa" => SLHDSA_FILES,
        other => panic!("rust/algorithms.rs: no C sources known for family {other}"),
    }
}

/// One C compile unit: a parameter set's C prefix, family and selecting
/// define (`MACRO=value`).
struct Unit {
    prefix: String,
    family: String,
    define: (String, String),
}

/// The compile units, read from the catalogue (rust/algorithms.rs): every row
/// names its C prefix and define (`c: mlkem768, cdef: "PQF_MLKEM_K=3"`) inside
/// its family's group. Rows sharing a prefix (Falcon's padded sets) share
/// the unit; rows with `c: none` (the hybrids and composites, Rust only)
/// have none. assurance/ops.py reads the same rows.
fn units(catalogue: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut family = String::new();
    for line in catalogue.lines() {
        // A family group opens on its own line, eight spaces in: `        mlkem {`.
        if let Some(name) = line
            .strip_prefix("        ")
            .and_then(|l| l.strip_suffix(" {"))
        {
            if !name.starts_with(' ') && name.chars().all(|c| c.is_ascii_lowercase()) {
                family = name.to_string();
            }
        }
        let Some(rest) = line.trim().strip_prefix("c: ") else {
            continue;
        };
        // A family without C of its own (the hybrid KEMs and the composite
        // signatures: `c: none, ...` or `c: none,` ending the row).
        if rest.split(',').next() == Some("none") {
            continue;
        }
        let (prefix, rest) = rest
            .split_once(", cdef: \"")
            .expect("row: c: <prefix>, cdef: \"M=V\"");
        let (define, _) = rest.split_once('"').expect("row: cdef string");
        let (m, v) = define.split_once('=').expect("cdef: MACRO=value");
        if out.iter().any(|u| u.prefix == prefix) {
            continue;
        }
        out.push(Unit {
            prefix: prefix.to_string(),
            family: family.clone(),
            define: (m.to_string(), v.to_string()),
        });
    }
    assert!(
        !out.is_empty(),
        "rust/algorithms.rs: no catalogue rows found"
    );
    out
}

fn base_build(root: &Path, out: &Path) -> cc::Build {
    let mut b = cc::Build::new();
    b.include(root.join("vendor/include"))
        .include(root.join("vendor/common"))
        .std("c99")
        .warnings(true)
        .extra_warnings(true)
        .flag_if_supported("-Wpedantic")
        .flag_if_supported("-Wvla")
        .flag_if_supported("-fvisibility=hidden")
        // Falcon needs exact IEEE-754 double arithmetic: no fused multiply-add.
        .flag_if_supported("-ffp-contract=off")
        .out_dir(out);
    let opt = env::var("PQFENCE_C_OPT").unwrap_or_else(|_| "2".to_string());
    b.opt_level_str(&opt);
    if env::var("PQFENCE_WERROR").as_deref() == Ok("1") {
        b.warnings_into_errors(true);
    }
    if let Ok(extra) = env::var("PQFENCE_C_FLAGS") {
        for f in extra.split_whitespace() {
            b.flag(f);
        }
    }
    b
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    for var in [
        "PQFENCE_WERROR",
        "PQFENCE_C_OPT",
        "PQFENCE_C_FLAGS",
        "PQFENCE_BINDINGS_OUT",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=vendor");

    // Scheme libraries first, the shared code last, so that a single-pass
    // linker resolves the schemes' references to Keccak and the helpers.
    let catalogue = root.join("rust/algorithms.rs");
    println!("cargo:rerun-if-changed={}", catalogue.display());
    let catalogue = std::fs::read_to_string(&catalogue).expect("read rust/algorithms.rs");
    for unit in units(&catalogue) {
        let name = format!("pqf_{}", unit.prefix);
        let dir = out.join(&name);
        let src = root.join("vendor").join(&unit.family);
        let define = (unit.define.0.as_str(), unit.define.1.as_str());
        let files = family_files(&unit.family);
        compile_unit(&root, &dir, &name, Some(define), &src, files);
    }
    let dir = out.join("pqf_common");
    let src = root.join("vendor/common");
    compile_unit(&root, &dir, "pqf_common", None, &src, COMMON);
    // Falcon's floating point uses sqrt from the C maths library.
    println!("cargo:rustc-link-lib=m");
    // Immediate binding for what this package links itself (the Python
    // extension, tests, benches): a lazy-binding resolver saves every register
    // on the stack at a function's first call, which would copy whatever a
    // register holds there. rustc's full RELRO already implies it on Linux;
    // said here so it stays true. (The C also clears registers on return.)
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg=-Wl,-z,now");
    }

    // Only when asked (scripts/bindings.sh), so `--all-features` builds never
    // touch the committed file.
    #[cfg(feature = "bindgen")]
    if let Ok(target) = env::var("PQFENCE_BINDINGS_OUT") {
        generate_bindings(&root, Path::new(&target));
    }
}

/// Compiles one unit into lib`name`.a: the plain files in one build, each
/// suffix of [`TARGET_FLAGS`] in its own build with its flags, whose objects
/// join the same archive.
fn compile_unit(
    root: &Path,
    dir: &Path,
    name: &str,
    define: Option<(&str, &str)>,
    src: &Path,
    files: &[&str],
) {
    std::fs::create_dir_all(dir).expect("create object dir");
    let with_define = |b: &mut cc::Build| {
        if let Some((m, v)) = define {
            b.define(m, Some(v));
        }
    };
    let mut b = base_build(root, dir);
    with_define(&mut b);
    for (suffix, flags) in TARGET_FLAGS {
        let vector: Vec<&&str> = files.iter().filter(|f| f.ends_with(suffix)).collect();
        if vector.is_empty() {
            continue;
        }
        let vdir = dir.join(suffix.trim_start_matches('_').trim_end_matches(".c"));
        std::fs::create_dir_all(&vdir).expect("create object dir");
        let mut v = base_build(root, &vdir);
        with_define(&mut v);
        // Off x86-64 the vector files compile to nothing (their code sits
        // under an architecture check) and the x86 flags would be refused.
        if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
            for f in flags.iter() {
                v.flag(f);
            }
        }
        for f in vector {
            v.file(src.join(f));
        }
        for obj in v.compile_intermediates() {
            b.object(obj);
        }
    }
    for f in files {
        if !TARGET_FLAGS.iter().any(|(s, _)| f.ends_with(s)) {
            b.file(src.join(f));
        }
    }
    b.compile(name);
}

/// Writes the bindings generated from `vendor/include/pqfence.h` to `target`.
#[cfg(feature = "bindgen")]
fn generate_bindings(root: &Path, target: &Path) {
    let bindings = bindgen::Builder::default()
        .header(root.join("vendor/include/pqfence.h").to_string_lossy())
        .clang_arg(format!("-I{}", root.join("vendor/include").display()))
        .allowlist_function("pqf_.*")
        .allowlist_type("pqf_.*")
        .allowlist_var("PQF_.*")
        .use_core()
        .layout_tests(true)
        .generate_comments(false)
        .raw_line("// Generated by bindgen from vendor/include/pqfence.h. Do not edit:")
        .raw_line("// regenerate with `scripts/bindings.sh update`.")
        .generate()
        .expect("bindgen failed on vendor/include/pqfence.h");
    bindings.write_to_file(target).expect("write bindings");
}
