//! Byte arrays of fixed size, and the zeroizing wrapper every secret lives in.

use core::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::Result;
use crate::ffi::Words;

/// A fixed-size byte array (`[u8; N]`). Parameter sets name their key, ciphertext
/// and signature sizes through this trait, so generic code is written once and
/// the FFI layer still receives arrays whose length is part of their type.
pub trait ByteArray:
    AsRef<[u8]> + AsMut<[u8]> + Clone + Send + Sync + Zeroize + 'static + private::Sealed
{
    /// The array's length in bytes.
    const LEN: usize;
    /// An all-zero array on the heap (large arrays never sit on the stack twice).
    fn boxed_zero() -> Box<Self>;
}

impl<const N: usize> ByteArray for [u8; N] {
    const LEN: usize = N;
    fn boxed_zero() -> Box<Self> {
        let v: Box<[u8]> = vec![0u8; N].into_boxed_slice();
        match v.try_into() {
            Ok(b) => b,
            // A boxed slice of length N always converts to Box<[u8; N]>.
            Err(_) => unreachable!("length is N by construction"),
        }
    }
}

mod private {
    pub trait Sealed {}
    impl<const N: usize> Sealed for [u8; N] {}
}

/// Copies `bytes` into a new boxed array after checking its length.
pub(crate) fn boxed_from_slice<A: ByteArray>(what: &'static str, bytes: &[u8]) -> Result<Box<A>> {
    crate::error::check_len(what, A::LEN, bytes)?;
    let mut out = A::boxed_zero();
    AsMut::<[u8]>::as_mut(&mut *out).copy_from_slice(bytes);
    Ok(out)
}

/// Constant-time OR-fold: true when every byte is zero. Used to check that the
/// C layer wrote its outputs (an all-zero key or secret means it did not).
pub(crate) fn ct_is_all_zero(bytes: &[u8]) -> bool {
    let acc = bytes.iter().fold(0u8, |acc, b| acc | b);
    bool::from(acc.ct_eq(&0u8))
}

/// A secret byte array: wiped on drop, redacted in `Debug`, compared in constant
/// time, never `Copy`. Seeds, secret keys, shared secrets and signing
/// randomness live in this type.
pub struct Secret<A: ByteArray>(Box<A>);

impl<A: ByteArray> Secret<A> {
    /// An all-zero secret, to be filled by the C layer.
    pub(crate) fn zero() -> Self {
        Secret(A::boxed_zero())
    }

    /// Copies `bytes` into a new secret after checking its length.
    pub(crate) fn from_slice(what: &'static str, bytes: &[u8]) -> Result<Self> {
        boxed_from_slice::<A>(what, bytes).map(Secret)
    }

    /// The secret bytes. Handle them with care.
    pub fn expose(&self) -> &A {
        &self.0
    }

    /// The secret bytes as a slice. Handle them with care.
    pub fn bytes(&self) -> &[u8] {
        AsRef::<[u8]>::as_ref(&*self.0)
    }

    pub(crate) fn expose_mut(&mut self) -> &mut A {
        &mut self.0
    }
}

impl<A: ByteArray> Clone for Secret<A> {
    fn clone(&self) -> Self {
        let mut s = Self::zero();
        AsMut::<[u8]>::as_mut(&mut *s.0).copy_from_slice(self.bytes());
        s
    }
}

impl<A: ByteArray> Drop for Secret<A> {
    fn drop(&mut self) {
        crate::ffi::wipe(AsMut::<[u8]>::as_mut(&mut *self.0));
    }
}

impl<A: ByteArray> ZeroizeOnDrop for Secret<A> {}

impl<A: ByteArray> ConstantTimeEq for Secret<A> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.bytes().ct_eq(other.bytes())
    }
}

impl<A: ByteArray> PartialEq for Secret<A> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}

impl<A: ByteArray> Eq for Secret<A> {}

impl<A: ByteArray> fmt::Debug for Secret<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret<{} bytes>(REDACTED)", A::LEN)
    }
}

/// A secret C structure in 8-byte words (an expanded secret key, the ML-DSA
/// sk cache): on the heap, wiped on drop, redacted in `Debug`, never `Copy`.
/// Its contents are opaque to Rust; only the C layer reads them.
pub(crate) struct SecretWords<W: Words + Zeroize>(Box<W>);

impl<W: Words + Zeroize> SecretWords<W> {
    /// All zeros, to be filled by the C layer.
    pub(crate) fn zero() -> Self {
        SecretWords(W::boxed_zero())
    }

    /// The words, for the C layer to read.
    pub(crate) fn expose(&self) -> &W {
        &self.0
    }

    /// The words, for the C layer to fill.
    pub(crate) fn expose_mut(&mut self) -> &mut W {
        &mut self.0
    }
}

impl<W: Words + Zeroize> Clone for SecretWords<W> {
    fn clone(&self) -> Self {
        let mut s = Self::zero();
        (*s.0).as_mut().copy_from_slice((*self.0).as_ref());
        s
    }
}

impl<W: Words + Zeroize> Drop for SecretWords<W> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<W: Words + Zeroize> ZeroizeOnDrop for SecretWords<W> {}

impl<W: Words + Zeroize> fmt::Debug for SecretWords<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretWords<{} words>(REDACTED)", W::WORDS)
    }
}

/// Clone, byte equality and a size-only `Debug` for a public wrapper
/// `$t<P>` (a key, ciphertext or signature with a `bytes` field and
/// `as_bytes()`), written once for every family.
macro_rules! public_value_impls {
    ($t:ident, $bound:ident) => {
        impl<P: $bound> Clone for $t<P> {
            fn clone(&self) -> Self {
                $t {
                    bytes: self.bytes.clone(),
                }
            }
        }

        impl<P: $bound> PartialEq for $t<P> {
            fn eq(&self, other: &Self) -> bool {
                self.as_bytes() == other.as_bytes()
            }
        }

        impl<P: $bound> Eq for $t<P> {}

        impl<P: $bound> core::fmt::Debug for $t<P> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(
                    f,
                    concat!(stringify!($t), "<{}>({} bytes)"),
                    P::NAME,
                    self.as_bytes().len()
                )
            }
        }
    };
}
pub(crate) use public_value_impls;
