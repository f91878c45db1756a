//! How the package's own binaries are linked (build.rs): bound at load time,
//! so no lazy-binding resolver saves the registers on the stack in the middle
//! of a C operation (assurance/run.py checks the Python extension the same way).

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn test_binaries_are_bound_now() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("readelf")
        .arg("-d")
        .arg(&exe)
        .output()
        .expect("readelf (binutils) is needed for this test");
    assert!(out.status.success(), "readelf failed on {}", exe.display());
    let text = String::from_utf8_lossy(&out.stdout);
    let now = text.lines().any(|l| {
        (l.contains("(FLAGS)") && l.contains("BIND_NOW"))
            || (l.contains("(FLAGS_1)") && l.split_whitespace().any(|w| w == "NOW"))
    });
    assert!(now, "{} is lazily bound:\n{text}", exe.display());
}
