//! ML-KEM, the module-lattice key-encapsulation mechanism of FIPS 203.
//!
//! Parameter sets are types: [`MlKem512`], [`MlKem768`] (the general-purpose
//! choice) and [`MlKem1024`]. Keys and ciphertexts are generic over them, so a
//! key of one set cannot be used with another.
//!
//! ```
//! use pqfence::mlkem::{DecapsulationKey, MlKem768};
//!
//! let dk = DecapsulationKey::<MlKem768>::generate()?;
//! let ek = dk.encapsulation_key();
//! let (ss_sender, ct) = ek.encapsulate()?;
//! let ss_receiver = dk.decapsulate(&ct)?;
//! assert_eq!(ss_sender, ss_receiver); // constant-time comparison
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;

use subtle::ConstantTimeEq;

use crate::algorithms::AlgorithmId;
use crate::error::{Error, Result};
use crate::ffi::{self, check_rc, check_written, Words};
use crate::rng;
use crate::secret::{boxed_from_slice, ByteArray, Secret};

/// The 32-byte shared secret K (zeroized on drop, constant-time equality).
pub type SharedSecret = Secret<[u8; 32]>;
/// The 64-byte key-generation seed d || z (FIPS 203 Algorithm 16).
pub type Seed = Secret<[u8; 64]>;

pub use crate::algorithms::mlkem::{MlKem1024, MlKem512, MlKem768};

/// A parameter set of ML-KEM: [`MlKem512`], [`MlKem768`] or [`MlKem1024`]
/// (sealed). Pure data: the set's name and array types, whose lengths come
/// from the C header.
pub trait KemParams: AlgorithmId + ffi::MlKemSet + Sized + Send + Sync + 'static {
    /// The name FIPS 203 gives the set, e.g. "ML-KEM-768".
    const NAME: &'static str;
    /// Encapsulation key bytes.
    type Ek: ByteArray;
    /// Decapsulation key bytes (the expanded FIPS 203 form).
    type Dk: ByteArray;
    /// Ciphertext bytes.
    type Ct: ByteArray;
    /// What error messages call an encapsulation key of this set.
    const NAME_EK: &'static str;
    /// What error messages call a decapsulation key of this set.
    const NAME_DK: &'static str;
    /// What error messages call a ciphertext of this set.
    const NAME_CT: &'static str;
    /// What error messages call a seed of this set.
    const NAME_SEED: &'static str;
}

/// Declares one ML-KEM parameter set from its row in `rust/algorithms.rs`:
/// the type, its sizes (the C header's macros for prefix `c`), its C entry
/// points and its catalogue entry, and with feature `python` its classes.
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident, oid: $oid:tt,
        c: $c:ident, cdef: $cdef:literal $(,)?
    }) => {
        $crate::ffi::paste! {
            $(#[$doc])*
            // Ord: the `kem` crate's `Kem` trait asks it of the set's type.
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct $t;

            impl $t {
                /// Encapsulation key size in bytes.
                pub const EK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _EK_BYTES>] as usize;
                /// Expanded decapsulation key size in bytes.
                pub const DK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _DK_BYTES>] as usize;
                /// Ciphertext size in bytes.
                pub const CT_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _CT_BYTES>] as usize;
                /// Shared secret size in bytes.
                pub const SS_BYTES: usize =
                    $crate::ffi::bindings::PQF_MLKEM_SHARED_SECRET_BYTES as usize;
                /// Key-generation seed (d || z) size in bytes.
                pub const SEED_BYTES: usize = $crate::ffi::bindings::PQF_MLKEM_SEED_BYTES as usize;
            }

            impl $crate::mlkem::KemParams for $t {
                const NAME: &'static str = $name;
                const NAME_EK: &'static str = concat!($name, " encapsulation key");
                const NAME_DK: &'static str = concat!($name, " decapsulation key");
                const NAME_CT: &'static str = concat!($name, " ciphertext");
                const NAME_SEED: &'static str = concat!($name, " seed (d || z)");
                type Ek = [u8; $t::EK_BYTES];
                type Dk = [u8; $t::DK_BYTES];
                type Ct = [u8; $t::CT_BYTES];
            }

            impl $crate::ffi::MlKemSet for $t {
                const C: $crate::ffi::MlKemC = $crate::ffi::mlkem_entry_points!($c);
                type Cache =
                    [u64; $crate::ffi::bindings::[<PQF_ $c:upper _EK_CACHE_BYTES>] as usize / 8];
            }
            // The cache is a whole number of words (the C needs 8-byte alignment).
            const _: () = assert!(
                $crate::ffi::mlkem::cache_bytes::<<$t as $crate::ffi::MlKemSet>::Cache>()
                    == $crate::ffi::bindings::[<PQF_ $c:upper _EK_CACHE_BYTES>] as usize
            );

            impl $crate::algorithms::AlgorithmId for $t {
                const ALGORITHM: &'static $crate::algorithms::Algorithm =
                    &$crate::algorithms::Algorithm {
                        name: $name,
                        standard: "FIPS 203",
                        kind: $crate::algorithms::KeyKind::Kem,
                        oid: $crate::algorithms::oid!($oid),
                        python_name: stringify!($py),
                        public_key_len: $t::EK_BYTES,
                        private_key_len: $t::DK_BYTES,
                        seed_len: $t::SEED_BYTES,
                        output_len: $t::CT_BYTES,
                        shared_secret_len: $t::SS_BYTES,
                        private_key: $crate::algorithms::PrivateKeyShape::SeedOrExpanded {
                            seed: $t::SEED_BYTES,
                            expanded: $t::DK_BYTES,
                        },
                    };
            }

            impl $crate::keys::KeyTypes for $t {
                type PrivateKey = $crate::mlkem::DecapsulationKey<$t>;
                type PublicKey = $crate::mlkem::EncapsulationKey<$t>;
            }

            $crate::traits::kem_set!($t);

            #[cfg(feature = "python")]
            $crate::python::mlkem::classes!($t, $py, $name);
        }
    };
}
pub(crate) use declare;

/// A heap copy of an expanded key (no detour through the stack).
fn clone_words<W: Words>(words: &W) -> Box<W> {
    let mut out = W::boxed_zero();
    (*out).as_mut().copy_from_slice(words.as_ref());
    out
}

/// Splits a 64-byte seed into d and z.
fn split_seed(seed: &[u8; 64]) -> (&[u8; 32], &[u8; 32]) {
    let (d, z) = seed.split_at(32);
    match (d.try_into(), z.try_into()) {
        (Ok(d), Ok(z)) => (d, z),
        // 64 = 32 + 32: the conversions cannot fail.
        _ => unreachable!("a 64-byte seed splits into two 32-byte halves"),
    }
}

/// An ML-KEM encapsulation key (public). Loading one from bytes runs the
/// FIPS 203 section 7.2 modulus check.
///
/// The key also keeps its expansion (the matrix A-hat sampled from rho, t-hat
/// decoded and H(ek): 3 KiB for ML-KEM-512, 6 KiB for ML-KEM-768, 10 KiB for
/// ML-KEM-1024), computed once when the key is loaded or generated, so that
/// each encapsulation skips SampleNTT and the hash of ek. All of it is public.
pub struct EncapsulationKey<P: KemParams> {
    bytes: Box<P::Ek>,
    /// Filled by the C layer from `bytes` (ek_expand) or by key generation
    /// (keygen_cached), never changed afterwards.
    expanded: Box<P::Cache>,
}

impl<P: KemParams> EncapsulationKey<P> {
    /// Loads an encapsulation key, checking its length and running the
    /// section 7.2 modulus check (every coefficient below q).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let ek = boxed_from_slice::<P::Ek>(P::NAME_EK, bytes)?;
        let mut expanded = <P::Cache as Words>::boxed_zero();
        check_rc(
            ffi::mlkem::ek_expand::<P>(&mut expanded, &ek),
            "encapsulation key fails the FIPS 203 modulus check (a coefficient is not reduced mod q)",
        )?;
        Ok(EncapsulationKey {
            bytes: ek,
            expanded,
        })
    }

    /// The encoded key (FIPS 203 ByteEncode_12 of t-hat, then rho).
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_ref().as_ref()
    }

    /// Encapsulates with fresh OS randomness: returns the shared secret and the
    /// ciphertext to send (FIPS 203 Algorithm 20).
    pub fn encapsulate(&self) -> Result<(SharedSecret, Ciphertext<P>)> {
        let m = rng::random_secret::<[u8; 32]>()?;
        self.encapsulate_deterministic(m.expose())
    }

    /// **Deterministic, for testing only**: encapsulates with the caller's 32-byte
    /// coin `m` (FIPS 203 Algorithm 17, Encaps_internal). Reusing `m` reveals the
    /// shared secret to anyone who sees both ciphertexts; use
    /// [`encapsulate`](Self::encapsulate) in applications.
    pub fn encapsulate_deterministic(&self, m: &[u8; 32]) -> Result<(SharedSecret, Ciphertext<P>)> {
        let mut ss = SharedSecret::zero();
        let mut ct = P::Ct::boxed_zero();
        let rc = ffi::mlkem::encaps_cached::<P>(ss.expose_mut(), &mut ct, &self.expanded, m);
        check_rc(rc, "encapsulation key fails the FIPS 203 modulus check")?;
        check_written((*ct).as_ref())?;
        Ok((ss, Ciphertext { bytes: ct }))
    }
}

impl<P: KemParams> Clone for EncapsulationKey<P> {
    fn clone(&self) -> Self {
        EncapsulationKey {
            bytes: self.bytes.clone(),
            expanded: clone_words(&*self.expanded),
        }
    }
}

impl<P: KemParams> PartialEq for EncapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl<P: KemParams> Eq for EncapsulationKey<P> {}

impl<P: KemParams> fmt::Debug for EncapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncapsulationKey<{}>({} bytes)", P::NAME, P::Ek::LEN)
    }
}

impl<P: KemParams> TryFrom<&[u8]> for EncapsulationKey<P> {
    type Error = Error;
    fn try_from(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
}

/// An ML-KEM ciphertext.
pub struct Ciphertext<P: KemParams> {
    bytes: Box<P::Ct>,
}

impl<P: KemParams> Ciphertext<P> {
    /// Loads a ciphertext, checking its length. Every ciphertext of the right
    /// length is accepted: a tampered one decapsulates to an unrelated secret
    /// (implicit rejection), never to an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Ciphertext {
            bytes: boxed_from_slice::<P::Ct>(P::NAME_CT, bytes)?,
        })
    }

    /// The encoded ciphertext.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_ref().as_ref()
    }
}

impl<P: KemParams> TryFrom<&[u8]> for Ciphertext<P> {
    type Error = Error;
    fn try_from(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
}

/// An ML-KEM decapsulation key (secret): wiped on drop, redacted in `Debug`,
/// compared in constant time, never `Copy`.
///
/// It keeps the 64-byte seed when it was generated or loaded from one (the
/// compact form to store), and always the expanded FIPS 203 key.
pub struct DecapsulationKey<P: KemParams> {
    seed: Option<Seed>,
    dk: Secret<P::Dk>,
    ek: EncapsulationKey<P>,
}

impl<P: KemParams> DecapsulationKey<P> {
    /// Generates a key pair from a fresh 64-byte OS seed (FIPS 203 Algorithm 19).
    pub fn generate() -> Result<Self> {
        let seed = rng::random_secret::<[u8; 64]>()?;
        Self::from_seed_secret(seed)
    }

    /// Derives the key pair from a 64-byte seed d || z (FIPS 203 Algorithm 16).
    pub fn from_seed(seed: &[u8]) -> Result<Self> {
        let seed = Seed::from_slice(P::NAME_SEED, seed)?;
        Self::from_seed_secret(seed)
    }

    fn from_seed_secret(seed: Seed) -> Result<Self> {
        let key = Self::from_seed_without_check(seed)?;
        key.pairwise_consistency_check()?;
        Ok(key)
    }

    /// Benchmark hook: key generation as [`generate`](Self::generate) (`None`:
    /// a fresh OS seed) or, from a 64-byte seed d || z, as
    /// [`from_seed`](Self::from_seed) runs it (FIPS 203 Algorithm 16 with the
    /// expanded encapsulation key filled), but without the pairwise
    /// consistency check. The key is dropped (wiped) here, never returned,
    /// so no unchecked key leaves: only the time of the step is observable.
    #[doc(hidden)]
    pub fn keygen_without_check_for_benchmark(seed: Option<&[u8]>) -> Result<()> {
        let seed = match seed {
            Some(seed) => Seed::from_slice(P::NAME_SEED, seed)?,
            None => rng::random_secret()?,
        };
        Self::from_seed_without_check(seed).map(drop)
    }

    /// FIPS 203 Algorithm 16 through `keygen_cached`, before the pairwise
    /// consistency check (which every caller but the benchmark hook runs).
    fn from_seed_without_check(seed: Seed) -> Result<Self> {
        let mut ek = P::Ek::boxed_zero();
        let mut dk = Secret::<P::Dk>::zero();
        let mut expanded = <P::Cache as Words>::boxed_zero();
        let (d, z) = split_seed(seed.expose());
        check_rc(
            ffi::mlkem::keygen_cached::<P>(&mut ek, dk.expose_mut(), &mut expanded, d, z),
            "key generation",
        )?;
        check_written((*ek).as_ref())?;
        check_written(dk.bytes())?;
        #[cfg(any(test, feature = "test-hooks"))]
        crate::hooks::maybe_corrupt(dk.expose_mut().as_mut());
        Ok(DecapsulationKey {
            seed: Some(seed),
            dk,
            ek: EncapsulationKey {
                bytes: ek,
                expanded,
            },
        })
    }

    /// Pairwise consistency check (FIPS 140-3 IG 10.3.A): an encapsulation to
    /// the new key must decapsulate to the same secret. A fixed coin is used:
    /// the resulting secret is discarded, and the check runs on every key from
    /// [`generate`](Self::generate), [`from_seed`](Self::from_seed) and
    /// [`from_expanded_bytes`](Self::from_expanded_bytes).
    fn pairwise_consistency_check(&self) -> Result<()> {
        let (ss, ct) = self.ek.encapsulate_deterministic(&[0xA5; 32])?;
        if self.decapsulate(&ct)? == ss {
            Ok(())
        } else {
            Err(Error::PairwiseConsistency { algorithm: P::NAME })
        }
    }

    /// Loads an expanded FIPS 203 decapsulation key, running the section 7.3
    /// hash check (H(ek) stored in the key matches the embedded ek), the
    /// section 7.2 modulus check on the embedded ek, and the pairwise
    /// consistency check of key generation: the hash check cannot see a
    /// secret vector dk_pke that does not belong to ek (one taken from
    /// another key, with ek and H(ek) left intact), and such a key would
    /// silently decapsulate every ciphertext to an implicit-rejection secret.
    /// That key is [`Error::InvalidKey`]. The seed is not recoverable from this
    /// form, so [`seed`](Self::seed) returns `None`.
    pub fn from_expanded_bytes(bytes: &[u8]) -> Result<Self> {
        let dk = Secret::<P::Dk>::from_slice(P::NAME_DK, bytes)?;
        check_rc(
            ffi::mlkem::check_dk::<P>(dk.expose()),
            "decapsulation key fails the FIPS 203 hash check (stored H(ek) does not match)",
        )?;
        // dk = dk_pke || ek || H(ek) || z; dk_pke is 384 * k bytes.
        let ek_off = P::Dk::LEN - P::Ek::LEN - 64;
        let ek_bytes = dk
            .expose()
            .as_ref()
            .get(ek_off..ek_off + P::Ek::LEN)
            .ok_or(Error::Internal {
                code: ffi::codes::KEY_LAYOUT,
            })?;
        let ek = EncapsulationKey::from_bytes(ek_bytes)?;
        let key = DecapsulationKey { seed: None, dk, ek };
        key.pairwise_consistency_check().map_err(|e| match e {
            Error::PairwiseConsistency { .. } => Error::InvalidKey {
                reason: "expanded decapsulation key: the secret vector does not match the encapsulation key (pairwise consistency check)",
            },
            other => other,
        })?;
        Ok(key)
    }

    /// The 64-byte seed d || z, when the key was generated or loaded from it.
    pub fn seed(&self) -> Option<&Seed> {
        self.seed.as_ref()
    }

    /// The expanded FIPS 203 decapsulation key.
    pub fn expanded_bytes(&self) -> &Secret<P::Dk> {
        &self.dk
    }

    /// The matching encapsulation key.
    pub fn encapsulation_key(&self) -> &EncapsulationKey<P> {
        &self.ek
    }

    /// Decapsulates (FIPS 203 Algorithm 21 with implicit rejection): a tampered
    /// ciphertext yields the pseudorandom J(z || c), not an error.
    ///
    /// The section 7.3 hash check ran once when the key was loaded (or holds
    /// by construction for a generated key); the re-encryption uses the
    /// embedded encapsulation key's expansion.
    pub fn decapsulate(&self, ct: &Ciphertext<P>) -> Result<SharedSecret> {
        let mut ss = SharedSecret::zero();
        check_rc(
            ffi::mlkem::decaps_cached::<P>(
                ss.expose_mut(),
                self.dk.expose(),
                &self.ek.expanded,
                &ct.bytes,
            ),
            "decapsulation key fails the FIPS 203 hash check",
        )?;
        Ok(ss)
    }

    /// Decapsulates a ciphertext given as bytes (length checked).
    pub fn decapsulate_bytes(&self, ct: &[u8]) -> Result<SharedSecret> {
        self.decapsulate(&Ciphertext::from_bytes(ct)?)
    }
}

impl<P: KemParams> Clone for DecapsulationKey<P> {
    fn clone(&self) -> Self {
        DecapsulationKey {
            seed: self.seed.clone(),
            dk: self.dk.clone(),
            ek: self.ek.clone(),
        }
    }
}

impl<P: KemParams> ConstantTimeEq for DecapsulationKey<P> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.dk.ct_eq(&other.dk)
    }
}

impl<P: KemParams> PartialEq for DecapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}
impl<P: KemParams> Eq for DecapsulationKey<P> {}

impl<P: KemParams> fmt::Debug for DecapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecapsulationKey<{}>(REDACTED)", P::NAME)
    }
}

/// Test hooks (feature `test-hooks`): the uncached C entry points, which check,
/// hash and sample everything from the key bytes on every call, so that tests
/// can hold the cached paths the API uses against them.
#[cfg(any(test, feature = "test-hooks"))]
impl<P: KemParams> EncapsulationKey<P> {
    /// Test hook: encapsulation through `encaps_internal` (no expansion).
    #[doc(hidden)]
    pub fn encapsulate_uncached(&self, m: &[u8; 32]) -> Result<(SharedSecret, Ciphertext<P>)> {
        let mut ss = SharedSecret::zero();
        let mut ct = P::Ct::boxed_zero();
        check_rc(
            ffi::mlkem::encaps::<P>(ss.expose_mut(), &mut ct, &self.bytes, m),
            "encapsulation key fails the FIPS 203 modulus check",
        )?;
        Ok((ss, Ciphertext { bytes: ct }))
    }

    /// Test hook: whether the stored expansion is, word for word, what
    /// expanding the key's bytes afresh gives.
    #[doc(hidden)]
    pub fn expansion_is_fresh(&self) -> bool {
        let mut fresh = <P::Cache as Words>::boxed_zero();
        ffi::mlkem::ek_expand::<P>(&mut fresh, &self.bytes) == crate::ffi::codes::OK
            && (*fresh).as_ref() == (*self.expanded).as_ref()
    }
}

#[cfg(any(test, feature = "test-hooks"))]
impl<P: KemParams> DecapsulationKey<P> {
    /// Test hook: key generation through `keygen_internal` (the encapsulation
    /// key then expanded from its bytes), with no pairwise consistency check.
    #[doc(hidden)]
    pub fn from_seed_uncached(seed: &[u8]) -> Result<Self> {
        let seed = Seed::from_slice(P::NAME_SEED, seed)?;
        let mut ek = P::Ek::boxed_zero();
        let mut dk = Secret::<P::Dk>::zero();
        let (d, z) = split_seed(seed.expose());
        check_rc(
            ffi::mlkem::keygen::<P>(&mut ek, dk.expose_mut(), d, z),
            "key generation",
        )?;
        let ek = EncapsulationKey::from_bytes((*ek).as_ref())?;
        Ok(DecapsulationKey {
            seed: Some(seed),
            dk,
            ek,
        })
    }

    /// Test hook: decapsulation through `decaps_internal` (hash check and
    /// sampling on every call).
    #[doc(hidden)]
    pub fn decapsulate_uncached(&self, ct: &Ciphertext<P>) -> Result<SharedSecret> {
        let mut ss = SharedSecret::zero();
        check_rc(
            ffi::mlkem::decaps::<P>(ss.expose_mut(), self.dk.expose(), &ct.bytes),
            "decapsulation key fails the FIPS 203 hash check",
        )?;
        Ok(ss)
    }
}

crate::secret::public_value_impls!(Ciphertext, KemParams);

crate::keys::key_impls!(KemParams, DecapsulationKey, EncapsulationKey, public_key: encapsulation_key);
