//! The RustCrypto traits (rust/traits.rs), exercised the way generic code
//! uses them: through functions bounded on `Signer + Keypair`, `Verifier`,
//! `RandomizedSigner`, `SignatureEncoding` and `kem::Kem`, for every family,
//! with the negative cases (wrong message, wrong key, tampered or
//! wrong-length signature, failing RNG, invalid encapsulation key). Where a
//! trait draws randomness, a replaying RNG shows the bytes it drew are the
//! ones the inherent call with the same randomness uses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use core::fmt::Debug;

use pqfence::falcon::{
    self, Falcon1024, Falcon1024Padded, Falcon512, Falcon512Padded, FalconParams,
};
use pqfence::mldsa::{self, DsaParams, MlDsa44, MlDsa65, MlDsa87};
use pqfence::mlkem::{DecapsulationKey, MlKem1024, MlKem512, MlKem768};
use pqfence::slhdsa::{self, SlhDsaSha2_128f, SlhDsaShake_128f, SlhDsaShake_192f, SlhParams};
use pqfence::traits::kem::common::typenum::Unsigned;
use pqfence::traits::kem::{
    Decapsulator, Encapsulate, Generate, Kem, KeyExport, TryDecapsulate, TryKeyInit,
};
use pqfence::traits::rand_core::{Infallible, TryCryptoRng, TryRng, UnwrapErr};
use pqfence::traits::signature::{Keypair, RandomizedSigner, SignatureEncoding, Signer, Verifier};
use pqfence::traits::{KemSet, OsRng};
use pqfence::{ByteArray, Error};

/// A "random" generator that replays the given bytes, cycling: the test
/// knows exactly what a trait method drew.
struct Replay {
    bytes: Vec<u8>,
    pos: usize,
}

impl Replay {
    fn new(bytes: &[u8]) -> Self {
        Replay {
            bytes: bytes.to_vec(),
            pos: 0,
        }
    }
}

impl TryRng for Replay {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for d in dst {
            *d = self.bytes[self.pos % self.bytes.len()];
            self.pos += 1;
        }
        Ok(())
    }
}
impl TryCryptoRng for Replay {}

/// A generator that always fails.
struct Broken;

impl TryRng for Broken {
    type Error = Error;
    fn try_next_u32(&mut self) -> Result<u32, Error> {
        Err(Error::Randomness)
    }
    fn try_next_u64(&mut self) -> Result<u64, Error> {
        Err(Error::Randomness)
    }
    fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Error> {
        Err(Error::Randomness)
    }
}
impl TryCryptoRng for Broken {}

// ---------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------

/// What any signer should do, written only against the `signature` traits.
/// `verify_empty_context` is the family's inherent verification with the
/// empty context (the traits' documented meaning).
fn signature_traits<S, V, Sig>(
    sk: &S,
    other: &S,
    verify_empty_context: impl Fn(&V, &[u8], &[u8]) -> bool,
) where
    S: Signer<Sig> + RandomizedSigner<Sig> + Keypair<VerifyingKey = V>,
    V: Verifier<Sig>,
    Sig: SignatureEncoding + PartialEq + Debug,
    for<'a> <Sig as TryFrom<&'a [u8]>>::Error: Debug,
{
    let msg: &[u8] = b"generic message";
    let vk = sk.verifying_key();

    // Signer, Keypair, Verifier.
    let sig = sk.try_sign(msg).unwrap();
    vk.verify(msg, &sig).unwrap();
    assert!(verify_empty_context(&vk, msg, sig.to_bytes().as_ref()));

    // Negative: another message, another key, a flipped bit, a bad length.
    assert!(vk.verify(b"another message", &sig).is_err());
    assert!(other.verifying_key().verify(msg, &sig).is_err());
    let mut bytes = sig.to_vec();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x10;
    if let Ok(tampered) = Sig::try_from(bytes.as_slice()) {
        assert!(vk.verify(msg, &tampered).is_err());
    }
    assert!(Sig::try_from(&[0u8; 3][..]).is_err());

    // SignatureEncoding.
    let repr = sig.to_bytes();
    assert_eq!(sig.encoded_len(), repr.as_ref().len());
    assert_eq!(sig.to_vec(), repr.as_ref());
    assert_eq!(Sig::try_from(repr.as_ref()).unwrap(), sig);
    let into: Sig::Repr = sig.clone().try_into().ok().unwrap();
    assert_eq!(into.as_ref(), repr.as_ref());

    // RandomizedSigner: the RNG's bytes, and only they, vary the signature.
    let a = sk.try_sign_with_rng(&mut Replay::new(&[1]), msg).unwrap();
    let b = sk.try_sign_with_rng(&mut Replay::new(&[1]), msg).unwrap();
    let c = sk.try_sign_with_rng(&mut Replay::new(&[2]), msg).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
    vk.verify(msg, &a).unwrap();
    vk.verify(msg, &c).unwrap();
    vk.verify(msg, &sk.try_sign_with_rng(&mut OsRng, msg).unwrap())
        .unwrap();
    vk.verify(msg, &sk.sign_with_rng(&mut UnwrapErr(OsRng), msg))
        .unwrap();

    // A failing RNG is an error (with the randomness failure as its source),
    // not a panic.
    let err = sk.try_sign_with_rng(&mut Broken, msg).unwrap_err();
    let source = core::error::Error::source(&err).expect("a source");
    assert_eq!(source.downcast_ref::<Error>(), Some(&Error::Randomness));
}

fn mldsa<P: DsaParams>() {
    let sk = mldsa::SigningKey::<P>::from_seed(&[1; 32]).unwrap();
    let other = mldsa::SigningKey::<P>::from_seed(&[2; 32]).unwrap();
    signature_traits(&sk, &other, |vk: &mldsa::VerifyingKey<P>, m, s| {
        vk.verify(m, b"", s).is_ok()
    });
    // rnd = 0^32 from the RNG is the deterministic variant, empty context.
    let zero = RandomizedSigner::try_sign_with_rng(&sk, &mut Replay::new(&[0]), b"m").unwrap();
    assert_eq!(zero, sk.sign_deterministic(b"m", b"").unwrap());
}

fn slhdsa<P: SlhParams>() {
    let sk = slhdsa::SigningKey::<P>::generate().unwrap();
    let other = slhdsa::SigningKey::<P>::generate().unwrap();
    signature_traits(&sk, &other, |vk: &slhdsa::VerifyingKey<P>, m, s| {
        vk.verify(m, b"", s).is_ok()
    });
    // opt_rand = PK.seed from the RNG is the deterministic variant.
    let pk_seed = &sk.verifying_key().as_bytes()[..P::N];
    let det = RandomizedSigner::try_sign_with_rng(&sk, &mut Replay::new(pk_seed), b"m").unwrap();
    assert_eq!(det, sk.sign_deterministic(b"m", b"").unwrap());
}

fn falcon<P: FalconParams>() {
    let sk = falcon::SigningKey::<P>::from_seed(&[1; 48]).unwrap();
    let other = falcon::SigningKey::<P>::from_seed(&[2; 48]).unwrap();
    signature_traits(&sk, &other, |vk: &falcon::VerifyingKey<P>, m, s| {
        vk.verify(m, s).is_ok()
    });
    // The RNG gives the 40-byte nonce, then the 48-byte sampler seed.
    let randomness: Vec<u8> = (0u8..88).collect();
    let sig =
        RandomizedSigner::try_sign_with_rng(&sk, &mut Replay::new(&randomness), b"m").unwrap();
    let (nonce, seed) = randomness.split_at(40);
    let expected = sk
        .sign_with_randomness(b"m", nonce.try_into().unwrap(), seed.try_into().unwrap())
        .unwrap();
    assert_eq!(sig, expected);
}

#[test]
fn mldsa_signature_traits() {
    mldsa::<MlDsa44>();
    mldsa::<MlDsa65>();
    mldsa::<MlDsa87>();
}

#[test]
fn slhdsa_signature_traits() {
    slhdsa::<SlhDsaSha2_128f>();
    slhdsa::<SlhDsaShake_128f>();
    slhdsa::<SlhDsaShake_192f>();
}

#[test]
fn falcon_signature_traits() {
    falcon::<Falcon512>();
    falcon::<Falcon1024>();
    falcon::<Falcon512Padded>();
    falcon::<Falcon1024Padded>();
}

// ---------------------------------------------------------------------------
// ML-KEM
// ---------------------------------------------------------------------------

/// A key exchange written only against `kem::Kem`.
fn exchange<K: Kem>() {
    let (dk, ek) = K::generate_keypair_from_rng(&mut UnwrapErr(OsRng));
    assert_eq!(dk.encapsulation_key(), &ek);
    let (ct, ss) = ek.encapsulate_with_rng(&mut UnwrapErr(OsRng));
    assert_eq!(dk.try_decapsulate(&ct).unwrap(), ss);

    // The RNG's bytes, and only they, vary the encapsulation.
    let (ct1, ss1) = ek.encapsulate_with_rng(&mut Replay::new(&[7]));
    let (ct2, ss2) = ek.encapsulate_with_rng(&mut Replay::new(&[7]));
    let (ct3, ss3) = ek.encapsulate_with_rng(&mut Replay::new(&[8]));
    assert_eq!((&ct1, &ss1), (&ct2, &ss2));
    assert_ne!(ct1, ct3);
    assert_ne!(ss1, ss3);

    // A tampered ciphertext decapsulates (implicit rejection) to another key.
    let mut bad = ct.clone();
    bad[0] ^= 1;
    assert_ne!(dk.try_decapsulate(&bad).unwrap(), ss);

    // KeyExport / TryKeyInit round trip; the modulus check refuses a
    // coefficient of 0xFFF (>= q).
    let bytes = ek.to_bytes();
    assert_eq!(K::EncapsulationKey::new(&bytes).unwrap(), ek);
    let mut unreduced = bytes.clone();
    unreduced[0] = 0xFF;
    unreduced[1] |= 0x0F;
    assert!(K::EncapsulationKey::new(&unreduced).is_err());

    // A failing RNG makes key generation fail with the RNG's error.
    assert_eq!(
        K::DecapsulationKey::try_generate_from_rng(&mut Broken).err(),
        Some(Error::Randomness)
    );
}

/// Generic over the set with both APIs (`KemSet`): the trait calls draw the
/// randomness the inherent calls take.
fn kem<P: KemSet>() {
    exchange::<P>();
    assert_eq!(<P::CiphertextSize as Unsigned>::USIZE, P::Ct::LEN);
    assert_eq!(<P::EncapsulationKeySize as Unsigned>::USIZE, P::Ek::LEN);

    let seed: Vec<u8> = (0u8..64).collect();
    let dk = DecapsulationKey::<P>::generate_from_rng(&mut Replay::new(&seed));
    assert_eq!(dk, DecapsulationKey::<P>::from_seed(&seed).unwrap());
    let ek = dk.encapsulation_key();
    let (ct, ss) = ek.encapsulate_with_rng(&mut Replay::new(&[9]));
    let (ss_inherent, ct_inherent) = ek.encapsulate_deterministic(&[9; 32]).unwrap();
    assert_eq!(ct.as_slice(), ct_inherent.as_bytes());
    assert_eq!(ss.as_slice(), ss_inherent.bytes());
}

#[test]
fn mlkem_kem_traits() {
    kem::<MlKem512>();
    kem::<MlKem768>();
    kem::<MlKem1024>();
}

/// A key that fails its pairwise consistency check cannot be returned
/// through `Generate` (whose error is the RNG's): it panics, as documented.
#[cfg(feature = "test-hooks")]
#[test]
fn mlkem_generate_panics_on_a_failed_self_test() {
    struct Corrupting;
    impl Drop for Corrupting {
        fn drop(&mut self) {
            pqfence::hooks::set_keygen_corruption(false);
        }
    }
    let _guard = Corrupting;
    pqfence::hooks::set_keygen_corruption(true);
    let result = std::panic::catch_unwind(|| {
        DecapsulationKey::<MlKem768>::try_generate_from_rng(&mut UnwrapErr(OsRng))
    });
    assert!(result.is_err());
    // The inherent call reports the same failure as an error.
    assert!(matches!(
        DecapsulationKey::<MlKem768>::generate(),
        Err(Error::PairwiseConsistency { .. })
    ));
}
