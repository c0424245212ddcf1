//! A fast hasher for the executor's internal lookup tables (parsed paths by address,
//! per-state facts by name). Their keys come from the definition being run, so the
//! flooding resistance of the standard `SipHash` buys nothing, and it costs about a tenth
//! of a Map iteration.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The multiply-and-rotate hash of the Firefox and rustc hash tables.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::FastMap;

    #[test]
    fn maps_keep_what_they_are_given() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for index in 0..1000 {
            map.insert(format!("state-{index}"), index);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map.get("state-517"), Some(&517));
        let mut by_address: FastMap<(usize, usize), u8> = FastMap::default();
        by_address.insert((0x1000, 3), 1);
        by_address.insert((0x1003, 0), 2);
        assert_eq!(by_address.get(&(0x1000, 3)), Some(&1));
        assert_eq!(by_address.get(&(0x1003, 0)), Some(&2));
    }
}
