//! The core key traits every family implements: one key pair and one public
//! key shape, on which the key formats ([`crate::encoding`]) and the Python
//! layer are written once, generically.

use crate::algorithms::Algorithm;
use crate::error::Result;

/// A public key of some parameter set.
pub trait PublicKey: Sized + Clone + Send + Sync + 'static {
    /// Its parameter set's catalogue entry.
    const ALGORITHM: &'static Algorithm;
    /// Loads (and checks) the raw public key, as the standard encodes it.
    fn from_public_key_bytes(bytes: &[u8]) -> Result<Self>;
    /// The raw public key.
    fn public_key_bytes(&self) -> &[u8];
}

/// A private key with its public key.
pub trait KeyPair: Sized + Clone + Send + Sync + 'static {
    /// Its parameter set's catalogue entry.
    const ALGORITHM: &'static Algorithm;
    /// The matching public key type.
    type Public: PublicKey;
    /// A new key pair from OS randomness.
    fn generate_key() -> Result<Self>;
    /// Derives the key pair from its seed.
    fn from_seed_bytes(seed: &[u8]) -> Result<Self>;
    /// Loads (and validates) the standard's expanded private key (for SLH-DSA
    /// and Falcon, the private key itself).
    fn from_expanded_key_bytes(expanded: &[u8]) -> Result<Self>;
    /// The seed, when the key has one.
    fn seed_bytes(&self) -> Option<&[u8]>;
    /// The expanded private key (the private key itself for SLH-DSA and
    /// Falcon).
    fn expanded_key_bytes(&self) -> &[u8];
    /// The matching public key.
    fn public_key(&self) -> &Self::Public;
}

/// A parameter set's key types (every set of the catalogue).
pub trait KeyTypes {
    /// The private key (key pair) type.
    type PrivateKey: KeyPair<Public = Self::PublicKey>;
    /// The public key type.
    type PublicKey: PublicKey;
}

/// Implements [`KeyPair`], [`PublicKey`] and, for each set of the family,
/// [`KeyTypes`], from the family's inherent methods.
macro_rules! key_impls {
    ($bound:ident, $sk:ident, $pk:ident, public_key: $pubfn:ident) => {
        impl<P: $bound> $crate::keys::PublicKey for $pk<P> {
            const ALGORITHM: &'static $crate::algorithms::Algorithm = P::ALGORITHM;
            fn from_public_key_bytes(bytes: &[u8]) -> $crate::Result<Self> {
                Self::from_bytes(bytes)
            }
            fn public_key_bytes(&self) -> &[u8] {
                self.as_bytes()
            }
        }

        impl<P: $bound> $crate::keys::KeyPair for $sk<P> {
            const ALGORITHM: &'static $crate::algorithms::Algorithm = P::ALGORITHM;
            type Public = $pk<P>;
            fn generate_key() -> $crate::Result<Self> {
                Self::generate()
            }
            fn from_seed_bytes(seed: &[u8]) -> $crate::Result<Self> {
                Self::from_seed(seed)
            }
            fn from_expanded_key_bytes(expanded: &[u8]) -> $crate::Result<Self> {
                Self::from_expanded_bytes(expanded)
            }
            fn seed_bytes(&self) -> Option<&[u8]> {
                self.seed().map(|s| s.bytes())
            }
            fn expanded_key_bytes(&self) -> &[u8] {
                self.expanded_bytes().bytes()
            }
            fn public_key(&self) -> &Self::Public {
                self.$pubfn()
            }
        }
    };
}
pub(crate) use key_impls;
