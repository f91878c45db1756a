//! HPKE AEADs (draft-ietf-hpke-hpke section 7.3): AES-128-GCM, AES-256-GCM
//! (`aes-gcm`), ChaCha20-Poly1305 (`chacha20poly1305`), and the export-only
//! identifier 0xFFFF, which has no encryption at all.

use aes_gcm::aead::{Aead as _, KeyInit, Payload};

use crate::error::{Error, Result};

/// An HPKE AEAD (the registry's AEAD identifiers).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aead {
    /// AES-128-GCM (0x0001).
    Aes128Gcm,
    /// AES-256-GCM (0x0002).
    Aes256Gcm,
    /// ChaCha20Poly1305 (0x0003).
    ChaCha20Poly1305,
    /// Export-only (0xFFFF): the context can only export secrets.
    ExportOnly,
}

impl Aead {
    /// Every AEAD, in identifier order.
    pub const ALL: [Aead; 4] = [
        Aead::Aes128Gcm,
        Aead::Aes256Gcm,
        Aead::ChaCha20Poly1305,
        Aead::ExportOnly,
    ];

    /// The two-byte identifier.
    pub const fn id(self) -> u16 {
        match self {
            Aead::Aes128Gcm => 0x0001,
            Aead::Aes256Gcm => 0x0002,
            Aead::ChaCha20Poly1305 => 0x0003,
            Aead::ExportOnly => 0xFFFF,
        }
    }

    /// The AEAD with identifier `id`.
    pub fn from_id(id: u16) -> Result<Aead> {
        Aead::ALL
            .into_iter()
            .find(|a| a.id() == id)
            .ok_or_else(|| Error::UnknownAlgorithm {
                name: format!("HPKE AEAD 0x{id:04x}"),
            })
    }

    /// The registry name.
    pub const fn name(self) -> &'static str {
        match self {
            Aead::Aes128Gcm => "AES-128-GCM",
            Aead::Aes256Gcm => "AES-256-GCM",
            Aead::ChaCha20Poly1305 => "ChaCha20Poly1305",
            Aead::ExportOnly => "Export-only",
        }
    }

    /// `Nk`, the key length (0 for export-only).
    pub const fn nk(self) -> usize {
        match self {
            Aead::Aes128Gcm => 16,
            Aead::Aes256Gcm | Aead::ChaCha20Poly1305 => 32,
            Aead::ExportOnly => 0,
        }
    }

    /// `Nn`, the nonce length (0 for export-only).
    pub const fn nn(self) -> usize {
        match self {
            Aead::ExportOnly => 0,
            _ => 12,
        }
    }

    /// `Nt`, the tag length (0 for export-only).
    pub const fn nt(self) -> usize {
        match self {
            Aead::ExportOnly => 0,
            _ => 16,
        }
    }

    /// The largest plaintext (P_MAX of RFC 5116).
    const fn p_max(self) -> u64 {
        match self {
            Aead::ChaCha20Poly1305 => (1 << 38) - 64,
            _ => (1 << 36) - 31,
        }
    }

    fn export_only() -> Error {
        Error::InvalidParameter {
            reason: "the export-only AEAD cannot seal or open",
        }
    }

    /// Seal(key, nonce, aad, pt).
    pub(crate) fn seal(self, key: &[u8], nonce: &[u8], aad: &[u8], pt: &[u8]) -> Result<Vec<u8>> {
        if pt.len() as u64 > self.p_max() {
            return Err(Error::InvalidLength {
                what: "HPKE plaintext (P_MAX)",
                expected: usize::try_from(self.p_max()).unwrap_or(usize::MAX),
                actual: pt.len(),
            });
        }
        let payload = Payload { msg: pt, aad };
        let out = match self {
            Aead::Aes128Gcm => {
                cipher::<aes_gcm::Aes128Gcm>(key)?.encrypt(nonce_of(nonce)?, payload)
            }
            Aead::Aes256Gcm => {
                cipher::<aes_gcm::Aes256Gcm>(key)?.encrypt(nonce_of(nonce)?, payload)
            }
            Aead::ChaCha20Poly1305 => cipher::<chacha20poly1305::ChaCha20Poly1305>(key)?
                .encrypt(nonce_of(nonce)?, payload),
            Aead::ExportOnly => return Err(Self::export_only()),
        };
        out.map_err(|_| Error::Internal { code: -310 })
    }

    /// Open(key, nonce, aad, ct): [`Error::InvalidTag`] when authentication fails.
    pub(crate) fn open(self, key: &[u8], nonce: &[u8], aad: &[u8], ct: &[u8]) -> Result<Vec<u8>> {
        if ct.len() < self.nt() {
            return Err(Error::InvalidTag);
        }
        let payload = Payload { msg: ct, aad };
        let out = match self {
            Aead::Aes128Gcm => {
                cipher::<aes_gcm::Aes128Gcm>(key)?.decrypt(nonce_of(nonce)?, payload)
            }
            Aead::Aes256Gcm => {
                cipher::<aes_gcm::Aes256Gcm>(key)?.decrypt(nonce_of(nonce)?, payload)
            }
            Aead::ChaCha20Poly1305 => cipher::<chacha20poly1305::ChaCha20Poly1305>(key)?
                .decrypt(nonce_of(nonce)?, payload),
            Aead::ExportOnly => return Err(Self::export_only()),
        };
        out.map_err(|_| Error::InvalidTag)
    }
}

fn cipher<C: KeyInit>(key: &[u8]) -> Result<C> {
    C::new_from_slice(key).map_err(|_| Error::Internal { code: -311 })
}

fn nonce_of(nonce: &[u8]) -> Result<&aes_gcm::Nonce<aes_gcm::aead::consts::U12>> {
    nonce.try_into().map_err(|_| Error::Internal { code: -312 })
}
