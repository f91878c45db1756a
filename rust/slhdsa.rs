//! SLH-DSA, the stateless hash-based digital signature algorithm of FIPS 205,
//! in all twelve parameter sets (SHA2 and SHAKE, categories 1/3/5, small "s"
//! or fast "f").
//!
//! Signing is hedged by default (fresh `opt_rand` from the OS); the
//! deterministic variant is explicit. Because a single faulted SLH-DSA
//! signature can enable forgeries, [`SigningKey::sign`] and its siblings
//! verify every signature before returning it; [`SigningKey::sign_unverified`]
//! skips that check for callers who accept the risk (the benchmark reports
//! the cost).
//!
//! ```
//! use pqfence::slhdsa::{SigningKey, SlhDsaShake_128f};
//!
//! let sk = SigningKey::<SlhDsaShake_128f>::generate()?;
//! let sig = sk.sign(b"message", b"context")?;
//! sk.verifying_key().verify(b"message", b"context", sig.as_bytes())?;
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;

use subtle::ConstantTimeEq;

use crate::algorithms::AlgorithmId;
use crate::error::{Error, Result};
use crate::ffi::{self, check_rc, check_written};
use crate::prehash::{message_prefix, PreHash};
use crate::rng;
use crate::secret::{boxed_from_slice, ByteArray, Secret};

pub use crate::algorithms::slhdsa::{
    SlhDsaSha2_128f, SlhDsaSha2_128s, SlhDsaSha2_192f, SlhDsaSha2_192s, SlhDsaSha2_256f,
    SlhDsaSha2_256s, SlhDsaShake_128f, SlhDsaShake_128s, SlhDsaShake_192f, SlhDsaShake_192s,
    SlhDsaShake_256f, SlhDsaShake_256s,
};

/// A parameter set of SLH-DSA: one of the twelve SHA2 and SHAKE sets
/// (sealed). Pure data: the set's name, n and array types, whose lengths
/// come from the C header.
pub trait SlhParams: AlgorithmId + ffi::SlhDsaSet + Sized + Send + Sync + 'static {
    /// The name FIPS 205 gives the set, e.g. "SLH-DSA-SHA2-128s".
    const NAME: &'static str;
    /// The security parameter n in bytes.
    const N: usize;
    /// n bytes (a seed part or opt_rand).
    type Rand: ByteArray;
    /// SK.seed || SK.prf || PK.seed (3n bytes): the compact private form.
    type Seed: ByteArray;
    /// Public key bytes (PK.seed || PK.root, 2n).
    type Pk: ByteArray;
    /// Secret key bytes (SK.seed || SK.prf || PK.seed || PK.root, 4n).
    type Sk: ByteArray;
    /// Signature bytes.
    type Sig: ByteArray;
}

/// Declares one SLH-DSA parameter set from its row in `rust/algorithms.rs`
/// (see `crate::mlkem::declare`).
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident, oid: $oid:tt,
        c: $c:ident, cdef: $cdef:literal $(,)?
    }) => {
        $crate::ffi::paste! {
            $(#[$doc])*
            #[allow(non_camel_case_types)]
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $t;

            impl $t {
                /// The security parameter n in bytes.
                pub const N: usize = $crate::ffi::bindings::[<PQF_ $c:upper _N>] as usize;
                /// Public key size in bytes.
                pub const PK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _PK_BYTES>] as usize;
                /// Secret key size in bytes.
                pub const SK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SK_BYTES>] as usize;
                /// Seed (SK.seed || SK.prf || PK.seed) size in bytes.
                pub const SEED_BYTES: usize = 3 * $t::N;
                /// Signature size in bytes.
                pub const SIG_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SIG_BYTES>] as usize;
            }

            impl $crate::slhdsa::SlhParams for $t {
                const NAME: &'static str = $name;
                const N: usize = $t::N;
                type Rand = [u8; $t::N];
                type Seed = [u8; $t::SEED_BYTES];
                type Pk = [u8; $t::PK_BYTES];
                type Sk = [u8; $t::SK_BYTES];
                type Sig = [u8; $t::SIG_BYTES];
            }

            impl $crate::ffi::SlhDsaSet for $t {
                const C: $crate::ffi::SlhDsaC = $crate::ffi::slhdsa_entry_points!($c);
            }

            impl $crate::algorithms::AlgorithmId for $t {
                const ALGORITHM: &'static $crate::algorithms::Algorithm =
                    &$crate::algorithms::Algorithm {
                        name: $name,
                        standard: "FIPS 205",
                        kind: $crate::algorithms::KeyKind::Signature,
                        oid: $crate::algorithms::oid!($oid),
                        python_name: stringify!($py),
                        public_key_len: $t::PK_BYTES,
                        private_key_len: $t::SK_BYTES,
                        seed_len: $t::SEED_BYTES,
                        output_len: $t::SIG_BYTES,
                        shared_secret_len: 0,
                        private_key: $crate::algorithms::PrivateKeyShape::Raw { len: $t::SK_BYTES },
                    };
            }

            impl $crate::keys::KeyTypes for $t {
                type PrivateKey = $crate::slhdsa::SigningKey<$t>;
                type PublicKey = $crate::slhdsa::VerifyingKey<$t>;
            }

            #[cfg(feature = "python")]
            $crate::python::slhdsa::classes!($t, $py, $name);
        }
    };
}
pub(crate) use declare;

/// An SLH-DSA signature (fixed length per parameter set).
pub struct Signature<P: SlhParams> {
    bytes: Box<P::Sig>,
}

impl<P: SlhParams> Signature<P> {
    /// Loads a signature, checking its length.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(Signature {
            bytes: boxed_from_slice::<P::Sig>("SLH-DSA signature", bytes)?,
        })
    }

    /// The encoded signature.
    pub fn as_bytes(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }
}

/// An SLH-DSA public (verifying) key: PK.seed || PK.root.
pub struct VerifyingKey<P: SlhParams> {
    bytes: Box<P::Pk>,
}

impl<P: SlhParams> VerifyingKey<P> {
    /// Loads a public key (length checked; every string of that length is a
    /// well-formed key).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Ok(VerifyingKey {
            bytes: boxed_from_slice::<P::Pk>("SLH-DSA public key", bytes)?,
        })
    }

    /// The encoded public key.
    pub fn as_bytes(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }

    fn check(rc: i32) -> Result<()> {
        check_rc(rc, "malformed SLH-DSA public key")
    }

    /// Verifies a pure SLH-DSA signature (FIPS 205 Algorithm 24) over `msg`
    /// with context `ctx` (at most 255 bytes).
    pub fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        let pre = message_prefix(ctx, None)?;
        Self::check(ffi::slhdsa::verify::<P>(&self.bytes, &pre, msg, sig))
    }

    /// Verifies a HashSLH-DSA signature (FIPS 205 Algorithm 25) over `msg`.
    pub fn verify_prehash(&self, ph: PreHash, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
        self.verify_prehashed(ph, &ph.digest(msg), ctx, sig)
    }

    /// Verifies a HashSLH-DSA signature given the message's digest under `ph`.
    pub fn verify_prehashed(
        &self,
        ph: PreHash,
        digest: &[u8],
        ctx: &[u8],
        sig: &[u8],
    ) -> Result<()> {
        ph.check_digest(digest)?;
        let pre = message_prefix(ctx, Some(ph))?;
        Self::check(ffi::slhdsa::verify::<P>(&self.bytes, &pre, digest, sig))
    }

    /// **Internal interface** (FIPS 205 Algorithm 20) over a caller-formatted
    /// message, for conformance tests.
    pub fn verify_internal(&self, msg: &[u8], sig: &[u8]) -> Result<()> {
        Self::check(ffi::slhdsa::verify::<P>(&self.bytes, &[], msg, sig))
    }
}

/// An SLH-DSA secret (signing) key: wiped on drop, redacted in `Debug`,
/// compared in constant time, never `Copy`.
pub struct SigningKey<P: SlhParams> {
    seed: Option<Secret<P::Seed>>,
    sk: Secret<P::Sk>,
    vk: VerifyingKey<P>,
}

impl<P: SlhParams> SigningKey<P> {
    /// Generates a key pair from 3n fresh OS bytes (FIPS 205 Algorithm 21).
    pub fn generate() -> Result<Self> {
        Self::from_seed_secret(rng::random_secret()?)
    }

    /// Derives the key pair from SK.seed || SK.prf || PK.seed (3n bytes,
    /// FIPS 205 Algorithm 18).
    pub fn from_seed(seed: &[u8]) -> Result<Self> {
        Self::from_seed_secret(Secret::from_slice(
            "SLH-DSA seed (SK.seed || SK.prf || PK.seed)",
            seed,
        )?)
    }

    /// Derives the key pair from the three n-byte seeds.
    pub fn from_seeds(sk_seed: &[u8], sk_prf: &[u8], pk_seed: &[u8]) -> Result<Self> {
        for part in [sk_seed, sk_prf, pk_seed] {
            crate::error::check_len("SLH-DSA seed part", P::N, part)?;
        }
        let mut seed = Secret::<P::Seed>::zero();
        for (dst, src) in seed
            .expose_mut()
            .as_mut()
            .chunks_mut(P::N)
            .zip([sk_seed, sk_prf, pk_seed])
        {
            dst.copy_from_slice(src);
        }
        Self::from_seed_secret(seed)
    }

    fn from_seed_secret(seed: Secret<P::Seed>) -> Result<Self> {
        let mut pk = P::Pk::boxed_zero();
        let mut sk = Secret::<P::Sk>::zero();
        check_rc(
            ffi::slhdsa::keygen::<P>(&mut pk, sk.expose_mut(), seed.expose()),
            "key generation",
        )?;
        check_written((*pk).as_ref())?;
        check_written(sk.bytes())?;
        Ok(SigningKey {
            seed: Some(seed),
            sk,
            vk: VerifyingKey { bytes: pk },
        })
    }

    /// Loads a 4n-byte secret key, recomputing PK.root from SK.seed and
    /// PK.seed and comparing it with the stored one. The compact seed form is
    /// the key's first 3n bytes, so nothing is lost.
    pub fn from_expanded_bytes(bytes: &[u8]) -> Result<Self> {
        let sk = Secret::<P::Sk>::from_slice("SLH-DSA secret key", bytes)?;
        check_rc(
            ffi::slhdsa::check_sk::<P>(sk.expose()),
            "SLH-DSA secret key is inconsistent (PK.root does not match SK.seed and PK.seed)",
        )?;
        let pk_bytes = sk.bytes().get(2 * P::N..).ok_or(Error::Internal {
            code: ffi::codes::KEY_LAYOUT,
        })?;
        let vk = VerifyingKey::from_bytes(pk_bytes)?;
        let seed = Secret::<P::Seed>::from_slice(
            "SLH-DSA seed",
            sk.bytes().get(..3 * P::N).ok_or(Error::Internal {
                code: ffi::codes::KEY_LAYOUT,
            })?,
        )?;
        Ok(SigningKey {
            seed: Some(seed),
            sk,
            vk,
        })
    }

    /// SK.seed || SK.prf || PK.seed (3n bytes).
    pub fn seed(&self) -> Option<&Secret<P::Seed>> {
        self.seed.as_ref()
    }

    /// The 4n-byte FIPS 205 secret key.
    pub fn expanded_bytes(&self) -> &Secret<P::Sk> {
        &self.sk
    }

    /// The matching public key.
    pub fn verifying_key(&self) -> &VerifyingKey<P> {
        &self.vk
    }

    fn sign_raw(
        &self,
        pre: &[u8],
        msg: &[u8],
        deterministic: bool,
        check: bool,
    ) -> Result<Signature<P>> {
        let rnd = if deterministic {
            None
        } else {
            Some(rng::random_secret::<P::Rand>()?)
        };
        self.sign_with(pre, msg, rnd.as_ref().map(Secret::expose), check)
    }

    /// Pure signing with the caller's n-byte opt_rand, with the fault check
    /// (for the RustCrypto `RandomizedSigner`, in `rust/traits.rs`).
    pub(crate) fn sign_with_opt_rand(
        &self,
        msg: &[u8],
        ctx: &[u8],
        opt_rand: &P::Rand,
    ) -> Result<Signature<P>> {
        self.sign_with(&message_prefix(ctx, None)?, msg, Some(opt_rand), true)
    }

    fn sign_with(
        &self,
        pre: &[u8],
        msg: &[u8],
        rnd: Option<&P::Rand>,
        check: bool,
    ) -> Result<Signature<P>> {
        let mut sig = P::Sig::boxed_zero();
        check_rc(
            ffi::slhdsa::sign::<P>(&mut sig, self.sk.expose(), pre, msg, rnd),
            "SLH-DSA secret key",
        )?;
        check_written((*sig).as_ref())?;
        if check
            && ffi::slhdsa::verify::<P>(&self.vk.bytes, pre, msg, (*sig).as_ref()) != ffi::codes::OK
        {
            // A signature that does not verify reveals a fault; releasing it
            // could help a forger. Nothing is returned.
            return Err(Error::Internal {
                code: ffi::codes::FAULT,
            });
        }
        Ok(Signature { bytes: sig })
    }

    /// Signs `msg` with context `ctx` (at most 255 bytes), hedged with fresh
    /// OS randomness (FIPS 205 Algorithm 22), and verifies the signature before
    /// returning it.
    pub fn sign(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<P>> {
        self.sign_raw(&message_prefix(ctx, None)?, msg, false, true)
    }

    /// Like [`sign`](Self::sign) but without the fault check: about twice
    /// as fast for the "s" sets' verification share, at the risk the module
    /// documentation describes.
    pub fn sign_unverified(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<P>> {
        self.sign_raw(&message_prefix(ctx, None)?, msg, false, false)
    }

    /// Signs deterministically (opt_rand = PK.seed), with the fault check.
    pub fn sign_deterministic(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature<P>> {
        self.sign_raw(&message_prefix(ctx, None)?, msg, true, true)
    }

    /// HashSLH-DSA (FIPS 205 Algorithm 23): hashes `msg` with `ph`, then signs.
    pub fn sign_prehash(
        &self,
        ph: PreHash,
        msg: &[u8],
        ctx: &[u8],
        deterministic: bool,
    ) -> Result<Signature<P>> {
        self.sign_prehashed(ph, &ph.digest(msg), ctx, deterministic)
    }

    /// HashSLH-DSA over a digest the caller computed with `ph`.
    pub fn sign_prehashed(
        &self,
        ph: PreHash,
        digest: &[u8],
        ctx: &[u8],
        deterministic: bool,
    ) -> Result<Signature<P>> {
        ph.check_digest(digest)?;
        self.sign_raw(&message_prefix(ctx, Some(ph))?, digest, deterministic, true)
    }

    /// **Internal interface** (FIPS 205 Algorithm 19) over a caller-formatted
    /// message with optional caller-chosen opt_rand, for conformance tests.
    pub fn sign_internal(&self, msg: &[u8], addrnd: Option<&[u8]>) -> Result<Signature<P>> {
        let mut sig = P::Sig::boxed_zero();
        let rnd = match addrnd {
            Some(r) => Some(Secret::<P::Rand>::from_slice("SLH-DSA opt_rand", r)?),
            None => None,
        };
        check_rc(
            ffi::slhdsa::sign::<P>(
                &mut sig,
                self.sk.expose(),
                &[],
                msg,
                rnd.as_ref().map(Secret::expose),
            ),
            "SLH-DSA secret key",
        )?;
        Ok(Signature { bytes: sig })
    }
}

impl<P: SlhParams> Clone for SigningKey<P> {
    fn clone(&self) -> Self {
        SigningKey {
            seed: self.seed.clone(),
            sk: self.sk.clone(),
            vk: self.vk.clone(),
        }
    }
}

impl<P: SlhParams> ConstantTimeEq for SigningKey<P> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.sk.ct_eq(&other.sk)
    }
}

impl<P: SlhParams> PartialEq for SigningKey<P> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}
impl<P: SlhParams> Eq for SigningKey<P> {}

impl<P: SlhParams> fmt::Debug for SigningKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey<{}>(REDACTED)", P::NAME)
    }
}

crate::secret::public_value_impls!(Signature, SlhParams);

crate::secret::public_value_impls!(VerifyingKey, SlhParams);

crate::keys::key_impls!(SlhParams, SigningKey, VerifyingKey, public_key: verifying_key);
