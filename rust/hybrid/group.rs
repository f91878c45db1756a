//! The traditional Diffie-Hellman groups of the hybrid KEMs and of HPKE's
//! DHKEMs: X25519 and X448 (RFC 7748, from `aws-lc-rs` and RustCrypto's
//! `x448`), and the prime-order curves P-256, P-384, P-521 (SP 800-186, from
//! `p256`/`p384`/`p521`) and brainpoolP256r1/brainpoolP384r1 (RFC 5639, from
//! `bp256`/`bp384`). No curve arithmetic is written here: this file only
//! adapts those crates to one byte-oriented interface and adds the input and
//! output checks every specification asks for.
//!
//! Encodings: X25519/X448 keys and outputs are the RFC 7748 byte strings;
//! prime-curve public keys are uncompressed SEC1 points (0x04 || x || y),
//! private keys big-endian scalars of the field size, and the DH output is the
//! x-coordinate (SEC1 Field-Element-to-Octet-String).
//!
//! Checks: every public key is validated when it is parsed (on the curve, not
//! the identity, coordinates in range, uncompressed, exact length; X448 also
//! refuses the low-order points); private scalars must be in [1, n-1]; an
//! all-zero X25519/X448 output is refused (RFC 7748 section 6, RFC 9180
//! section 7.1.4).

use aws_lc_rs::agreement;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// A traditional DH group, as a byte-oriented interface (sealed, crate-private).
pub(crate) trait DhGroup: Send + Sync + 'static {
    /// The group's name ("X25519", "P-256", "brainpoolP256r1", ...).
    const NAME: &'static str;
    /// Private key (scalar) bytes.
    const NSK: usize;
    /// Public key (element) bytes.
    const NPK: usize;
    /// RFC 9180 DeriveKeyPair bit mask on the first candidate byte (prime
    /// curves); `None` for X25519/X448, whose every string is a private key.
    const BITMASK: Option<u8>;

    /// The public key of a private key, after checking the private key.
    fn public_key(sk: &[u8]) -> Result<Vec<u8>>;
    /// Checks a public key encoding (see the module documentation).
    fn check_public(pk: &[u8]) -> Result<()>;
    /// DH(sk, pk): validates both, refuses an all-zero (X25519/X448) output.
    fn dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>>;

    /// Whether `sk` is a valid private key.
    fn check_secret(sk: &[u8]) -> Result<()> {
        Self::public_key(sk).map(|_| ())
    }

    /// A fresh private key from OS randomness (rejection sampling for the
    /// prime curves, masking the top bits as RFC 9180 DeriveKeyPair does).
    fn generate_secret() -> Result<Zeroizing<Vec<u8>>> {
        let mut sk = Zeroizing::new(vec![0u8; Self::NSK]);
        // The chance of 64 rejections in a row is below 2^-2000 for every
        // curve here; running out means the generator is broken.
        for _ in 0..64 {
            crate::rng::fill(&mut sk)?;
            if let (Some(mask), Some(first)) = (Self::BITMASK, sk.first_mut()) {
                *first &= mask;
            }
            if Self::check_secret(&sk).is_ok() {
                return Ok(sk);
            }
        }
        Err(Error::Randomness)
    }
}

fn bad_public(group: &'static str) -> Error {
    Error::InvalidKey {
        reason: match group {
            "X25519" => "X25519 public key: wrong length",
            "X448" => "X448 public key: wrong length or a low-order point",
            _ => {
                "elliptic-curve public key: not an uncompressed point on the curve, or the identity"
            }
        },
    }
}

fn zero_output(group: &'static str) -> Error {
    Error::InvalidKey {
        reason: match group {
            "X25519" => "X25519 output is all zero (a low-order public key)",
            _ => "X448 output is all zero (a low-order public key)",
        },
    }
}

fn check_nonzero(group: &'static str, out: &[u8]) -> Result<()> {
    if crate::secret::ct_is_all_zero(out) {
        Err(zero_output(group))
    } else {
        Ok(())
    }
}

/// X25519 (RFC 7748).
pub(crate) struct X25519;

/// An X25519 private key in AWS-LC (through `aws-lc-rs`): its ladder runs on
/// s2n-bignum's formally verified x86-64 code (MULX/ADX chosen at run time),
/// about 1.6x the speed of `x25519-dalek`'s portable ladder here, which X-Wing
/// decapsulation and HPKE's X25519 suites feel directly (docs/speed.md).
/// AWS-LC wipes the key when it is freed.
fn x25519_secret(sk: &[u8]) -> Result<agreement::PrivateKey> {
    crate::error::check_len("X25519 private key", 32, sk)?;
    // Every 32-byte string is a key (RFC 7748 clamps it), so AWS-LC has no
    // reason to refuse one; should it, that is its failure, not the caller's
    // (internal codes -410 and -411).
    agreement::PrivateKey::from_private_key(&agreement::X25519, sk)
        .map_err(|_| Error::Internal { code: -410 })
}

fn x25519_public(pk: &[u8]) -> Result<[u8; 32]> {
    pk.try_into().map_err(|_| bad_public("X25519"))
}

impl DhGroup for X25519 {
    const NAME: &'static str = "X25519";
    const NSK: usize = 32;
    const NPK: usize = 32;
    const BITMASK: Option<u8> = None;

    fn public_key(sk: &[u8]) -> Result<Vec<u8>> {
        let secret = x25519_secret(sk)?;
        let public = secret
            .compute_public_key()
            .map_err(|_| Error::Internal { code: -411 })?;
        Ok(public.as_ref().to_vec())
    }
    fn check_public(pk: &[u8]) -> Result<()> {
        x25519_public(pk).map(|_| ())
    }
    // Every 32-byte string is a private key (RFC 7748 clamps it).
    fn check_secret(sk: &[u8]) -> Result<()> {
        crate::error::check_len("X25519 private key", 32, sk)
    }
    fn dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let public = x25519_public(pk)?;
        let secret = x25519_secret(sk)?;
        // AWS-LC refuses exactly one thing for a 32-byte public key: an
        // all-zero output (a low-order point), so its error is that one. The
        // output is checked again here, so a silent zero cannot pass either.
        let out = agreement::agree(
            &secret,
            agreement::UnparsedPublicKey::new(&agreement::X25519, &public),
            zero_output(Self::NAME),
            |shared| Ok(Zeroizing::new(shared.to_vec())),
        )?;
        check_nonzero(Self::NAME, &out)?;
        Ok(out)
    }
}

/// X448 (RFC 7748).
pub(crate) struct X448;

fn x448_secret(sk: &[u8]) -> Result<x448::StaticSecret> {
    let mut bytes: [u8; 56] = sk.try_into().map_err(|_| Error::InvalidLength {
        what: "X448 private key",
        expected: 56,
        actual: sk.len(),
    })?;
    let secret = x448::StaticSecret::from(bytes);
    bytes.zeroize();
    Ok(secret)
}

fn x448_public(pk: &[u8]) -> Result<x448::PublicKey> {
    if pk.len() != 56 {
        return Err(bad_public("X448"));
    }
    x448::PublicKey::from_bytes(pk).ok_or_else(|| bad_public("X448"))
}

impl DhGroup for X448 {
    const NAME: &'static str = "X448";
    const NSK: usize = 56;
    const NPK: usize = 56;
    const BITMASK: Option<u8> = None;

    fn public_key(sk: &[u8]) -> Result<Vec<u8>> {
        let secret = x448_secret(sk)?;
        Ok(x448::PublicKey::from(&secret).as_bytes().to_vec())
    }
    fn check_public(pk: &[u8]) -> Result<()> {
        x448_public(pk).map(|_| ())
    }
    // Every 56-byte string is a private key (RFC 7748 clamps it).
    fn check_secret(sk: &[u8]) -> Result<()> {
        crate::error::check_len("X448 private key", 56, sk)
    }
    fn dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let public = x448_public(pk)?;
        let secret = x448_secret(sk)?;
        let shared = secret.diffie_hellman(&public);
        let out = Zeroizing::new(shared.as_bytes().to_vec());
        check_nonzero(Self::NAME, &out)?;
        Ok(out)
    }
}

macro_rules! weierstrass_group {
    ($(#[$doc:meta])* $t:ident, $curve:ty, $name:literal, $nsk:literal, $mask:literal) => {
        $(#[$doc])*
        pub(crate) struct $t;

        impl $t {
            fn secret(sk: &[u8]) -> Result<elliptic_curve::SecretKey<$curve>> {
                if sk.len() != $nsk {
                    return Err(Error::InvalidLength {
                        what: concat!($name, " private key"),
                        expected: $nsk,
                        actual: sk.len(),
                    });
                }
                // Refuses 0 and values >= n.
                elliptic_curve::SecretKey::<$curve>::from_slice(sk).map_err(|_| Error::InvalidKey {
                    reason: concat!($name, " private key: not a scalar in [1, n-1]"),
                })
            }

            fn public(pk: &[u8]) -> Result<elliptic_curve::PublicKey<$curve>> {
                // Uncompressed only, exact length; from_sec1_bytes checks
                // the point is on the curve and not the identity.
                if pk.len() != 1 + 2 * $nsk || pk.first() != Some(&0x04) {
                    return Err(bad_public($name));
                }
                elliptic_curve::PublicKey::<$curve>::from_sec1_bytes(pk)
                    .map_err(|_| bad_public($name))
            }
        }

        impl DhGroup for $t {
            const NAME: &'static str = $name;
            const NSK: usize = $nsk;
            const NPK: usize = 1 + 2 * $nsk;
            const BITMASK: Option<u8> = Some($mask);

            fn public_key(sk: &[u8]) -> Result<Vec<u8>> {
                let bytes = Self::secret(sk)?.public_key().to_sec1_bytes();
                if bytes.len() != Self::NPK {
                    return Err(Error::Internal { code: -200 });
                }
                Ok(bytes.into_vec())
            }
            fn check_public(pk: &[u8]) -> Result<()> {
                Self::public(pk).map(|_| ())
            }
            // The range check alone (no scalar multiplication).
            fn check_secret(sk: &[u8]) -> Result<()> {
                Self::secret(sk).map(|_| ())
            }
            fn dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
                let public = Self::public(pk)?;
                let secret = Self::secret(sk)?;
                // The product of a valid point and a non-zero scalar of a
                // prime-order group is never the identity.
                let shared = secret.diffie_hellman(&public);
                Ok(Zeroizing::new(shared.raw_secret_bytes().to_vec()))
            }
        }
    };
}

weierstrass_group!(
    /// NIST P-256 (secp256r1).
    P256, p256::NistP256, "P-256", 32, 0xFF
);
weierstrass_group!(
    /// NIST P-384 (secp384r1).
    P384, p384::NistP384, "P-384", 48, 0xFF
);
weierstrass_group!(
    /// NIST P-521 (secp521r1).
    P521, p521::NistP521, "P-521", 66, 0x01
);
weierstrass_group!(
    /// brainpoolP256r1 (RFC 5639).
    BrainpoolP256r1, bp256::BrainpoolP256r1, "brainpoolP256r1", 32, 0xFF
);
weierstrass_group!(
    /// brainpoolP384r1 (RFC 5639).
    BrainpoolP384r1, bp384::BrainpoolP384r1, "brainpoolP384r1", 48, 0xFF
);
