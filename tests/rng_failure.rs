//! An injected randomness failure surfaces as the typed `Error::Randomness`
//! from every operation that draws randomness, for every parameter set, while
//! operations that need none keep working; the failure is confined to the
//! thread that injected it and ends when it is lifted. (That the buffers are
//! wiped is proven in tests/zeroize.rs, which watches the freed memory.)
#![cfg(feature = "test-hooks")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use pqfence::hooks::set_rng_failure;
use pqfence::mldsa::{DsaParams, MlDsa44, MlDsa65, MlDsa87, SigningKey};
use pqfence::mlkem::{DecapsulationKey, KemParams, MlKem1024, MlKem512, MlKem768};
use pqfence::prehash::PreHash;
use pqfence::Error;

/// Restores the randomness source even when an assertion fails.
struct Failing;
impl Failing {
    fn start() -> Self {
        set_rng_failure(true);
        Failing
    }
}
impl Drop for Failing {
    fn drop(&mut self) {
        set_rng_failure(false);
    }
}

fn kem<P: KemParams>() {
    let dk = DecapsulationKey::<P>::from_seed(&[4u8; 64]).unwrap();
    let ek = dk.encapsulation_key().clone();
    {
        let _f = Failing::start();
        assert_eq!(
            DecapsulationKey::<P>::generate().err(),
            Some(Error::Randomness),
            "{}",
            P::NAME
        );
        assert_eq!(
            ek.encapsulate().err(),
            Some(Error::Randomness),
            "{}",
            P::NAME
        );
        // No randomness needed: these still work.
        let (ss, ct) = ek.encapsulate_deterministic(&[5u8; 32]).unwrap();
        assert!(dk.decapsulate(&ct).unwrap() == ss);
        assert!(DecapsulationKey::<P>::from_seed(&[6u8; 64]).is_ok());
        // Another thread is not affected.
        std::thread::scope(|s| {
            s.spawn(|| assert!(DecapsulationKey::<P>::generate().is_ok()));
        });
    }
    assert!(
        DecapsulationKey::<P>::generate().is_ok(),
        "{}: recovery",
        P::NAME
    );
    assert!(ek.encapsulate().is_ok());
}

fn dsa<P: DsaParams>() {
    let sk = SigningKey::<P>::from_seed(&[7u8; 32]).unwrap();
    let mu = sk.verifying_key().mu_builder(b"").unwrap().finalize();
    {
        let _f = Failing::start();
        let name = P::NAME;
        assert_eq!(
            SigningKey::<P>::generate().err(),
            Some(Error::Randomness),
            "{name}"
        );
        assert_eq!(sk.sign(b"m", b"").err(), Some(Error::Randomness), "{name}");
        assert_eq!(
            sk.sign_prehash(PreHash::Sha256, b"m", b"", false).err(),
            Some(Error::Randomness),
            "{name}"
        );
        assert_eq!(
            sk.sign_mu(&mu, false).err(),
            Some(Error::Randomness),
            "{name}"
        );
        // Deterministic variants need no randomness.
        let sig = sk.sign_deterministic(b"m", b"").unwrap();
        sk.verifying_key()
            .verify(b"m", b"", sig.as_bytes())
            .unwrap();
        assert!(sk.sign_prehash(PreHash::Sha256, b"m", b"", true).is_ok());
        assert!(sk.sign_mu(&mu, true).is_ok());
        std::thread::scope(|s| {
            s.spawn(|| assert!(sk.sign(b"m", b"").is_ok()));
        });
    }
    assert!(sk.sign(b"m", b"").is_ok(), "{}: recovery", P::NAME);
}

#[test]
fn mlkem_randomness_failure_is_typed() {
    kem::<MlKem512>();
    kem::<MlKem768>();
    kem::<MlKem1024>();
}

#[test]
fn mldsa_randomness_failure_is_typed() {
    dsa::<MlDsa44>();
    dsa::<MlDsa65>();
    dsa::<MlDsa87>();
}

#[test]
fn the_error_names_the_cause_and_no_secret() {
    let _f = Failing::start();
    let e = DecapsulationKey::<MlKem768>::generate().err().unwrap();
    assert_eq!(
        e.to_string(),
        "the operating system's random generator failed"
    );
}
