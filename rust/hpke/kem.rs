//! HPKE KEMs: the DHKEMs of draft-ietf-hpke-hpke section 4.1 (P-256, P-384,
//! P-521, X25519, X448, each with its own HKDF), ML-KEM-512/768/1024 and the
//! hybrids MLKEM768-P256, MLKEM1024-P384 and MLKEM768-X25519 (X-Wing) of
//! draft-ietf-hpke-pq. Keys are the registry's serializations: the seed for
//! ML-KEM (64 bytes) and the hybrids (32 bytes), the scalar / RFC 7748 string
//! for the DHKEMs.

use zeroize::Zeroizing;

use super::kdf::Kdf;
use crate::error::{Error, Result};
use crate::hybrid::group::{self, DhGroup};
use crate::hybrid::{self, HybridParams};
use crate::mlkem::{self, KemParams};

/// An HPKE KEM (the registry's KEM identifiers).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kem {
    /// DHKEM(P-256, HKDF-SHA256), 0x0010.
    DhkemP256,
    /// DHKEM(P-384, HKDF-SHA384), 0x0011.
    DhkemP384,
    /// DHKEM(P-521, HKDF-SHA512), 0x0012.
    DhkemP521,
    /// DHKEM(X25519, HKDF-SHA256), 0x0020.
    DhkemX25519,
    /// DHKEM(X448, HKDF-SHA512), 0x0021.
    DhkemX448,
    /// ML-KEM-512, 0x0040.
    MlKem512,
    /// ML-KEM-768, 0x0041.
    MlKem768,
    /// ML-KEM-1024, 0x0042.
    MlKem1024,
    /// MLKEM768-P256, 0x0050.
    MlKem768P256,
    /// MLKEM1024-P384, 0x0051.
    MlKem1024P384,
    /// MLKEM768-X25519 (X-Wing), 0x647a.
    MlKem768X25519,
}

impl Kem {
    /// Every KEM, in identifier order.
    pub const ALL: [Kem; 11] = [
        Kem::DhkemP256,
        Kem::DhkemP384,
        Kem::DhkemP521,
        Kem::DhkemX25519,
        Kem::DhkemX448,
        Kem::MlKem512,
        Kem::MlKem768,
        Kem::MlKem1024,
        Kem::MlKem768P256,
        Kem::MlKem1024P384,
        Kem::MlKem768X25519,
    ];

    /// The two-byte identifier.
    pub const fn id(self) -> u16 {
        match self {
            Kem::DhkemP256 => 0x0010,
            Kem::DhkemP384 => 0x0011,
            Kem::DhkemP521 => 0x0012,
            Kem::DhkemX25519 => 0x0020,
            Kem::DhkemX448 => 0x0021,
            Kem::MlKem512 => 0x0040,
            Kem::MlKem768 => 0x0041,
            Kem::MlKem1024 => 0x0042,
            Kem::MlKem768P256 => 0x0050,
            Kem::MlKem1024P384 => 0x0051,
            Kem::MlKem768X25519 => 0x647a,
        }
    }

    /// The KEM with identifier `id`.
    pub fn from_id(id: u16) -> Result<Kem> {
        Kem::ALL
            .into_iter()
            .find(|k| k.id() == id)
            .ok_or_else(|| Error::UnknownAlgorithm {
                name: format!("HPKE KEM 0x{id:04x}"),
            })
    }

    /// The registry name ("DHKEM(X25519, HKDF-SHA256)", "MLKEM768-X25519", ...).
    pub const fn name(self) -> &'static str {
        match self {
            Kem::DhkemP256 => "DHKEM(P-256, HKDF-SHA256)",
            Kem::DhkemP384 => "DHKEM(P-384, HKDF-SHA384)",
            Kem::DhkemP521 => "DHKEM(P-521, HKDF-SHA512)",
            Kem::DhkemX25519 => "DHKEM(X25519, HKDF-SHA256)",
            Kem::DhkemX448 => "DHKEM(X448, HKDF-SHA512)",
            Kem::MlKem512 => "ML-KEM-512",
            Kem::MlKem768 => "ML-KEM-768",
            Kem::MlKem1024 => "ML-KEM-1024",
            Kem::MlKem768P256 => "MLKEM768-P256",
            Kem::MlKem1024P384 => "MLKEM1024-P384",
            Kem::MlKem768X25519 => "MLKEM768-X25519",
        }
    }

    /// `Nsecret`.
    pub const fn n_secret(self) -> usize {
        match self {
            Kem::DhkemP384 => 48,
            Kem::DhkemP521 | Kem::DhkemX448 => 64,
            _ => 32,
        }
    }

    /// `Nenc`.
    pub const fn n_enc(self) -> usize {
        match self {
            Kem::DhkemP256 => 65,
            Kem::DhkemP384 => 97,
            Kem::DhkemP521 => 133,
            Kem::DhkemX25519 => 32,
            Kem::DhkemX448 => 56,
            Kem::MlKem512 => 768,
            Kem::MlKem768 => 1088,
            Kem::MlKem1024 => 1568,
            Kem::MlKem768P256 => 1153,
            Kem::MlKem1024P384 => 1665,
            Kem::MlKem768X25519 => 1120,
        }
    }

    /// `Npk`.
    pub const fn n_pk(self) -> usize {
        match self {
            Kem::MlKem512 => 800,
            Kem::MlKem768 => 1184,
            Kem::MlKem1024 => 1568,
            Kem::MlKem768P256 => 1249,
            Kem::MlKem1024P384 => 1665,
            Kem::MlKem768X25519 => 1216,
            dh => dh.n_enc(),
        }
    }

    /// `Nsk`.
    pub const fn n_sk(self) -> usize {
        match self {
            Kem::DhkemP256 | Kem::DhkemX25519 => 32,
            Kem::DhkemP384 => 48,
            Kem::DhkemP521 => 66,
            Kem::DhkemX448 => 56,
            Kem::MlKem512 | Kem::MlKem768 | Kem::MlKem1024 => 64,
            Kem::MlKem768P256 | Kem::MlKem1024P384 | Kem::MlKem768X25519 => 32,
        }
    }

    /// Whether the KEM offers AuthEncap/AuthDecap (the auth and auth_psk
    /// modes of RFC 9180): the DHKEMs only.
    pub const fn supports_auth(self) -> bool {
        matches!(
            self,
            Kem::DhkemP256 | Kem::DhkemP384 | Kem::DhkemP521 | Kem::DhkemX25519 | Kem::DhkemX448
        )
    }

    /// The DHKEM's own KDF (used by its DeriveKeyPair and ExtractAndExpand).
    const fn dhkem_kdf(self) -> Kdf {
        match self {
            Kem::DhkemP384 => Kdf::HkdfSha384,
            Kem::DhkemP521 | Kem::DhkemX448 => Kdf::HkdfSha512,
            _ => Kdf::HkdfSha256,
        }
    }

    fn suite_id(self) -> [u8; 5] {
        let id = self.id().to_be_bytes();
        [b'K', b'E', b'M', id[0], id[1]]
    }
}

/// Runs `$body` with `$g` bound to the DH group type of a DHKEM.
macro_rules! with_group {
    ($kem:expr, $g:ident => $body:expr, else $other:expr) => {
        match $kem {
            Kem::DhkemP256 => {
                type $g = group::P256;
                $body
            }
            Kem::DhkemP384 => {
                type $g = group::P384;
                $body
            }
            Kem::DhkemP521 => {
                type $g = group::P521;
                $body
            }
            Kem::DhkemX25519 => {
                type $g = group::X25519;
                $body
            }
            Kem::DhkemX448 => {
                type $g = group::X448;
                $body
            }
            _ => $other,
        }
    };
}

/// The loaded form of a private key.
#[derive(Clone)]
enum Sk {
    Dh(Zeroizing<Vec<u8>>),
    MlKem512(mlkem::DecapsulationKey<mlkem::MlKem512>),
    MlKem768(mlkem::DecapsulationKey<mlkem::MlKem768>),
    MlKem1024(mlkem::DecapsulationKey<mlkem::MlKem1024>),
    MlKem768P256(hybrid::DecapsulationKey<hybrid::MlKem768P256>),
    MlKem1024P384(hybrid::DecapsulationKey<hybrid::MlKem1024P384>),
    MlKem768X25519(hybrid::DecapsulationKey<hybrid::MlKem768X25519>),
}

/// The loaded form of a public key.
#[derive(Clone)]
enum Pk {
    Dh,
    MlKem512(mlkem::EncapsulationKey<mlkem::MlKem512>),
    MlKem768(mlkem::EncapsulationKey<mlkem::MlKem768>),
    MlKem1024(mlkem::EncapsulationKey<mlkem::MlKem1024>),
    MlKem768P256(hybrid::EncapsulationKey<hybrid::MlKem768P256>),
    MlKem1024P384(hybrid::EncapsulationKey<hybrid::MlKem1024P384>),
    MlKem768X25519(hybrid::EncapsulationKey<hybrid::MlKem768X25519>),
}

/// An HPKE public key of one KEM (`pkR`, or `pkS` in the auth modes).
#[derive(Clone)]
pub struct PublicKey {
    kem: Kem,
    bytes: Vec<u8>,
    inner: Pk,
}

/// An HPKE private key of one KEM: its serialization (`Nsk` bytes) is kept
/// with the loaded key (when it has one: an ML-KEM key loaded in expanded
/// form, or a hybrid key built from its components, has none). Wiped on
/// drop, redacted in `Debug`.
#[derive(Clone)]
pub struct PrivateKey {
    kem: Kem,
    bytes: Option<Zeroizing<Vec<u8>>>,
    inner: Sk,
    public: PublicKey,
}

impl PublicKey {
    /// DeserializePublicKey: checks the length and validates the key (points
    /// on the curve and not the identity, the ML-KEM modulus check).
    pub fn from_bytes(kem: Kem, bytes: &[u8]) -> Result<Self> {
        if bytes.len() != kem.n_pk() {
            return Err(Error::InvalidLength {
                what: "HPKE public key (Npk)",
                expected: kem.n_pk(),
                actual: bytes.len(),
            });
        }
        let inner = match kem {
            Kem::MlKem512 => Pk::MlKem512(mlkem::EncapsulationKey::from_bytes(bytes)?),
            Kem::MlKem768 => Pk::MlKem768(mlkem::EncapsulationKey::from_bytes(bytes)?),
            Kem::MlKem1024 => Pk::MlKem1024(mlkem::EncapsulationKey::from_bytes(bytes)?),
            Kem::MlKem768P256 => Pk::MlKem768P256(hybrid::EncapsulationKey::from_bytes(bytes)?),
            Kem::MlKem1024P384 => Pk::MlKem1024P384(hybrid::EncapsulationKey::from_bytes(bytes)?),
            Kem::MlKem768X25519 => Pk::MlKem768X25519(hybrid::EncapsulationKey::from_bytes(bytes)?),
            dh => {
                with_group!(dh, G => G::check_public(bytes)?, else return Err(Error::Internal { code: -320 }));
                Pk::Dh
            }
        };
        Ok(PublicKey {
            kem,
            bytes: bytes.to_vec(),
            inner,
        })
    }

    /// The KEM this key belongs to.
    pub fn kem(&self) -> Kem {
        self.kem
    }

    /// SerializePublicKey (`Npk` bytes).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.kem == other.kem && self.bytes == other.bytes
    }
}
impl Eq for PublicKey {}
impl core::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "PublicKey<{}>({} bytes)",
            self.kem.name(),
            self.bytes.len()
        )
    }
}

impl PrivateKey {
    /// GenerateKeyPair with fresh OS randomness.
    pub fn generate(kem: Kem) -> Result<Self> {
        let mut ikm = Zeroizing::new(vec![0u8; kem.n_sk()]);
        crate::rng::fill(&mut ikm)?;
        match kem {
            // The seed forms are the private keys themselves.
            Kem::MlKem512
            | Kem::MlKem768
            | Kem::MlKem1024
            | Kem::MlKem768P256
            | Kem::MlKem1024P384
            | Kem::MlKem768X25519 => Self::from_bytes(kem, &ikm),
            dh => {
                let sk = with_group!(dh, G => G::generate_secret()?, else return Err(Error::Internal { code: -321 }));
                Self::from_bytes(kem, &sk)
            }
        }
    }

    /// DeriveKeyPair(ikm): the key pair the registry derives from `ikm`
    /// (which SHOULD have at least `Nsk` bytes of entropy).
    pub fn derive(kem: Kem, ikm: &[u8]) -> Result<Self> {
        let suite_id = kem.suite_id();
        match kem {
            Kem::MlKem512 | Kem::MlKem768 | Kem::MlKem1024 => {
                let dk = Kdf::Shake256.labeled_derive(&suite_id, ikm, b"DeriveKeyPair", b"", 64)?;
                Self::from_bytes(kem, &dk)
            }
            Kem::MlKem768P256 | Kem::MlKem1024P384 | Kem::MlKem768X25519 => {
                let seed =
                    Kdf::Shake256.labeled_derive(&suite_id, ikm, b"DeriveKeyPair", b"", 32)?;
                Self::from_bytes(kem, &seed)
            }
            dh => {
                let kdf = dh.dhkem_kdf();
                let prk = kdf.labeled_extract(&suite_id, b"", b"dkp_prk", ikm)?;
                let nsk = kem.n_sk();
                with_group!(dh, G => match G::BITMASK {
                    None => {
                        let sk = kdf.labeled_expand(&suite_id, &prk, b"sk", b"", nsk)?;
                        Self::from_bytes(kem, &sk)
                    }
                    Some(mask) => {
                        for counter in 0u8..=255 {
                            let mut cand =
                                kdf.labeled_expand(&suite_id, &prk, b"candidate", &[counter], nsk)?;
                            if let Some(first) = cand.first_mut() {
                                *first &= mask;
                            }
                            if G::check_secret(&cand).is_ok() {
                                return Self::from_bytes(kem, &cand);
                            }
                        }
                        Err(Error::InvalidKey { reason: "HPKE DeriveKeyPair: no valid scalar in 256 candidates" })
                    }
                }, else Err(Error::Internal { code: -322 }))
            }
        }
    }

    /// DeserializePrivateKey: the ML-KEM 64-byte seed, the hybrid 32-byte
    /// seed, or the DHKEM scalar (in [1, n-1]) / X25519 / X448 string.
    pub fn from_bytes(kem: Kem, bytes: &[u8]) -> Result<Self> {
        if bytes.len() != kem.n_sk() {
            return Err(Error::InvalidLength {
                what: "HPKE private key (Nsk)",
                expected: kem.n_sk(),
                actual: bytes.len(),
            });
        }
        let (inner, pk) = match kem {
            Kem::MlKem512 => {
                let dk = mlkem::DecapsulationKey::from_seed(bytes)?;
                let pk = Pk::MlKem512(dk.encapsulation_key().clone());
                (Sk::MlKem512(dk), pk)
            }
            Kem::MlKem768 => {
                let dk = mlkem::DecapsulationKey::from_seed(bytes)?;
                let pk = Pk::MlKem768(dk.encapsulation_key().clone());
                (Sk::MlKem768(dk), pk)
            }
            Kem::MlKem1024 => {
                let dk = mlkem::DecapsulationKey::from_seed(bytes)?;
                let pk = Pk::MlKem1024(dk.encapsulation_key().clone());
                (Sk::MlKem1024(dk), pk)
            }
            Kem::MlKem768P256 => {
                let dk = hybrid::DecapsulationKey::from_seed(bytes)?;
                let pk = Pk::MlKem768P256(dk.encapsulation_key().clone());
                (Sk::MlKem768P256(dk), pk)
            }
            Kem::MlKem1024P384 => {
                let dk = hybrid::DecapsulationKey::from_seed(bytes)?;
                let pk = Pk::MlKem1024P384(dk.encapsulation_key().clone());
                (Sk::MlKem1024P384(dk), pk)
            }
            Kem::MlKem768X25519 => {
                let dk = hybrid::DecapsulationKey::from_seed(bytes)?;
                let pk = Pk::MlKem768X25519(dk.encapsulation_key().clone());
                (Sk::MlKem768X25519(dk), pk)
            }
            dh => {
                with_group!(dh, G => G::check_secret(bytes)?, else return Err(Error::Internal { code: -323 }));
                (Sk::Dh(Zeroizing::new(bytes.to_vec())), Pk::Dh)
            }
        };
        let pk_bytes = match &pk {
            Pk::Dh => {
                with_group!(kem, G => G::public_key(bytes)?, else return Err(Error::Internal { code: -324 }))
            }
            Pk::MlKem512(k) => k.as_bytes().to_vec(),
            Pk::MlKem768(k) => k.as_bytes().to_vec(),
            Pk::MlKem1024(k) => k.as_bytes().to_vec(),
            Pk::MlKem768P256(k) => k.as_bytes().to_vec(),
            Pk::MlKem1024P384(k) => k.as_bytes().to_vec(),
            Pk::MlKem768X25519(k) => k.as_bytes().to_vec(),
        };
        Ok(PrivateKey {
            kem,
            bytes: Some(Zeroizing::new(bytes.to_vec())),
            inner,
            public: PublicKey {
                kem,
                bytes: pk_bytes,
                inner: pk,
            },
        })
    }

    /// The KEM this key belongs to.
    pub fn kem(&self) -> Kem {
        self.kem
    }

    /// SerializePrivateKey (`Nsk` bytes). Handle with care. A key without
    /// its seed (an ML-KEM key loaded in expanded form, a hybrid key built
    /// from its components) has no serialization: [`Error::InvalidKey`].
    pub fn to_bytes(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.bytes.clone().ok_or(Error::InvalidKey {
            reason: "this HPKE private key has no serialization (its seed is not known: an ML-KEM key loaded in expanded form, or a hybrid key built from its components)",
        })
    }

    /// The DHKEM private key bytes.
    fn dh_secret(&self) -> Result<&[u8]> {
        match &self.inner {
            Sk::Dh(sk) => Ok(sk),
            _ => Err(Error::Internal { code: -327 }),
        }
    }

    /// The matching public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }
}

impl core::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "PrivateKey<{}>(REDACTED)", self.kem.name())
    }
}

/// Conversions from the catalogue's KEM keys: an HPKE key of the matching
/// KEM, holding the same key (no re-derivation).
macro_rules! from_catalogue {
    ($($variant:ident: $sk:ty, $pk:ty;)*) => {$(
        impl From<$pk> for PublicKey {
            fn from(ek: $pk) -> Self {
                PublicKey {
                    kem: Kem::$variant,
                    bytes: ek.as_bytes().to_vec(),
                    inner: Pk::$variant(ek),
                }
            }
        }

        impl From<$sk> for PrivateKey {
            fn from(dk: $sk) -> Self {
                let bytes = dk.seed().map(|s| Zeroizing::new(s.bytes().to_vec()));
                let public = PublicKey::from(dk.encapsulation_key().clone());
                PrivateKey {
                    kem: Kem::$variant,
                    bytes,
                    inner: Sk::$variant(dk),
                    public,
                }
            }
        }
    )*};
}

from_catalogue! {
    MlKem512: mlkem::DecapsulationKey<mlkem::MlKem512>, mlkem::EncapsulationKey<mlkem::MlKem512>;
    MlKem768: mlkem::DecapsulationKey<mlkem::MlKem768>, mlkem::EncapsulationKey<mlkem::MlKem768>;
    MlKem1024: mlkem::DecapsulationKey<mlkem::MlKem1024>, mlkem::EncapsulationKey<mlkem::MlKem1024>;
    MlKem768P256: hybrid::DecapsulationKey<hybrid::MlKem768P256>,
        hybrid::EncapsulationKey<hybrid::MlKem768P256>;
    MlKem1024P384: hybrid::DecapsulationKey<hybrid::MlKem1024P384>,
        hybrid::EncapsulationKey<hybrid::MlKem1024P384>;
    MlKem768X25519: hybrid::DecapsulationKey<hybrid::MlKem768X25519>,
        hybrid::EncapsulationKey<hybrid::MlKem768X25519>;
}

/// The shared secret of an encapsulation, wiped on drop.
pub(crate) type KemSecret = Zeroizing<Vec<u8>>;

fn check_kem(kem: Kem, key_kem: Kem) -> Result<()> {
    if kem == key_kem {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            reason: "the key belongs to another KEM than the suite's",
        })
    }
}

/// `a || b` in a buffer sized up front (extending `a` would free a copy of
/// it unwiped).
fn concat_secrets(a: &[u8], b: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(a.len() + b.len()));
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out
}

/// DHKEM ExtractAndExpand(dh, kem_context) with the DHKEM's own HKDF.
fn extract_and_expand(kem: Kem, dh: &[u8], kem_context: &[u8]) -> Result<KemSecret> {
    let kdf = kem.dhkem_kdf();
    let suite_id = kem.suite_id();
    let prk = kdf.labeled_extract(&suite_id, b"", b"eae_prk", dh)?;
    kdf.labeled_expand(
        &suite_id,
        &prk,
        b"shared_secret",
        kem_context,
        kem.n_secret(),
    )
}

fn dh_encap(
    kem: Kem,
    pk_r: &[u8],
    sk_s: Option<&PrivateKey>,
    ikm_e: Option<&[u8]>,
) -> Result<(KemSecret, Vec<u8>)> {
    let eph = match ikm_e {
        Some(ikm) => PrivateKey::derive(kem, ikm)?,
        None => PrivateKey::generate(kem)?,
    };
    with_group!(kem, G => {
        let mut dh = G::dh(eph.dh_secret()?, pk_r)?;
        let enc = eph.public.bytes.clone();
        let mut ctx = Vec::with_capacity(3 * enc.len());
        ctx.extend_from_slice(&enc);
        ctx.extend_from_slice(pk_r);
        if let Some(s) = sk_s {
            let dh2 = G::dh(s.dh_secret()?, pk_r)?;
            dh = concat_secrets(&dh, &dh2);
            ctx.extend_from_slice(&s.public.bytes);
        }
        Ok((extract_and_expand(kem, &dh, &ctx)?, enc))
    }, else Err(Error::Internal { code: -325 }))
}

/// Encap(pkR), or AuthEncap(pkR, skS) with `sk_s`; `ikm_e` makes it
/// deterministic (known-answer tests): the DHKEM ephemeral's DeriveKeyPair
/// input, the ML-KEM coin `m`, the hybrid `eseed`.
pub(crate) fn encap(
    pk_r: &PublicKey,
    sk_s: Option<&PrivateKey>,
    ikm_e: Option<&[u8]>,
) -> Result<(KemSecret, Vec<u8>)> {
    let kem = pk_r.kem;
    if let Some(s) = sk_s {
        check_kem(kem, s.kem)?;
        if !kem.supports_auth() {
            return Err(Error::InvalidParameter {
                reason: "this KEM has no authenticated mode (AuthEncap)",
            });
        }
    }
    macro_rules! mlkem_encap {
        ($k:expr) => {{
            let (ss, ct) = match ikm_e {
                None => $k.encapsulate()?,
                Some(m) => {
                    let m: &[u8; 32] = m.try_into().map_err(|_| Error::InvalidLength {
                        what: "ML-KEM encapsulation randomness m",
                        expected: 32,
                        actual: m.len(),
                    })?;
                    $k.encapsulate_deterministic(m)?
                }
            };
            Ok((Zeroizing::new(ss.bytes().to_vec()), ct.as_bytes().to_vec()))
        }};
    }
    macro_rules! hybrid_encap {
        ($k:expr) => {{
            let (ss, ct) = match ikm_e {
                None => $k.encapsulate()?,
                Some(e) => $k.encapsulate_deterministic(e)?,
            };
            Ok((Zeroizing::new(ss.bytes().to_vec()), ct.as_bytes().to_vec()))
        }};
    }
    match &pk_r.inner {
        Pk::Dh => dh_encap(kem, &pk_r.bytes, sk_s, ikm_e),
        Pk::MlKem512(k) => mlkem_encap!(k),
        Pk::MlKem768(k) => mlkem_encap!(k),
        Pk::MlKem1024(k) => mlkem_encap!(k),
        Pk::MlKem768P256(k) => hybrid_encap!(k),
        Pk::MlKem1024P384(k) => hybrid_encap!(k),
        Pk::MlKem768X25519(k) => hybrid_encap!(k),
    }
}

fn mlkem_decap<P: KemParams>(dk: &mlkem::DecapsulationKey<P>, enc: &[u8]) -> Result<KemSecret> {
    let ss = dk.decapsulate_bytes(enc)?;
    Ok(Zeroizing::new(ss.bytes().to_vec()))
}

fn hybrid_decap<P: HybridParams>(
    dk: &hybrid::DecapsulationKey<P>,
    enc: &[u8],
) -> Result<KemSecret> {
    let ss = dk.decapsulate_bytes(enc)?;
    Ok(Zeroizing::new(ss.bytes().to_vec()))
}

/// Decap(enc, skR), or AuthDecap(enc, skR, pkS) with `pk_s`.
pub(crate) fn decap(enc: &[u8], sk_r: &PrivateKey, pk_s: Option<&PublicKey>) -> Result<KemSecret> {
    let kem = sk_r.kem;
    if let Some(s) = pk_s {
        check_kem(kem, s.kem)?;
        if !kem.supports_auth() {
            return Err(Error::InvalidParameter {
                reason: "this KEM has no authenticated mode (AuthDecap)",
            });
        }
    }
    if enc.len() != kem.n_enc() {
        return Err(Error::InvalidLength {
            what: "HPKE encapsulated key (Nenc)",
            expected: kem.n_enc(),
            actual: enc.len(),
        });
    }
    match &sk_r.inner {
        Sk::Dh(sk) => with_group!(kem, G => {
            let mut dh = G::dh(sk, enc)?;
            let mut ctx = Vec::with_capacity(3 * enc.len());
            ctx.extend_from_slice(enc);
            ctx.extend_from_slice(&sk_r.public.bytes);
            if let Some(s) = pk_s {
                let dh2 = G::dh(sk, &s.bytes)?;
                dh = concat_secrets(&dh, &dh2);
                ctx.extend_from_slice(&s.bytes);
            }
            extract_and_expand(kem, &dh, &ctx)
        }, else Err(Error::Internal { code: -326 })),
        Sk::MlKem512(k) => mlkem_decap(k, enc),
        Sk::MlKem768(k) => mlkem_decap(k, enc),
        Sk::MlKem1024(k) => mlkem_decap(k, enc),
        Sk::MlKem768P256(k) => hybrid_decap(k, enc),
        Sk::MlKem1024P384(k) => hybrid_decap(k, enc),
        Sk::MlKem768X25519(k) => hybrid_decap(k, enc),
    }
}
