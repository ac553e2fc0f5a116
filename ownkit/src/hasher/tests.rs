//! Unit tests of `hasher.rs`.

use super::AddressHasher;

#[test]
fn the_address_hasher_spreads_aligned_addresses() {
    use core::hash::{BuildHasher, BuildHasherDefault};
    let hasher = BuildHasherDefault::<AddressHasher>::new();
    let mut buckets = [0_usize; 16];
    for block in 0..1024_usize {
        let hash = hasher.hash_one(0x7f00_0000_usize + block * 32);
        buckets[(hash % 16) as usize] += 1;
    }
    // 64 per bucket if perfectly even; a hash that kept only the low
    // bits would fill two buckets.
    assert!(
        buckets.iter().all(|&count| (32..=96).contains(&count)),
        "{buckets:?}"
    );
}
