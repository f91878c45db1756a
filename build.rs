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

/// One parameter set: the library name, the macro selecting it, its sources.
struct Unit {
    name: &'static str,
    define: (&'static str, &'static str),
    dir: &'static str,
    files: &'static [&'static str],
}

const fn unit(
    name: &'static str,
    macro_name: &'static str,
    value: &'static str,
    dir: &'static str,
    files: &'static [&'static str],
) -> Unit {
    Unit {
        name,
        define: (macro_name, value),
        dir,
        files,
    }
}

const COMMON: &[&str] = &[
    "keccak.c",
    "keccakx4.c",
    "sha2.c",
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
    ("_shani.c", &["-msha", "-msse4.1"]),
];

const MLKEM_FILES: &[&str] = &[
    "reduce.c",
    "ntt.c",
    "poly.c",
    "sampling.c",
    "kpke.c",
    "kem.c",
];

const MLDSA_FILES: &[&str] = &[
    "reduce.c",
    "ntt.c",
    "poly.c",
    "sampling.c",
    "packing.c",
    "sign.c",
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

#[rustfmt::skip]
const UNITS: &[Unit] = &[
    unit("pqf_mlkem512", "PQF_MLKEM_K", "2", "mlkem", MLKEM_FILES),
    unit("pqf_mlkem768", "PQF_MLKEM_K", "3", "mlkem", MLKEM_FILES),
    unit("pqf_mlkem1024", "PQF_MLKEM_K", "4", "mlkem", MLKEM_FILES),
    unit("pqf_mldsa44", "PQF_MLDSA_MODE", "44", "mldsa", MLDSA_FILES),
    unit("pqf_mldsa65", "PQF_MLDSA_MODE", "65", "mldsa", MLDSA_FILES),
    unit("pqf_mldsa87", "PQF_MLDSA_MODE", "87", "mldsa", MLDSA_FILES),
    unit("pqf_falcon512", "PQF_FALCON_LOGN", "9", "falcon", FALCON_FILES),
    unit("pqf_falcon1024", "PQF_FALCON_LOGN", "10", "falcon", FALCON_FILES),
    unit("pqf_slhdsa_sha2_128s", "PQF_SLHDSA_SET", "1", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_sha2_128f", "PQF_SLHDSA_SET", "2", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_sha2_192s", "PQF_SLHDSA_SET", "3", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_sha2_192f", "PQF_SLHDSA_SET", "4", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_sha2_256s", "PQF_SLHDSA_SET", "5", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_sha2_256f", "PQF_SLHDSA_SET", "6", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_shake_128s", "PQF_SLHDSA_SET", "7", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_shake_128f", "PQF_SLHDSA_SET", "8", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_shake_192s", "PQF_SLHDSA_SET", "9", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_shake_192f", "PQF_SLHDSA_SET", "10", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_shake_256s", "PQF_SLHDSA_SET", "11", "slhdsa", SLHDSA_FILES),
    unit("pqf_slhdsa_shake_256f", "PQF_SLHDSA_SET", "12", "slhdsa", SLHDSA_FILES),
];

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
    for unit in UNITS {
        let dir = out.join(unit.name);
        std::fs::create_dir_all(&dir).expect("create object dir");
        let src = root.join("vendor").join(unit.dir);
        compile_unit(&root, &dir, unit.name, Some(unit.define), &src, unit.files);
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
        for f in flags.iter() {
            v.flag(f);
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
