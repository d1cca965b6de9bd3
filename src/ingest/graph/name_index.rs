//! Resources by (type, name), names matched without regard to ASCII case, as Azure matches them.
//!
//! The index holds only the position of each resource: its keys are read from the resources themselves
//! when a lookup compares them. A tenant's export has hundreds of thousands of resources, and a map keyed
//! by an owned lower-case copy of each name held more than the names themselves.

use hashbrown::HashTable;
use std::hash::{BuildHasher, Hasher, RandomState};

/// Positions of resources by (type, name); the first resource of each key wins.
#[derive(Default)]
pub(crate) struct NameIndex {
    table: HashTable<usize>,
    hasher: RandomState,
}

impl NameIndex {
    /// An empty index with room for `n` resources.
    pub(crate) fn with_capacity(n: usize) -> Self {
        NameIndex {
            table: HashTable::with_capacity(n),
            hasher: RandomState::new(),
        }
    }

    fn hash(&self, ty: &str, name: &str) -> u64 {
        hash(&self.hasher, ty, name)
    }

    /// Records resource `i` under (`ty`, `name`) unless another holds that key; `key_of(j)` gives the
    /// (type, name) of resource `j` already recorded.
    pub(crate) fn insert_first<'a>(
        &mut self,
        ty: &str,
        name: &str,
        i: usize,
        key_of: impl Fn(usize) -> (&'a str, &'a str),
    ) {
        let h = self.hash(ty, name);
        let eq = |&j: &usize| {
            let (t, n) = key_of(j);
            t == ty && n.eq_ignore_ascii_case(name)
        };
        if self.table.find(h, eq).is_none() {
            let hasher = &self.hasher;
            self.table.insert_unique(h, i, |&j| {
                let (t, n) = key_of(j);
                hash(hasher, t, n)
            });
        }
    }

    /// The resource recorded under (`ty`, `name`).
    pub(crate) fn get<'a>(
        &self,
        ty: &str,
        name: &str,
        key_of: impl Fn(usize) -> (&'a str, &'a str),
    ) -> Option<usize> {
        self.table
            .find(self.hash(ty, name), |&j| {
                let (t, n) = key_of(j);
                t == ty && n.eq_ignore_ascii_case(name)
            })
            .copied()
    }
}

/// The hash of (`ty`, `name` in lower case), without copying the name.
fn hash(hasher: &RandomState, ty: &str, name: &str) -> u64 {
    let mut h = hasher.build_hasher();
    h.write(ty.as_bytes());
    h.write_u8(0xff);
    let mut buf = [0u8; 64];
    for chunk in name.as_bytes().chunks(buf.len()) {
        let lower = &mut buf[..chunk.len()];
        lower.copy_from_slice(chunk);
        lower.make_ascii_lowercase();
        h.write(lower);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_regard_to_case_and_the_first_wins() {
        let keys = [
            ("t", "VM-1"),
            ("t", "vm-1"),
            ("u", "vm-1"),
            ("t", &*"x".repeat(200)),
        ];
        let key_of = |j: usize| keys[j];
        let mut ix = NameIndex::with_capacity(1);
        for (i, (t, n)) in keys.iter().enumerate() {
            ix.insert_first(t, n, i, key_of);
        }
        assert_eq!(ix.get("t", "Vm-1", key_of), Some(0));
        assert_eq!(ix.get("u", "VM-1", key_of), Some(2));
        assert_eq!(ix.get("t", &"X".repeat(200), key_of), Some(3));
        assert_eq!(ix.get("t", "vm-2", key_of), None);
        assert_eq!(ix.get("v", "vm-1", key_of), None);
    }
}
