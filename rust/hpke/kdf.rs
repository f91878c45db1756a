//! HPKE KDFs: the two-stage HKDF-SHA256/384/512 (RFC 5869, draft-ietf-hpke-hpke
//! section 4 "LabeledExtract / LabeledExpand") and the one-stage SHAKE128,
//! SHAKE256, TurboSHAKE128 and TurboSHAKE256 (draft-ietf-hpke-pq section
//! "Single-Stage KDFs", "LabeledDerive"). HKDF comes from the `hkdf` and `sha2`
//! crates, SHAKE from `shake`, TurboSHAKE (domain byte 0x1F, RFC 9861) from
//! `turboshake`.

use hkdf::Hkdf;
use sha3::digest::{ExtendableOutput, Update, XofReader};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// "HPKE-v1", the version label of every labeled derivation.
const VERSION: &[u8] = b"HPKE-v1";

/// An HPKE KDF (the registry's KDF identifiers).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kdf {
    /// HKDF-SHA256 (0x0001), two-stage.
    HkdfSha256,
    /// HKDF-SHA384 (0x0002), two-stage.
    HkdfSha384,
    /// HKDF-SHA512 (0x0003), two-stage.
    HkdfSha512,
    /// SHAKE128 (0x0010), one-stage.
    Shake128,
    /// SHAKE256 (0x0011), one-stage.
    Shake256,
    /// TurboSHAKE128 (0x0012), one-stage.
    TurboShake128,
    /// TurboSHAKE256 (0x0013), one-stage.
    TurboShake256,
}

impl Kdf {
    /// Every KDF, in identifier order.
    pub const ALL: [Kdf; 7] = [
        Kdf::HkdfSha256,
        Kdf::HkdfSha384,
        Kdf::HkdfSha512,
        Kdf::Shake128,
        Kdf::Shake256,
        Kdf::TurboShake128,
        Kdf::TurboShake256,
    ];

    /// The two-byte identifier.
    pub const fn id(self) -> u16 {
        match self {
            Kdf::HkdfSha256 => 0x0001,
            Kdf::HkdfSha384 => 0x0002,
            Kdf::HkdfSha512 => 0x0003,
            Kdf::Shake128 => 0x0010,
            Kdf::Shake256 => 0x0011,
            Kdf::TurboShake128 => 0x0012,
            Kdf::TurboShake256 => 0x0013,
        }
    }

    /// The KDF with identifier `id`.
    pub fn from_id(id: u16) -> Result<Kdf> {
        Kdf::ALL
            .into_iter()
            .find(|k| k.id() == id)
            .ok_or_else(|| Error::UnknownAlgorithm {
                name: format!("HPKE KDF 0x{id:04x}"),
            })
    }

    /// The registry name ("HKDF-SHA256", "TurboSHAKE128", ...).
    pub const fn name(self) -> &'static str {
        match self {
            Kdf::HkdfSha256 => "HKDF-SHA256",
            Kdf::HkdfSha384 => "HKDF-SHA384",
            Kdf::HkdfSha512 => "HKDF-SHA512",
            Kdf::Shake128 => "SHAKE128",
            Kdf::Shake256 => "SHAKE256",
            Kdf::TurboShake128 => "TurboSHAKE128",
            Kdf::TurboShake256 => "TurboSHAKE256",
        }
    }

    /// `Nh`, the security strength in bytes.
    pub const fn nh(self) -> usize {
        match self {
            Kdf::HkdfSha256 | Kdf::Shake128 | Kdf::TurboShake128 => 32,
            Kdf::HkdfSha384 => 48,
            Kdf::HkdfSha512 | Kdf::Shake256 | Kdf::TurboShake256 => 64,
        }
    }

    /// Whether the KDF is one-stage (a single `Derive`).
    pub const fn is_one_stage(self) -> bool {
        !matches!(self, Kdf::HkdfSha256 | Kdf::HkdfSha384 | Kdf::HkdfSha512)
    }

    /// LabeledExtract(salt, label, ikm) of a two-stage KDF.
    pub(crate) fn labeled_extract(
        self,
        suite_id: &[u8],
        salt: &[u8],
        label: &[u8],
        ikm: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        let labeled: [&[u8]; 4] = [VERSION, suite_id, label, ikm];
        let mut prk = Zeroizing::new(vec![0u8; self.nh()]);
        macro_rules! extract {
            ($h:ty) => {{
                let mut ctx = hkdf::HkdfExtract::<$h>::new(Some(salt));
                for part in labeled {
                    ctx.input_ikm(part);
                }
                let (mut out, _) = ctx.finalize();
                prk.copy_from_slice(&out);
                zeroize::Zeroize::zeroize(out.as_mut_slice());
            }};
        }
        match self {
            Kdf::HkdfSha256 => extract!(sha2::Sha256),
            Kdf::HkdfSha384 => extract!(sha2::Sha384),
            Kdf::HkdfSha512 => extract!(sha2::Sha512),
            _ => return Err(Error::Internal { code: -300 }),
        }
        Ok(prk)
    }

    /// LabeledExpand(prk, label, info, L) of a two-stage KDF.
    pub(crate) fn labeled_expand(
        self,
        suite_id: &[u8],
        prk: &[u8],
        label: &[u8],
        info: &[u8],
        len: usize,
    ) -> Result<Zeroizing<Vec<u8>>> {
        if len > 255 * self.nh() {
            return Err(Error::InvalidLength {
                what: "HPKE export / expand length (at most 255 * Nh)",
                expected: 255 * self.nh(),
                actual: len,
            });
        }
        let l = u16::try_from(len).map_err(|_| Error::Internal { code: -301 })?;
        let l = l.to_be_bytes();
        let labeled: [&[u8]; 5] = [&l, VERSION, suite_id, label, info];
        let mut okm = Zeroizing::new(vec![0u8; len]);
        macro_rules! expand {
            ($h:ty) => {{
                let hk = Hkdf::<$h>::from_prk(prk).map_err(|_| Error::Internal { code: -302 })?;
                hk.expand_multi_info(&labeled, &mut okm)
                    .map_err(|_| Error::Internal { code: -303 })?;
            }};
        }
        match self {
            Kdf::HkdfSha256 => expand!(sha2::Sha256),
            Kdf::HkdfSha384 => expand!(sha2::Sha384),
            Kdf::HkdfSha512 => expand!(sha2::Sha512),
            _ => return Err(Error::Internal { code: -304 }),
        }
        Ok(okm)
    }

    /// LabeledDerive(ikm, label, context, L) of a one-stage KDF.
    pub(crate) fn labeled_derive(
        self,
        suite_id: &[u8],
        ikm: &[u8],
        label: &[u8],
        context: &[u8],
        len: usize,
    ) -> Result<Zeroizing<Vec<u8>>> {
        let l = u16::try_from(len).map_err(|_| Error::InvalidLength {
            what: "HPKE derive / export length (at most 65535 for a one-stage KDF)",
            expected: 65535,
            actual: len,
        })?;
        let label_len = u16::try_from(label.len()).map_err(|_| Error::Internal { code: -305 })?;
        let parts: [&[u8]; 7] = [
            ikm,
            VERSION,
            suite_id,
            &label_len.to_be_bytes(),
            label,
            &l.to_be_bytes(),
            context,
        ];
        let mut out = Zeroizing::new(vec![0u8; len]);
        macro_rules! xof {
            ($x:expr) => {{
                let mut x = $x;
                for p in parts {
                    x.update(p);
                }
                x.finalize_xof().read(&mut out);
            }};
        }
        match self {
            Kdf::Shake128 => xof!(shake::Shake128::default()),
            Kdf::Shake256 => xof!(shake::Shake256::default()),
            Kdf::TurboShake128 => xof!(turboshake::TurboShake128::default()),
            Kdf::TurboShake256 => xof!(turboshake::TurboShake256::default()),
            _ => return Err(Error::Internal { code: -306 }),
        }
        Ok(out)
    }
}

/// `lengthPrefixed(x)`: two-byte big-endian length, then `x` (at most 65535
/// bytes: `what` names the input in the error).
pub(crate) fn length_prefixed(out: &mut Vec<u8>, what: &'static str, x: &[u8]) -> Result<()> {
    let n = u16::try_from(x.len()).map_err(|_| Error::InvalidLength {
        what,
        expected: 65535,
        actual: x.len(),
    })?;
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(x);
    Ok(())
}
