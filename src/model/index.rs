//! The maps from the plan's codes and ids to their positions, hashed for speed: every
//! row of every report looks its id up, and a national plan's lists name every unit.
//!
//! The hash is FxHash's (the one the Rust compiler uses for its own tables): a rotate,
//! an xor and a multiply for each eight bytes. It is not keyed, so someone who chose
//! the keys could make them collide; that is no concern here. Only the plan's own codes
//! and ids are ever put in these maps (the repository's plan, written by its
//! coordinator and checked before it is used); a report's cells are only looked up,
//! and a lookup cannot make a chain longer than the plan's keys made it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by the plan's codes or ids.
pub(super) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Positions in the plan's lists, by code or id.
pub(super) type Index<K> = IdMap<K, usize>;

/// The map from each of `ids` to its position; of two entries with one id, the first
/// is the one the plan means.
pub(super) fn index<'a>(ids: impl Iterator<Item = &'a String>) -> Index<String> {
    let mut map = Index::default();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

/// FxHash: fast on short keys, and not keyed (see the module's note).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct IdHasher {
    hash: u64,
}

/// The multiplier of FxHash (from the digits of pi).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0; 8];
            eight.copy_from_slice(word);
            self.add(u64::from_le_bytes(eight));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut eight = [0; 8];
            eight[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(eight));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves its best bits at the top, and the table takes its bucket
        // from the bottom ones: bring them down.
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id of a national plan's size finds its own position, and an id the plan
    /// does not have finds none, however near it is to one it has.
    #[test]
    fn each_id_finds_its_position() {
        let ids: Vec<String> = (0..4000)
            .map(|n| format!("H{n:04}"))
            .chain((1..=12).flat_map(|s| (1..=40).map(move |t| format!("{s}.{t}"))))
            .chain([
                "STI_BUDGET_SHARE".to_string(),
                "STI_BUDGET_SHARE_2".to_string(),
            ])
            .collect();
        let map = index(ids.iter());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(map.get(id.as_str()), Some(&i), "{id}");
        }
        for absent in [
            "",
            "H",
            "H00000",
            "h0001",
            "1.",
            "1.41",
            "STI_BUDGET_SHAR",
            "3.1 ",
        ] {
            assert_eq!(map.get(absent), None, "{absent:?}");
        }
    }

    /// Of two entries with one id, the first is the one the plan means.
    #[test]
    fn the_first_of_two_entries_wins() {
        let ids = ["1.1", "1.2", "1.1"].map(String::from);
        let map = index(ids.iter());
        assert_eq!(map.get("1.1"), Some(&0));
        assert_eq!(map.len(), 2);
    }
}
