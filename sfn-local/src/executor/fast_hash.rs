//! A fast hasher for the executor's internal lookup tables (parsed paths by address,
//! per-state facts by name). Their keys come from the definition being run, so the
//! flooding resistance of the standard `SipHash` buys nothing, and it costs about a tenth
//! of a Map iteration. foldhash, as in `sfn-dsl`, is seeded per process; these tables are
//! only looked up, never iterated, so the seed cannot reach any output.

use std::collections::HashMap;

/// A `HashMap` with foldhash's fast hasher.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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
