//! The backend switch: `limit` caps the C at the portable code and lifts the
//! cap again, and the reported backend follows what this CPU has.

use pqfence::backend::{self, Backend};

fn cpu_has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2")
            && std::is_x86_feature_detected!("bmi2")
            && std::is_x86_feature_detected!("popcnt")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[test]
fn limit_switches_backends() {
    assert_eq!(backend::limit(Backend::Portable), Backend::Portable);
    assert_eq!(pqfence::backend(), Backend::Portable);
    let best = if cpu_has_avx2() {
        Backend::Avx2
    } else {
        Backend::Portable
    };
    assert_eq!(backend::limit(Backend::Avx2), best);
    assert_eq!(pqfence::backend(), best);
    assert_eq!(
        best.name(),
        if cpu_has_avx2() { "avx2" } else { "portable" }
    );
}
