//! Address sets: sorted, disjoint, non-adjacent inclusive intervals over IPv4 (`u32`) and IPv6 (`u128`).
//!
//! Every engine question ("which part of `Storage.KoreaCentral` does this rule match?") is asked over
//! these sets, never over sampled addresses. Conversion back to the fewest CIDRs is exact.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use smallvec::{SmallVec, smallvec};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An integer type that can bound an interval (IPv4 = `u32`, IPv6 = `u128`, ports = `u16`).
pub trait Bound: Copy + Ord + fmt::Debug {
    /// The largest value.
    const MAX: Self;
    /// The smallest value.
    const MIN: Self;
    /// `self + 1`, or `None` at `MAX`.
    fn succ(self) -> Option<Self>;
    /// `self - 1`, or `None` at `MIN`.
    fn pred(self) -> Option<Self>;
    /// Number of values in `lo..=hi`, saturating at `u128::MAX`.
    fn span(lo: Self, hi: Self) -> u128;
}

macro_rules! impl_bound {
    ($t:ty) => {
        impl Bound for $t {
            const MAX: Self = <$t>::MAX;
            const MIN: Self = 0;
            fn succ(self) -> Option<Self> {
                self.checked_add(1)
            }
            fn pred(self) -> Option<Self> {
                self.checked_sub(1)
            }
            fn span(lo: Self, hi: Self) -> u128 {
                ((hi - lo) as u128).saturating_add(1)
            }
        }
    };
}
impl_bound!(u16);
impl_bound!(u32);
impl_bound!(u128);

/// A set of integers kept as sorted, disjoint, non-adjacent inclusive intervals.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct IntervalSet<T: Bound> {
    /// One interval is held inline: most rules name one port range, and a tenant's export holds millions.
    ranges: Ranges<T>,
}

type Ranges<T> = SmallVec<[(T, T); 1]>;

/// The intervals of `v` (sorted and disjoint), held in exactly the room they take.
fn held<T: Bound>(v: Vec<(T, T)>) -> Ranges<T> {
    if v.len() <= 1 {
        v.into_iter().collect()
    } else {
        let mut r = SmallVec::from_vec(v);
        r.shrink_to_fit();
        r
    }
}

impl<T: Bound> fmt::Debug for IntervalSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.ranges.iter()).finish()
    }
}

impl<T: Bound> IntervalSet<T> {
    /// The empty set.
    pub fn empty() -> Self {
        IntervalSet {
            ranges: SmallVec::new(),
        }
    }
    /// Every value.
    pub fn full() -> Self {
        IntervalSet {
            ranges: smallvec![(T::MIN, T::MAX)],
        }
    }
    /// The inclusive range `lo..=hi` (empty when `lo > hi`).
    pub fn range(lo: T, hi: T) -> Self {
        if lo > hi {
            Self::empty()
        } else {
            IntervalSet {
                ranges: smallvec![(lo, hi)],
            }
        }
    }
    /// Builds a set from arbitrary (possibly overlapping, unsorted) inclusive ranges.
    pub fn from_ranges(mut v: Vec<(T, T)>) -> Self {
        v.retain(|(a, b)| a <= b);
        v.sort_unstable();
        let mut out: Vec<(T, T)> = Vec::with_capacity(v.len());
        for (lo, hi) in v {
            if let Some(last) = out.last_mut() {
                // merge overlapping or adjacent
                let adjacent = last.1.succ().is_none_or(|n| n >= lo);
                if adjacent {
                    if hi > last.1 {
                        last.1 = hi;
                    }
                    continue;
                }
            }
            out.push((lo, hi));
        }
        IntervalSet { ranges: held(out) }
    }
    /// The intervals, sorted and disjoint.
    pub fn ranges(&self) -> &[(T, T)] {
        &self.ranges
    }
    /// True when the set holds nothing.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
    /// True when the set holds every value.
    pub fn is_full(&self) -> bool {
        self.ranges.len() == 1 && self.ranges[0] == (T::MIN, T::MAX)
    }
    /// Number of values, saturating at `u128::MAX`.
    pub fn count(&self) -> u128 {
        self.ranges
            .iter()
            .fold(0u128, |acc, &(a, b)| acc.saturating_add(T::span(a, b)))
    }
    /// Membership of one value.
    pub fn contains(&self, x: T) -> bool {
        let i = self.ranges.partition_point(|&(_, hi)| hi < x);
        self.ranges.get(i).is_some_and(|&(lo, _)| lo <= x)
    }
    /// Set union.
    pub fn union(&self, other: &Self) -> Self {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let mut v = Vec::with_capacity(self.ranges.len() + other.ranges.len());
        v.extend_from_slice(&self.ranges);
        v.extend_from_slice(&other.ranges);
        Self::from_ranges(v)
    }
    /// Set intersection (linear merge).
    pub fn intersect(&self, other: &Self) -> Self {
        let (a, b) = (&self.ranges, &other.ranges);
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < a.len() && j < b.len() {
            let lo = a[i].0.max(b[j].0);
            let hi = a[i].1.min(b[j].1);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        IntervalSet { ranges: held(out) }
    }
    /// Complement within the whole domain.
    pub fn complement(&self) -> Self {
        let mut out = Vec::with_capacity(self.ranges.len() + 1);
        let mut next = Some(T::MIN);
        for &(lo, hi) in self.ranges.iter() {
            if let Some(n) = next
                && n < lo
                && let Some(p) = lo.pred()
            {
                out.push((n, p));
            }
            next = hi.succ();
        }
        if let Some(n) = next {
            out.push((n, T::MAX));
        }
        IntervalSet { ranges: held(out) }
    }
    /// Set difference `self \ other`.
    pub fn difference(&self, other: &Self) -> Self {
        if other.is_empty() || self.is_empty() {
            return self.clone();
        }
        self.intersect(&other.complement())
    }
    /// True when every value of `other` is in `self`: each of its intervals lies within one of `self`'s (they
    /// are disjoint and non-adjacent), found by binary search — nothing is built.
    pub fn is_superset(&self, other: &Self) -> bool {
        other.ranges.iter().all(|&(lo, hi)| {
            let i = self.ranges.partition_point(|&(_, h)| h < lo);
            self.ranges.get(i).is_some_and(|&(l, h)| l <= lo && hi <= h)
        })
    }
    /// True when the two sets share at least one value: the smaller set's intervals are looked up in the
    /// larger one by binary search — nothing is built.
    pub fn intersects(&self, other: &Self) -> bool {
        let (small, large) = if self.ranges.len() <= other.ranges.len() {
            (&self.ranges, &other.ranges)
        } else {
            (&other.ranges, &self.ranges)
        };
        small.iter().any(|&(lo, hi)| {
            let i = large.partition_point(|&(_, h)| h < lo);
            large.get(i).is_some_and(|&(l, _)| l <= hi)
        })
    }
}

/// Splits `lo..=hi` into the fewest aligned blocks; returns `(start, prefix_len)` with `bits` total width.
fn range_to_cidrs(lo: u128, hi: u128, bits: u32) -> Vec<(u128, u8)> {
    let mut out = Vec::new();
    let mut cur = lo;
    loop {
        // largest block aligned at cur
        let align = if cur == 0 {
            bits
        } else {
            cur.trailing_zeros().min(bits)
        };
        let remaining = hi - cur; // count - 1
        // largest k with 2^k - 1 <= remaining
        let fit = if remaining == u128::MAX {
            128
        } else {
            127 - (remaining + 1).leading_zeros()
        };
        let k = align.min(fit).min(bits);
        out.push((cur, (bits - k) as u8));
        let size_minus_one = if k >= 128 {
            u128::MAX
        } else {
            (1u128 << k) - 1
        };
        match cur.checked_add(size_minus_one) {
            Some(end) if end < hi => cur = end + 1,
            _ => break,
        }
    }
    out
}

/// A set of IP addresses, IPv4 and IPv6 kept apart so an IPv4 test never matches an IPv6 prefix.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct AddrSet {
    /// IPv4 part.
    pub v4: IntervalSet<u32>,
    /// IPv6 part.
    pub v6: IntervalSet<u128>,
}

impl fmt::Debug for AddrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c: Vec<String> = self.to_cidrs().iter().map(|n| n.to_string()).collect();
        write!(f, "AddrSet{c:?}")
    }
}

impl AddrSet {
    /// The empty set.
    pub fn empty() -> Self {
        Self::default()
    }
    /// Every IPv4 and IPv6 address.
    pub fn any() -> Self {
        AddrSet {
            v4: IntervalSet::full(),
            v6: IntervalSet::full(),
        }
    }
    /// One CIDR block (host bits are ignored, as Azure does for `10.0.0.4/24`).
    pub fn from_net(net: IpNet) -> Self {
        match net {
            IpNet::V4(n) => {
                let n = n.trunc();
                AddrSet {
                    v4: IntervalSet::range(u32::from(n.network()), u32::from(n.broadcast())),
                    v6: IntervalSet::empty(),
                }
            }
            IpNet::V6(n) => {
                let n = n.trunc();
                AddrSet {
                    v4: IntervalSet::empty(),
                    v6: IntervalSet::range(u128::from(n.network()), u128::from(n.broadcast())),
                }
            }
        }
    }
    /// Many CIDR blocks.
    pub fn from_nets<'a>(nets: impl IntoIterator<Item = &'a IpNet>) -> Self {
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for n in nets {
            match n.trunc() {
                IpNet::V4(n) => v4.push((u32::from(n.network()), u32::from(n.broadcast()))),
                IpNet::V6(n) => v6.push((u128::from(n.network()), u128::from(n.broadcast()))),
            }
        }
        AddrSet {
            v4: IntervalSet::from_ranges(v4),
            v6: IntervalSet::from_ranges(v6),
        }
    }
    /// One address.
    pub fn from_ip(ip: IpAddr) -> Self {
        Self::from_range(ip, ip).unwrap_or_default()
    }
    /// An inclusive address range `a-b`; `None` when the families differ.
    pub fn from_range(a: IpAddr, b: IpAddr) -> Option<Self> {
        match (a, b) {
            (IpAddr::V4(a), IpAddr::V4(b)) => Some(AddrSet {
                v4: IntervalSet::range(a.into(), b.into()),
                v6: IntervalSet::empty(),
            }),
            (IpAddr::V6(a), IpAddr::V6(b)) => Some(AddrSet {
                v4: IntervalSet::empty(),
                v6: IntervalSet::range(a.into(), b.into()),
            }),
            _ => None,
        }
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }
    /// Union.
    pub fn union(&self, o: &Self) -> Self {
        AddrSet {
            v4: self.v4.union(&o.v4),
            v6: self.v6.union(&o.v6),
        }
    }
    /// Intersection.
    pub fn intersect(&self, o: &Self) -> Self {
        AddrSet {
            v4: self.v4.intersect(&o.v4),
            v6: self.v6.intersect(&o.v6),
        }
    }
    /// Difference `self \ o`.
    pub fn difference(&self, o: &Self) -> Self {
        AddrSet {
            v4: self.v4.difference(&o.v4),
            v6: self.v6.difference(&o.v6),
        }
    }
    /// Complement over both families.
    pub fn complement(&self) -> Self {
        AddrSet {
            v4: self.v4.complement(),
            v6: self.v6.complement(),
        }
    }
    /// True when `o ⊆ self`.
    pub fn is_superset(&self, o: &Self) -> bool {
        self.v4.is_superset(&o.v4) && self.v6.is_superset(&o.v6)
    }
    /// True when the sets share an address.
    pub fn intersects(&self, o: &Self) -> bool {
        self.v4.intersects(&o.v4) || self.v6.intersects(&o.v6)
    }
    /// Membership of one address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match ip {
            IpAddr::V4(a) => self.v4.contains(a.into()),
            IpAddr::V6(a) => self.v6.contains(a.into()),
        }
    }
    /// Only the IPv4 part.
    pub fn only_v4(&self) -> Self {
        AddrSet {
            v4: self.v4.clone(),
            v6: IntervalSet::empty(),
        }
    }
    /// Number of IPv4 addresses.
    pub fn count_v4(&self) -> u128 {
        self.v4.count()
    }
    /// Number of IPv6 addresses (saturating).
    pub fn count_v6(&self) -> u128 {
        self.v6.count()
    }
    /// The fewest CIDR blocks that cover exactly this set, IPv4 first.
    pub fn to_cidrs(&self) -> Vec<IpNet> {
        let mut out = Vec::new();
        for &(lo, hi) in self.v4.ranges() {
            for (s, p) in range_to_cidrs(lo as u128, hi as u128, 32) {
                if let Ok(n) = Ipv4Net::new(Ipv4Addr::from(s as u32), p) {
                    out.push(IpNet::V4(n));
                }
            }
        }
        for &(lo, hi) in self.v6.ranges() {
            for (s, p) in range_to_cidrs(lo, hi, 128) {
                if let Ok(n) = Ipv6Net::new(Ipv6Addr::from(s), p) {
                    out.push(IpNet::V6(n));
                }
            }
        }
        out
    }
    /// The lowest address in the set, IPv4 first.
    pub fn first(&self) -> Option<IpAddr> {
        if let Some(&(lo, _)) = self.v4.ranges().first() {
            return Some(IpAddr::V4(lo.into()));
        }
        self.v6
            .ranges()
            .first()
            .map(|&(lo, _)| IpAddr::V6(lo.into()))
    }
}

/// A set of ports (`0..=65535`).
pub type PortSet = IntervalSet<u16>;

/// Why `s`, written as an address (it starts with a digit, or holds `:` as IPv6 does; no service tag
/// does either), is not a valid IP address or CIDR prefix; `None` when it is valid or not meant as one.
pub fn prefix_problem(s: &str) -> Option<String> {
    let t = s.trim();
    let addressy = t.starts_with(|c: char| c.is_ascii_digit())
        || (t.contains(':')
            && t.chars()
                .all(|c| c.is_ascii_hexdigit() || ":./".contains(c)));
    if !addressy || parse_prefix(t).is_some() {
        return None;
    }
    let (ip, len) = match t.split_once('/') {
        Some((ip, len)) => (ip.trim(), Some(len.trim())),
        None => (t, None),
    };
    let Ok(addr) = ip.parse::<std::net::IpAddr>() else {
        return Some(format!("`{ip}` is not an IP address"));
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    match len.map(str::parse::<u8>) {
        Some(Ok(n)) if n > max => Some(format!(
            "invalid prefix length {n} in `{t}` ({} allows 0-{max})",
            if addr.is_ipv4() { "IPv4" } else { "IPv6" }
        )),
        _ => Some(format!(
            "invalid prefix length in `{t}` (expected a number after `/`, 0-{max})"
        )),
    }
}

/// Parses `10.0.0.0/8`, `10.0.0.4` (a /32) or an IPv6 equivalent.
pub fn parse_prefix(s: &str) -> Option<IpNet> {
    let s = s.trim();
    if let Ok(n) = s.parse::<IpNet>() {
        return Some(n);
    }
    s.parse::<std::net::IpAddr>().ok().map(IpNet::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn cidr_round_trip_is_minimal() {
        let s = AddrSet::from_nets(&[net("10.0.0.0/25"), net("10.0.0.128/25"), net("10.0.1.0/24")]);
        assert_eq!(s.to_cidrs(), vec![net("10.0.0.0/23")]);
        let all = AddrSet::any();
        assert_eq!(all.to_cidrs(), vec![net("0.0.0.0/0"), net("::/0")]);
        assert_eq!(all.count_v6(), u128::MAX);
        let odd =
            AddrSet::from_range("10.0.0.1".parse().unwrap(), "10.0.0.6".parse().unwrap()).unwrap();
        let c: Vec<String> = odd.to_cidrs().iter().map(|n| n.to_string()).collect();
        assert_eq!(
            c,
            ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]
        );
    }

    #[test]
    fn host_bits_are_truncated() {
        assert_eq!(
            AddrSet::from_net(net("10.0.0.4/24")),
            AddrSet::from_net(net("10.0.0.0/24"))
        );
    }

    #[test]
    fn ipv4_never_matches_ipv6() {
        // §9 trap 10: IPv6 prefixes are mixed into addressPrefixes; an IPv4 test must not match them.
        let v6 = AddrSet::from_net(net("2603:1040:f06::/48"));
        assert!(!v6.contains("20.33.154.10".parse().unwrap()));
        assert!(!v6.intersects(&AddrSet::from_net(net("0.0.0.0/0"))));
    }
}
