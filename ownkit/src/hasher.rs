//! One fast hasher for maps keyed by addresses, shared by the drop
//! recorder and the leak check (std's `HashMap` needs a hasher; the default
//! one is made to resist adversarial keys, which addresses are not).

/// A hasher for addresses (and small keys made of them), which are already
/// spread out: one multiply per word. The drop recorder's name table and
/// the leak check's registry key their maps by address.
#[derive(Debug, Default)]
pub(crate) struct AddressHasher(u64);

impl core::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        // Blocks are aligned, so the low bits carry little; fold the high
        // bits of the product down.
        self.0 ^ (self.0 >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
}

#[cfg(test)]
mod tests;
