//! ML-DSA, the module-lattice digital signature algorithm of FIPS 204.
//!
//! Parameter sets are types: [`MlDsa44`], [`MlDsa65`] (the general-purpose
//! choice) and [`MlDsa87`]. Signing is hedged by default (fresh 32-byte `rnd`
//! from the OS, FIPS 204 section 3.4); the deterministic variant is explicit.
//! Pure signing takes a context of up to 255 bytes; HashML-DSA takes any
//! [`PreHash`] function; external mu (a 64-byte message representative built
//! with [`MuBuilder`] from a stream) lets a huge message be signed without
//! holding it in memory.
//!
//! ```
//! use pqfence::mldsa::{MlDsa65, SigningKey};
//!
//! let sk = SigningKey::<MlDsa65>::generate()?;
//! let sig = sk.sign(b"message", b"context")?;
//! sk.verifying_key().verify(b"message", b"context", sig.as_bytes())?;
//! assert!(sk.verifying_key().verify(b"other", b"context", sig.as_bytes()).is_err());
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;
use std::sync::OnceLock;

use subtle::ConstantTimeEq;

use crate::algorithms::AlgorithmId;
use crate::error::{Error, Result};
use crate::ffi::{self, check_rc, check_written, codes, Keccak, Words};
use crate::prehash::{message_prefix, PreHash};
use crate::rng;
use crate::secret::{boxed_from_slice, ByteArray, Secret, SecretWords};

/// The 32-byte key-generation seed xi (FIPS 204 Algorithm 6).
pub type Seed = Secret<[u8; 32]>;
/// The 64-byte message representative mu = H(tr || M', 64).
pub type Mu = [u8; 64];

pub use crate::algorithms::mldsa::{MlDsa44, MlDsa65, MlDsa87};

/// A parameter set of ML-DSA: [`MlDsa44`], [`MlDsa65`] or [`MlDsa87`]
/// (sealed). Pure data: the set's name and array types, whose lengths come
/// from the C header.
pub trait DsaParams: AlgorithmId + ffi::MlDsaSet + Sized + Send + Sync + 'static {
    /// The name FIPS 204 gives the set, e.g. "ML-DSA-65".
    const NAME: &'static str;
    /// Public key bytes.
    type Pk: ByteArray;
    /// Expanded secret key bytes.
    type Sk: ByteArray;
    /// Signature bytes.
    type Sig: ByteArray;
    /// What error messages call a public key of this set.
    const NAME_PK: &'static str;
    /// What error messages call a secret key of this set.
    const NAME_SK: &'static str;
    /// What error messages call a signature of this set.
    const NAME_SIG: &'static str;
}

/// Declares one ML-DSA parameter set from its row in `rust/algorithms.rs`
/// (see `crate::mlkem::declare`).
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident, oid: $oid:tt,
        c: $c:ident, cdef: $cdef:literal $(,)?
    }) => {
        $crate::ffi::paste! {
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $t;

            impl $t {
                /// Public key size in bytes.
                pub const PK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _PK_BYTES>] as usize;
                /// Expanded secret key size in bytes.
                pub const SK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SK_BYTES>] as usize;
                /// Signature size in bytes.
                pub const SIG_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SIG_BYTES>] as usize;
                /// Key-generation seed (xi) size in bytes.
                pub const SEED_BYTES: usize = $crate::ffi::bindings::PQF_MLDSA_SEED_BYTES as usize;
            }

            impl $crate::mldsa::DsaParams for $t {
                const NAME: &'static str = $name;
                const NAME_PK: &'static str = concat!($name, " public key");
                const NAME_SK: &'static str = concat!($name, " secret key");
                const NAME_SIG: &'static str = concat!($name, " signature");
                type Pk = [u8; $t::PK_BYTES];
                type Sk = [u8; $t::SK_BYTES];
                type Sig = [u8; $t::SIG_BYTES];
            }

            impl $crate::ffi::MlDsaSet for $t {
                const C: $crate::ffi::MlDsaC = $crate::ffi::mldsa_entry_points!($c);
                type PkCache =
                    [u64; $crate::ffi::bindings::[<PQF_ $c:upper _PK_CACHE_BYTES>] as usize / 8];
                type SkCache =
                    [u64; $crate::ffi::bindings::[<PQF_ $c:upper _SK_CACHE_BYTES>] as usize / 8];
            }
            // The caches are whole numbers of words (the C needs 8-byte alignment).
            const _: () = assert!(
                $crate::ffi::mldsa::cache_bytes::<<$t as $crate::ffi::MlDsaSet>::PkCache>()
                    == $crate::ffi::bindings::[<PQF_ $c:upper _PK_CACHE_BYTES>] as usize
            );
            const _: () = assert!(
                $crate::ffi::mldsa::cache_bytes::<<$t as $crate::ffi::MlDsaSet>::SkCache>()
                    == $crate::ffi::bindings::[<PQF_ $c:upper _SK_CACHE_BYTES>] as usize
            );

            impl $crate::algorithms::AlgorithmId for $t {
                const ALGORITHM: &'static $crate::algorithms::Algorithm =
                    &$crate::algorithms::Algorithm {
                        name: $name,
                        standard: "FIPS 204",
                        kind: $crate::algorithms::KeyKind::Signature,
                        oid: $crate::algorithms::oid!($oid),
                        python_name: stringify!($py),
                        public_key_len: $t::PK_BYTES,
                        private_key_len: $t::SK_BYTES,
                        seed_len: $t::SEED_BYTES,
                        output_len: $t::SIG_BYTES,
                        shared_secret_len: 0,
                        private_key: $crate::algorithms::PrivateKeyShape::SeedOrExpanded {
                            seed: $t::SEED_BYTES,
                            expanded: $t::SK_BYTES,
                        },
                    };
            }

            impl $crate::keys::KeyTypes for $t {
                type PrivateKey = $crate::mldsa::SigningKey<$t>;
                type PublicKey = $crate::mldsa::VerifyingKey<$t>;
            }

            #[cfg(feature = "python")]
            $crate::python::mldsa::classes!($t, $py, $name);
        }
    };
}
pub(crate) use declare;

/// Signing randomness: fresh from the OS (hedged), or zero (deterministic).
fn rnd(deterministic: bool) -> Result<Secret<[u8; 32]>> {
    if deterministic {
        Ok(Secret::zero())
    } else {
        rng::random_secret()
    }
}

/// An ML-DSA signature (fixed length per parameter set).
pub struct Signature<P: DsaParams> {
    bytes: Box<P::Sig>,
}

impl<P: DsaParams> Signature<P> {
    /// Loads a signature, checking its length (its encoding is checked strictly
    /// when it is verified).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Signature {
            bytes: boxed_from_slice::<P::Sig>(P::NAME_SIG, bytes)?,
        })
    }

    /// The encoded signature.
    pub fn as_bytes(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }
}

/// An ML-DSA public (verifying) key.
///
/// The key keeps its expansion (FIPS 204 section 3.6.3: rho, tr = H(pk, 64),
/// the matrix A-hat and NTT(t1 2^d); 20 KiB for ML-DSA-44, 36 KiB for
/// ML-DSA-65, 64 KiB for ML-DSA-87), made on the first verification (or by
/// key generation) and reused by every later one, so that verifying skips
/// ExpandA and the hash of pk. A key that is only loaded or serialized never
/// pays for it. All of it is public.
pub struct VerifyingKey<P: DsaParams> {
    bytes: Box<P::Pk>,
    /// Filled by the C layer from `bytes` (pk_expand) or by key generation
    /// (keygen_cached), never changed afterwards.
    expanded: OnceLock<Box<P::PkCache>>,
}

impl<P: DsaParams> VerifyingKey<P> {
    /// Loads a public key (length checked; every string of that length decodes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Self::from_box(boxed_from_slice::<P::Pk>(
            P::NAME_PK,
            bytes,
        )?))
    }

    fn from_box(bytes: Box<P::Pk>) -> Self {
        VerifyingKey {
            bytes,
            expanded: OnceLock::new(),
        }
    }

    /// The expansion, made on first use.
    fn expanded(&self) -> Result<&P::PkCache> {
        if let Some(x) = self.expanded.get() {
            return Ok(x);
        }
        let mut x = <P::PkCache as Words>::boxed_zero();
        Self::check(ffi::mldsa::pk_expand::<P>(&mut x, &self.bytes))?;
        // Another thread may have filled it meanwhile: the same bytes.
        Ok(self.expanded.get_or_init(|| x))
    }

    /// The encoded public key.
    pub fn as_bytes(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }

    /// tr = H(pk, 64), the public-key hash that starts mu.
    pub fn tr(&self) -> [u8; 64] {
        let mut k = Keccak::shake256();
        k.absorb(self.as_bytes());
        let mut tr = [0u8; 64];
        k.squeeze(&mut tr);
        tr
    }

    fn check(rc: i32) -> Result<()> {
        check_rc(rc, "malformed ML-DSA public key")
    }

    /// Verifies a pure ML-DSA signature (FIPS 204 Algorithm 3) over `msg` with
    /// context `ctx` (at most 255 bytes).
    pub fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        let pre = message_prefix(ctx, None)?;
        self.verify_raw(&pre, msg, sig)
    }

    fn verify_raw(&self, pre: &[u8], msg: &[u8], sig: &[u8]) -> Result<()> {
        let x = self.expanded()?;
        Self::check(ffi::mldsa::verify_cached::<P>(x, pre, msg, sig))
    }

    /// Verifies a HashML-DSA signature (FIPS 204 Algorithm 5) over `msg`.
    pub fn verify_prehash(&self, ph: PreHash, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        self.verify_prehashed(ph, &ph.digest(msg), ctx, sig)
    }

    /// Verifies a HashML-DSA signature given the message's digest under `ph`.
    pub fn verify_prehashed(
        &self,
        ph: PreHash,
        digest: &[u8],
        ctx: &[u8],
        sig: &[u8],
    ) -> Result<()> {
        ph.check_digest(digest)?;
        let pre = message_prefix(ctx, Some(ph))?;
        self.verify_raw(&pre, digest, sig)
    }

    /// Verifies a signature over an external mu (see [`MuBuilder`]).
    pub fn verify_mu(&self, mu: &[u8], sig: &[u8]) -> Result<()> {
        let mu = mu_array(mu)?;
        let x = self.expanded()?;
        Self::check(ffi::mldsa::verify_mu_cached::<P>(x, &mu, sig))
    }

    /// **Internal interface** (FIPS 204 Algorithm 8, Verify_internal) over a
    /// caller-formatted M', for conformance tests.
    pub fn verify_internal(&self, m_prime: &[u8], sig: &[u8]) -> Result<()> {
        self.verify_raw(&[], m_prime, sig)
    }

    /// A streaming builder of mu for pure signing with context `ctx`.
    pub fn mu_builder(&self, ctx: &[u8]) -> Result<MuBuilder> {
        MuBuilder::new(&self.tr(), ctx)
    }
}

fn mu_array(mu: &[u8]) -> Result<Mu> {
    mu.try_into().map_err(|_| Error::InvalidLength {
        what: "ML-DSA mu",
        expected: 64,
        actual: mu.len(),
    })
}

/// Builds mu = SHAKE256(tr || 0x00 || |ctx| || ctx || M, 64) from a message fed
/// in pieces, so a message of any size can be signed or verified through
/// [`SigningKey::sign_mu`] / [`VerifyingKey::verify_mu`] without holding it.
#[derive(Clone)]
pub struct MuBuilder {
    k: Keccak,
}

impl MuBuilder {
    /// Starts mu for a public key hash `tr` and a context (at most 255 bytes).
    pub fn new(tr: &[u8; 64], ctx: &[u8]) -> Result<Self> {
        let pre = message_prefix(ctx, None)?;
        let mut k = Keccak::shake256();
        k.absorb(tr);
        k.absorb(&pre);
        Ok(MuBuilder { k })
    }

    /// Absorbs more of the message.
    pub fn update(&mut self, data: &[u8]) {
        self.k.absorb(data);
    }

    /// The 64-byte mu.
    pub fn finalize(mut self) -> Mu {
        let mut mu = [0u8; 64];
        self.k.squeeze(&mut mu);
        mu
    }
}

/// An ML-DSA secret (signing) key: wiped on drop, redacted in `Debug`,
/// compared in constant time, never `Copy`. Keeps the 32-byte seed when it
/// was generated or loaded from one.
///
/// The key keeps its expansion (FIPS 204 section 3.6.3: K, tr, NTT(s1),
/// NTT(s2) and NTT(t0); 12 KiB for ML-DSA-44, 17 KiB for ML-DSA-65, 23 KiB
/// for ML-DSA-87, wiped on drop like the key), made from the key's bytes on
/// the first signature (at once for a generated key, whose pairwise
/// consistency check signs), and signs with the verifying key's expanded
/// matrix A-hat. A key that is only loaded or serialized never pays for it.
pub struct SigningKey<P: DsaParams> {
    seed: Option<Seed>,
    sk: Secret<P::Sk>,
    vk: VerifyingKey<P>,
    /// Filled by the C layer from `sk` (sk_expand), never changed afterwards.
    expanded: OnceLock<SecretWords<P::SkCache>>,
}

impl<P: DsaParams> SigningKey<P> {
    /// Generates a key pair from a fresh OS seed (FIPS 204 Algorithm 1).
    pub fn generate() -> Result<Self> {
        Self::from_seed_secret(rng::random_secret()?)
    }

    /// Derives the key pair from a 32-byte seed xi (Algorithm 6).
    pub fn from_seed(seed: &[u8]) -> Result<Self> {
        Self::from_seed_secret(Seed::from_slice("ML-DSA seed (xi)", seed)?)
    }

    fn from_seed_secret(seed: Seed) -> Result<Self> {
        let key = Self::from_seed_without_check(seed)?;
        key.pairwise_consistency_check()?;
        Ok(key)
    }

    /// Benchmark hook: key generation as [`generate`](Self::generate) (`None`:
    /// a fresh OS seed) or, from a 32-byte seed, as
    /// [`from_seed`](Self::from_seed) runs it (FIPS 204 Algorithm 6 with the
    /// verifying key's cache filled), but without the pairwise consistency
    /// check. The key is dropped (wiped) here, never returned, so no
    /// unchecked key leaves: only the time of the step is observable.
    #[doc(hidden)]
    pub fn keygen_without_check_for_benchmark(seed: Option<&[u8]>) -> Result<()> {
        let seed = match seed {
            Some(seed) => Seed::from_slice("ML-DSA seed (xi)", seed)?,
            None => rng::random_secret()?,
        };
        Self::from_seed_without_check(seed).map(drop)
    }

    /// Algorithm 6 through `keygen_cached`, before the pairwise consistency
    /// check (which every caller but the benchmark hook runs).
    fn from_seed_without_check(seed: Seed) -> Result<Self> {
        let mut pk = P::Pk::boxed_zero();
        let mut sk = Secret::<P::Sk>::zero();
        let mut pk_cache = <P::PkCache as Words>::boxed_zero();
        check_rc(
            ffi::mldsa::keygen_cached::<P>(&mut pk, sk.expose_mut(), &mut pk_cache, seed.expose()),
            "key generation",
        )?;
        check_written((*pk).as_ref())?;
        check_written(sk.bytes())?;
        #[cfg(any(test, feature = "test-hooks"))]
        crate::hooks::maybe_corrupt(sk.expose_mut().as_mut());
        let vk = VerifyingKey {
            bytes: pk,
            expanded: OnceLock::from(pk_cache),
        };
        Ok(SigningKey {
            seed: Some(seed),
            sk,
            vk,
            expanded: OnceLock::new(),
        })
    }

    /// The expansion of the secret key (made from its bytes on first use) and
    /// the verifying key's.
    fn expanded(&self) -> Result<(&P::SkCache, &P::PkCache)> {
        let pk_cache = self.vk.expanded()?;
        if let Some(x) = self.expanded.get() {
            return Ok((x.expose(), pk_cache));
        }
        let mut x = SecretWords::<P::SkCache>::zero();
        check_rc(
            ffi::mldsa::sk_expand::<P>(x.expose_mut(), self.sk.expose()),
            "ML-DSA secret key",
        )?;
        // Another thread may have filled it meanwhile (the same bytes); the
        // loser's copy is wiped on drop.
        Ok((self.expanded.get_or_init(|| x).expose(), pk_cache))
    }

    /// Pairwise consistency check (FIPS 140-3 IG 10.3.A): a deterministic
    /// signature by the new key must verify under its public key. Runs on
    /// every key from [`generate`](Self::generate) and
    /// [`from_seed`](Self::from_seed). It signs with the expansion of the
    /// secret key's bytes (rho and tr of which must match the public key's),
    /// so it covers every byte of the stored key.
    fn pairwise_consistency_check(&self) -> Result<()> {
        const MSG: &[u8] = b"pqfence pairwise consistency check";
        let ok = self
            .sign_deterministic(MSG, b"")
            .and_then(|sig| self.vk.verify(MSG, b"", sig.as_bytes()));
        match ok {
            Ok(()) => Ok(()),
            Err(Error::InvalidSignature)
            | Err(Error::InvalidKey { .. })
            | Err(Error::Internal {
                code: codes::BAD_ARGUMENT,
            }) => Err(Error::PairwiseConsistency { algorithm: P::NAME }),
            Err(e) => Err(e),
        }
    }

    /// Loads an expanded FIPS 204 secret key. It is validated: s1 and s2
    /// coefficients within [-eta, eta], t0 consistent with rho, s1 and s2, and
    /// tr equal to the hash of the public key derived from it (which becomes
    /// this key's verifying key). The seed is not recoverable from this form.
    pub fn from_expanded_bytes(bytes: &[u8]) -> Result<Self> {
        let sk = Secret::<P::Sk>::from_slice(P::NAME_SK, bytes)?;
        let mut pk = P::Pk::boxed_zero();
        check_rc(
            ffi::mldsa::sk_to_pk::<P>(&mut pk, sk.expose()),
            "ML-DSA secret key is inconsistent (coefficient out of range, t0 or tr mismatch)",
        )?;
        Ok(SigningKey {
            seed: None,
            sk,
            vk: VerifyingKey::from_box(pk),
            expanded: OnceLock::new(),
        })
    }

    /// The 32-byte seed, when the key was generated or loaded from it.
    pub fn seed(&self) -> Option<&Seed> {
        self.seed.as_ref()
    }

    /// The expanded FIPS 204 secret key.
    pub fn expanded_bytes(&self) -> &Secret<P::Sk> {
        &self.sk
    }

    /// The matching public key.
    pub fn verifying_key(&self) -> &VerifyingKey<P> {
        &self.vk
    }

    fn sign_raw(&self, pre: &[u8], msg: &[u8], deterministic: bool) -> Result<Signature<P>> {
        let rnd = rnd(deterministic)?;
        self.sign_cached(pre, msg, rnd.expose())
    }

    fn sign_cached(&self, pre: &[u8], msg: &[u8], rnd: &[u8; 32]) -> Result<Signature<P>> {
        let (skc, pkc) = self.expanded()?;
        self.finish(|sig| ffi::mldsa::sign_cached::<P>(sig, skc, pkc, pre, msg, rnd))
    }

    fn finish(&self, f: impl FnOnce(&mut P::Sig) -> i32) -> Result<Signature<P>> {
        let mut sig = P::Sig::boxed_zero();
        check_rc(f(&mut sig), "ML-DSA secret key")?;
        check_written((*sig).as_ref())?;
        Ok(Signature { bytes: sig })
    }

    /// Signs `msg` with context `ctx` (at most 255 bytes), hedged with fresh OS
    /// randomness (FIPS 204 Algorithm 2).
    pub fn sign(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<P>> {
        self.sign_raw(&message_prefix(ctx, None)?, msg, false)
    }

    /// Signs deterministically (rnd = 0^32): the same message, context and key
    /// always give the same signature.
    pub fn sign_deterministic(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<P>> {
        self.sign_raw(&message_prefix(ctx, None)?, msg, true)
    }

    /// Pure signing hedged with the caller's 32-byte `rnd` (for the
    /// RustCrypto `RandomizedSigner`, in `rust/traits.rs`).
    pub(crate) fn sign_with_rnd(
        &self,
        msg: &[u8],
        ctx: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Signature<P>> {
        let pre = message_prefix(ctx, None)?;
        self.sign_cached(&pre, msg, rnd)
    }

    /// HashML-DSA (FIPS 204 Algorithm 4): hashes `msg` with `ph`, then signs.
    pub fn sign_prehash(
        &self,
        ph: PreHash,
        msg: &[u8],
        ctx: &[u8],
        deterministic: bool,
    ) -> Result<Signature<P>> {
        self.sign_prehashed(ph, &ph.digest(msg), ctx, deterministic)
    }

    /// HashML-DSA over a digest the caller computed with `ph`.
    pub fn sign_prehashed(
        &self,
        ph: PreHash,
        digest: &[u8],
        ctx: &[u8],
        deterministic: bool,
    ) -> Result<Signature<P>> {
        ph.check_digest(digest)?;
        self.sign_raw(&message_prefix(ctx, Some(ph))?, digest, deterministic)
    }

    /// Signs an external mu (64 bytes; see [`MuBuilder`]).
    pub fn sign_mu(&self, mu: &[u8], deterministic: bool) -> Result<Signature<P>> {
        let mu = mu_array(mu)?;
        let rnd = rnd(deterministic)?;
        let (skc, pkc) = self.expanded()?;
        self.finish(|sig| ffi::mldsa::sign_mu_cached::<P>(sig, skc, pkc, &mu, rnd.expose()))
    }

    /// **Internal interface** (FIPS 204 Algorithm 7, Sign_internal) over a
    /// caller-formatted M' with caller-chosen `rnd`, for conformance tests.
    pub fn sign_internal(&self, m_prime: &[u8], rnd: &[u8; 32]) -> Result<Signature<P>> {
        self.sign_cached(&[], m_prime, rnd)
    }
}

impl<P: DsaParams> Clone for SigningKey<P> {
    fn clone(&self) -> Self {
        SigningKey {
            seed: self.seed.clone(),
            sk: self.sk.clone(),
            vk: self.vk.clone(),
            expanded: self.expanded.clone(),
        }
    }
}

impl<P: DsaParams> ConstantTimeEq for SigningKey<P> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.sk.ct_eq(&other.sk)
    }
}

impl<P: DsaParams> PartialEq for SigningKey<P> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}
impl<P: DsaParams> Eq for SigningKey<P> {}

impl<P: DsaParams> fmt::Debug for SigningKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey<{}>(REDACTED)", P::NAME)
    }
}

crate::secret::public_value_impls!(Signature, DsaParams);

impl<P: DsaParams> Clone for VerifyingKey<P> {
    fn clone(&self) -> Self {
        let expanded = OnceLock::new();
        if let Some(x) = self.expanded.get() {
            let mut copy = <P::PkCache as Words>::boxed_zero();
            (*copy).as_mut().copy_from_slice((**x).as_ref());
            let _ = expanded.set(copy);
        }
        VerifyingKey {
            bytes: self.bytes.clone(),
            expanded,
        }
    }
}

impl<P: DsaParams> PartialEq for VerifyingKey<P> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<P: DsaParams> Eq for VerifyingKey<P> {}

impl<P: DsaParams> fmt::Debug for VerifyingKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "VerifyingKey<{}>({} bytes)",
            P::NAME,
            self.as_bytes().len()
        )
    }
}

/// Test hooks (feature `test-hooks`): the uncached C entry points, which decode,
/// hash and sample everything from the key bytes on every call, so that tests
/// can hold the cached paths the API uses against them.
#[cfg(any(test, feature = "test-hooks"))]
impl<P: DsaParams> VerifyingKey<P> {
    /// Test hook: Verify_internal over M' through `verify_internal` (pk
    /// decoded, hashed and A expanded on every call).
    #[doc(hidden)]
    pub fn verify_internal_uncached(&self, m_prime: &[u8], sig: &[u8]) -> Result<()> {
        Self::check(ffi::mldsa::verify::<P>(&self.bytes, &[], m_prime, sig))
    }

    /// Test hook: verification of an external mu through `verify_mu`.
    #[doc(hidden)]
    pub fn verify_mu_uncached(&self, mu: &[u8], sig: &[u8]) -> Result<()> {
        let mu = mu_array(mu)?;
        Self::check(ffi::mldsa::verify_mu::<P>(&self.bytes, &mu, sig))
    }

    /// Test hook: whether the key has made its expansion yet.
    #[doc(hidden)]
    pub fn is_expanded(&self) -> bool {
        self.expanded.get().is_some()
    }

    /// Test hook: whether the stored expansion is, word for word, what
    /// expanding the key's bytes afresh gives (true when not yet made).
    #[doc(hidden)]
    pub fn expansion_is_fresh(&self) -> bool {
        let Some(x) = self.expanded.get() else {
            return true;
        };
        let mut fresh = <P::PkCache as Words>::boxed_zero();
        ffi::mldsa::pk_expand::<P>(&mut fresh, &self.bytes) == codes::OK
            && (*fresh).as_ref() == (**x).as_ref()
    }
}

#[cfg(any(test, feature = "test-hooks"))]
impl<P: DsaParams> SigningKey<P> {
    /// Test hook: key generation through `keygen_internal`, with no cache and
    /// no pairwise consistency check.
    #[doc(hidden)]
    pub fn from_seed_uncached(seed: &[u8]) -> Result<Self> {
        let seed = Seed::from_slice("ML-DSA seed (xi)", seed)?;
        let mut pk = P::Pk::boxed_zero();
        let mut sk = Secret::<P::Sk>::zero();
        check_rc(
            ffi::mldsa::keygen::<P>(&mut pk, sk.expose_mut(), seed.expose()),
            "key generation",
        )?;
        Ok(SigningKey {
            seed: Some(seed),
            sk,
            vk: VerifyingKey::from_box(pk),
            expanded: OnceLock::new(),
        })
    }

    /// Test hook: Sign_internal over M' through `sign_internal` (sk decoded
    /// and A expanded on every call).
    #[doc(hidden)]
    pub fn sign_internal_uncached(&self, m_prime: &[u8], rnd: &[u8; 32]) -> Result<Signature<P>> {
        self.finish(|sig| ffi::mldsa::sign::<P>(sig, self.sk.expose(), &[], m_prime, rnd))
    }

    /// Test hook: Sign_internal from mu through `sign_mu`.
    #[doc(hidden)]
    pub fn sign_mu_uncached(&self, mu: &[u8], rnd: &[u8; 32]) -> Result<Signature<P>> {
        let mu = mu_array(mu)?;
        self.finish(|sig| ffi::mldsa::sign_mu::<P>(sig, self.sk.expose(), &mu, rnd))
    }

    /// Test hook: whether the key has made its secret expansion yet.
    #[doc(hidden)]
    pub fn is_expanded(&self) -> bool {
        self.expanded.get().is_some()
    }

    /// Test hook: signing an external mu through `sign_mu_cached` with an
    /// explicit `rnd`.
    #[doc(hidden)]
    pub fn sign_mu_cached_with_rnd(&self, mu: &[u8], rnd: &[u8; 32]) -> Result<Signature<P>> {
        let mu = mu_array(mu)?;
        let (skc, pkc) = self.expanded()?;
        self.finish(|sig| ffi::mldsa::sign_mu_cached::<P>(sig, skc, pkc, &mu, rnd))
    }

    /// Test hook: signing with this key's sk cache and `other`'s pk cache
    /// (the C must refuse caches of two different keys).
    #[doc(hidden)]
    pub fn sign_with_foreign_pk_cache(&self, other: &Self, msg: &[u8]) -> Result<Signature<P>> {
        let (skc, _) = self.expanded()?;
        let pkc = other.vk.expanded()?;
        self.finish(|sig| ffi::mldsa::sign_cached::<P>(sig, skc, pkc, &[0, 0], msg, &[0; 32]))
    }
}

crate::keys::key_impls!(DsaParams, SigningKey, VerifyingKey, public_key: verifying_key);
