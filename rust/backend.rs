//! Which implementation of the C layer runs: the portable C or vector code
//! chosen at run time from the CPU's features.
//!
//! Every backend produces the same bytes as the portable C (the tests check
//! it on every known-answer and random input). Set `PQFENCE_BACKEND=portable`
//! in the environment to force the portable C for a whole process
//! (`PQFENCE_BACKEND=avx2`: the AVX2 code without its AVX-512VL parts), or
//! call [`limit`] (before or between operations) to cap it from code.
//!
//! ```
//! let b = pqfence::backend();
//! println!("pqfence uses {}", b.name()); // "avx512", "avx2" or "portable"
//! ```

use crate::ffi;

/// An implementation of the C layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// The portable C99, the reference behaviour.
    Portable,
    /// x86-64 AVX2 (with BMI2; SHA-NI for SHA-256 where the CPU has it).
    Avx2,
    /// The AVX2 code with AVX-512VL instructions on 256-bit registers where
    /// they pay (Keccak's rotations and chi, so SHAKE and SHA-3 everywhere).
    Avx512,
}

impl Backend {
    /// The name `PQFENCE_BACKEND` and Python's `pqfence.backend()` use.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Portable => "portable",
            Backend::Avx2 => "avx2",
            Backend::Avx512 => "avx512",
        }
    }

    fn from_code(code: i32) -> Backend {
        match code {
            ffi::BACKEND_AVX512 => Backend::Avx512,
            ffi::BACKEND_AVX2 => Backend::Avx2,
            _ => Backend::Portable,
        }
    }
}

/// The backend in use: the best this CPU supports, unless capped by
/// `PQFENCE_BACKEND` or [`limit`].
pub fn backend() -> Backend {
    Backend::from_code(ffi::backend())
}

/// Caps the backend at `max` for the whole process and returns the one now in
/// use (lower than `max` when the CPU lacks it). Operations running on other
/// threads meanwhile finish on either backend, with identical results.
pub fn limit(max: Backend) -> Backend {
    let code = match max {
        Backend::Portable => ffi::BACKEND_PORTABLE,
        Backend::Avx2 => ffi::BACKEND_AVX2,
        Backend::Avx512 => ffi::BACKEND_AVX512,
    };
    backend();
    Backend::from_code(ffi::select_backend(code))
}
