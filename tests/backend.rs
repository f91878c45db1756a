//! The backend switch: `limit` caps the C at the portable code and lifts the
//! cap again, and the reported backend follows what this CPU has.

use pqfence::backend::{self, Backend};

fn cpu_has(features: &[&str]) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        features.iter().all(|f| match *f {
            "avx2" => std::is_x86_feature_detected!("avx2"),
            "bmi2" => std::is_x86_feature_detected!("bmi2"),
            "popcnt" => std::is_x86_feature_detected!("popcnt"),
            "avx512f" => std::is_x86_feature_detected!("avx512f"),
            "avx512vl" => std::is_x86_feature_detected!("avx512vl"),
            _ => false,
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = features;
        false
    }
}

#[test]
fn limit_switches_backends() {
    let avx2 = cpu_has(&["avx2", "bmi2", "popcnt"]);
    let avx512 = avx2 && cpu_has(&["avx512f", "avx512vl"]);
    assert_eq!(backend::limit(Backend::Portable), Backend::Portable);
    assert_eq!(pqfence::backend(), Backend::Portable);
    let capped = if avx2 {
        Backend::Avx2
    } else {
        Backend::Portable
    };
    assert_eq!(backend::limit(Backend::Avx2), capped);
    assert_eq!(pqfence::backend(), capped);
    let best = if avx512 { Backend::Avx512 } else { capped };
    assert_eq!(backend::limit(Backend::Avx512), best);
    assert_eq!(pqfence::backend(), best);
    assert_eq!(
        best.name(),
        if avx512 {
            "avx512"
        } else if avx2 {
            "avx2"
        } else {
            "portable"
        }
    );
}
