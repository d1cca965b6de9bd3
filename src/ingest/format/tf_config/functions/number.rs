//! Terraform's numbers over `hcl::Number`.
//!
//! Terraform (go-cty) holds every number as an arbitrary-precision float (512 bits) and writes it in
//! plain positional decimal: `0.1 + 0.2` is `0.3`, `100000000000000000000` is written as it is read.
//! `hcl::Number`, which the evaluator's values must stay, holds an `i64`, a `u64` or a finite `f64` only.
//!
//! The representation chosen, so that values round-trip through `hcl::Value` unchanged:
//! - a whole number that fits is an integer (`i64`/`u64`), exact;
//! - any other number is the `f64` nearest to it, and that `f64` *stands for its shortest decimal form*
//!   (the digits Rust's `{}` writes, which read back to the same `f64`: `0.1`, not
//!   `0.1000000000000000055511151231257827`).
//!
//! Arithmetic (`+ - * / %`) is done exactly in decimal ([`bigdecimal`]) on those decimal forms, and the
//! result is given back as an integer when it is whole and fits, else as the nearest `f64`. So
//! `0.1 + 0.2` is `0.3`, `9223372036854775807 + 1` is `9223372036854775808`, and a number is written
//! ([`text`]) in positional decimal as Terraform writes it.
//!
//! What still differs from Terraform: a result that needs more than 17 significant digits (a quotient
//! such as `1/3`, which Terraform carries to about 154 digits, or an integer past 2^64 that is not exact
//! in an `f64`) keeps 17; an infinity (`1/0` is `+Inf` in Terraform) is an error here, as no `f64` in an
//! `hcl::Number` may be infinite; `-0` is `0`.

use bigdecimal::num_bigint::BigInt;
use bigdecimal::{BigDecimal, RoundingMode, ToPrimitive, Zero};
use hcl::Number;
use std::cmp::Ordering;
use std::str::FromStr;

/// The exact decimal a number stands for.
pub(crate) fn to_dec(n: &Number) -> BigDecimal {
    if let Some(i) = n.as_i64() {
        BigDecimal::from(i)
    } else if let Some(u) = n.as_u64() {
        BigDecimal::from(u)
    } else {
        let f = n.as_f64().unwrap_or(0.0);
        // `{:e}` writes the shortest digits that read back to `f`
        BigDecimal::from_str(&format!("{f:e}")).unwrap_or_default()
    }
}

/// A decimal back as a number: an integer when whole and in range, else the nearest `f64`.
pub(crate) fn from_dec(d: &BigDecimal) -> Result<Number, String> {
    if d.is_integer() {
        if let Some(i) = d.to_i64() {
            return Ok(Number::from(i));
        }
        if let Some(u) = d.to_u64() {
            return Ok(Number::from(u));
        }
    }
    let f: f64 = d
        .to_string()
        .parse()
        .map_err(|_| format!("`{d}` is not a number"))?;
    Number::from_f64(f).ok_or_else(|| "the number is too large to be used offline".to_string())
}

/// A number written as Terraform writes it (in `tostring`, templates, `jsonencode`): positional
/// decimal, no exponent, the shortest digits.
pub(crate) fn text(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        // Rust's `{}` for an f64 is positional, with the shortest round-trip digits
        format!("{}", n.as_f64().unwrap_or(0.0))
    }
}

/// A string as Terraform converts it to a number: decimal only (`1`, `-1.5`, `+2`, `.5`, `5.`, `1e3`);
/// no spaces, no hexadecimal.
pub(crate) fn parse(s: &str) -> Result<Number, String> {
    let bad = || format!("cannot convert \"{s}\" to a number: it must be a decimal number");
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        if s.trim_start_matches(['+', '-']).eq_ignore_ascii_case("inf") {
            return Err(format!(
                "\"{s}\" is an infinity, which cannot be used offline"
            ));
        }
        return Err(bad());
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return Err(bad());
        }
    }
    if i != b.len() {
        return Err(bad());
    }
    // BigDecimal reads neither a leading `+` nor `.5` nor `5.`: written out plainly first
    let mut t = s.strip_prefix('+').unwrap_or(s).to_string();
    if let Some(p) = t.find('.') {
        let after = t[p + 1..].chars().next();
        if !after.is_some_and(|c| c.is_ascii_digit()) {
            t.insert(p + 1, '0');
        }
        let before = if p == 0 { None } else { t[..p].chars().last() };
        if !before.is_some_and(|c| c.is_ascii_digit()) {
            t.insert(p, '0');
        }
    }
    let d = BigDecimal::from_str(&t).map_err(|_| bad())?;
    from_dec(&d)
}

fn int128(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

fn from_i128(i: i128) -> Result<Number, String> {
    if let Ok(x) = i64::try_from(i) {
        Ok(Number::from(x))
    } else if let Ok(x) = u64::try_from(i) {
        Ok(Number::from(x))
    } else {
        from_dec(&BigDecimal::from(BigInt::from(i)))
    }
}

/// `a + b`, exactly.
pub(crate) fn add(a: &Number, b: &Number) -> Result<Number, String> {
    if let (Some(x), Some(y)) = (int128(a), int128(b)) {
        return from_i128(x + y);
    }
    from_dec(&(to_dec(a) + to_dec(b)))
}

/// `a - b`, exactly.
pub(crate) fn sub(a: &Number, b: &Number) -> Result<Number, String> {
    if let (Some(x), Some(y)) = (int128(a), int128(b)) {
        return from_i128(x - y);
    }
    from_dec(&(to_dec(a) - to_dec(b)))
}

/// `a * b`, exactly.
pub(crate) fn mul(a: &Number, b: &Number) -> Result<Number, String> {
    if let (Some(x), Some(y)) = (int128(a), int128(b))
        && let Some(p) = x.checked_mul(y)
    {
        return from_i128(p);
    }
    from_dec(&(to_dec(a) * to_dec(b)))
}

/// `a / b`: zero by zero is an error, as in Terraform; any other number by zero is an infinity in
/// Terraform, which no `hcl::Number` holds: an error here.
pub(crate) fn div(a: &Number, b: &Number) -> Result<Number, String> {
    let (x, y) = (to_dec(a), to_dec(b));
    if y.is_zero() {
        return Err(if x.is_zero() {
            "cannot divide zero by zero".to_string()
        } else {
            "division by zero gives an infinity, which cannot be used offline".to_string()
        });
    }
    from_dec(&(x / y))
}

/// `a % b` as go-cty gives it: `a - b * trunc(a / b)` (the sign of `a`), and `a % 0` is `a`.
pub(crate) fn rem(a: &Number, b: &Number) -> Result<Number, String> {
    if let (Some(x), Some(y)) = (int128(a), int128(b)) {
        return if y == 0 { Ok(*a) } else { from_i128(x % y) };
    }
    let (x, y) = (to_dec(a), to_dec(b));
    if y.is_zero() {
        return Ok(*a);
    }
    let q = (&x / &y).with_scale_round(0, RoundingMode::Down);
    from_dec(&(x - y * q))
}

/// `-a`.
pub(crate) fn neg(a: &Number) -> Result<Number, String> {
    match int128(a) {
        Some(x) => from_i128(-x),
        None => Ok(-*a),
    }
}

/// The order of two numbers, exactly.
pub(crate) fn cmp(a: &Number, b: &Number) -> Ordering {
    match (int128(a), int128(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => to_dec(a).cmp(&to_dec(b)),
    }
}

/// A number's integer value, when it is whole.
pub(crate) fn to_bigint(n: &Number) -> Option<BigInt> {
    let d = to_dec(n);
    if !d.is_integer() {
        return None;
    }
    let (i, scale) = d.with_scale(0).as_bigint_and_exponent();
    debug_assert_eq!(scale, 0);
    Some(i)
}

/// A number's decimal digits as Go's `math/big` formats them: `0.mant × 10^exp`, `mant` without
/// leading or trailing zeros (empty for zero).
#[derive(Clone, Debug)]
pub(crate) struct Digits {
    /// Below zero.
    pub neg: bool,
    /// ASCII digits.
    pub mant: Vec<u8>,
    /// The decimal exponent.
    pub exp: i64,
}

impl Digits {
    pub(crate) fn of(n: &Number) -> Digits {
        let d = to_dec(n);
        let (i, scale) = d.as_bigint_and_exponent();
        let neg = i.sign() == bigdecimal::num_bigint::Sign::Minus;
        let mut mant: Vec<u8> = i.magnitude().to_string().into_bytes();
        let len = mant.len() as i64;
        while mant.last() == Some(&b'0') {
            mant.pop();
        }
        if mant.is_empty() {
            return Digits { neg, mant, exp: 0 };
        }
        Digits {
            neg,
            mant,
            exp: len - scale,
        }
    }

    fn at(&self, i: i64) -> u8 {
        if i >= 0 && (i as usize) < self.mant.len() {
            self.mant[i as usize]
        } else {
            b'0'
        }
    }

    /// Rounds to `n` digits, half to even on an exact half (Go's `decimal.round`).
    fn round(&mut self, n: i64) {
        if n < 0 || n as usize >= self.mant.len() {
            return;
        }
        let n = n as usize;
        let up = if self.mant[n] == b'5' && n + 1 == self.mant.len() {
            n > 0 && (self.mant[n - 1] - b'0') % 2 == 1
        } else {
            self.mant[n] >= b'5'
        };
        if up {
            let mut i = n;
            loop {
                if i == 0 {
                    // all nines: 999 → 1, one more digit before the point
                    self.mant = vec![b'1'];
                    self.exp += 1;
                    return;
                }
                i -= 1;
                if self.mant[i] < b'9' {
                    self.mant[i] += 1;
                    self.mant.truncate(i + 1);
                    return;
                }
            }
        }
        self.mant.truncate(n);
        while self.mant.last() == Some(&b'0') {
            self.mant.pop();
        }
        if self.mant.is_empty() {
            self.exp = 0;
        }
    }

    fn fmt_e(&self, verb: u8, prec: i64) -> String {
        let mut out = String::new();
        out.push(self.mant.first().map_or('0', |c| *c as char));
        if prec > 0 {
            out.push('.');
            for i in 1..=prec {
                out.push(self.at(i) as char);
            }
        }
        out.push(verb as char);
        let exp = if self.mant.is_empty() {
            0
        } else {
            self.exp - 1
        };
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
        out
    }

    fn fmt_f(&self, prec: i64) -> String {
        let mut out = String::new();
        if self.exp > 0 {
            for i in 0..self.exp {
                out.push(self.at(i) as char);
            }
        } else {
            out.push('0');
        }
        if prec > 0 {
            out.push('.');
            for i in 0..prec {
                out.push(self.at(self.exp + i) as char);
            }
        }
        out
    }

    /// The digits (no sign) as Go's `big.Float.Text(verb, prec)` writes them, for `e`, `E`, `f`,
    /// `g`, `G`; `prec` `None` is the shortest form.
    pub(crate) fn go_text(&self, verb: u8, prec: Option<i64>) -> String {
        let mut d = self.clone();
        let shortest = prec.is_none();
        let mut prec = match prec {
            Some(p) => {
                match verb {
                    b'e' | b'E' => d.round(1 + p),
                    b'f' => d.round(d.exp + p),
                    _ => d.round(p.max(1)),
                }
                if matches!(verb, b'g' | b'G') {
                    p.max(1)
                } else {
                    p
                }
            }
            None => match verb {
                b'e' | b'E' => d.mant.len() as i64 - 1,
                b'f' => (d.mant.len() as i64 - d.exp).max(0),
                _ => d.mant.len() as i64,
            },
        };
        match verb {
            b'e' | b'E' => d.fmt_e(verb, prec),
            b'f' => d.fmt_f(prec),
            _ => {
                let len = d.mant.len() as i64;
                let mut eprec = prec;
                if eprec > len && len >= d.exp {
                    eprec = len;
                }
                if shortest {
                    eprec = 6;
                }
                let exp = d.exp - 1;
                if exp < -4 || exp >= eprec {
                    if prec > len {
                        prec = len;
                    }
                    d.fmt_e(if verb == b'g' { b'e' } else { b'E' }, prec - 1)
                } else {
                    if prec > d.exp {
                        prec = len;
                    }
                    d.fmt_f((prec - d.exp).max(0))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Number {
        parse(s).unwrap()
    }

    #[test]
    fn decimal_arithmetic() {
        assert_eq!(text(&add(&n("0.1"), &n("0.2")).unwrap()), "0.3");
        assert_eq!(text(&n("100000000000000000000")), "100000000000000000000");
        assert_eq!(
            text(&add(&n("9223372036854775807"), &n("1")).unwrap()),
            "9223372036854775808"
        );
        assert_eq!(text(&rem(&n("-7"), &n("3")).unwrap()), "-1");
        assert_eq!(text(&rem(&n("7.5"), &n("2")).unwrap()), "1.5");
        assert_eq!(text(&rem(&n("5"), &n("0")).unwrap()), "5");
        assert_eq!(
            text(&rem(&n("-9223372036854775808"), &n("-1")).unwrap()),
            "0"
        );
        assert!(div(&n("0"), &n("0")).is_err());
        assert!(div(&n("1"), &n("0")).is_err());
        assert_eq!(text(&div(&n("5"), &n("2")).unwrap()), "2.5");
        assert_eq!(text(&n("1.5e-7")), "0.00000015");
        assert!(parse(" 1").is_err());
        assert!(parse("0x10").is_err());
        assert_eq!(text(&n(".5")), "0.5");
        assert_eq!(text(&n("5.")), "5");
    }

    #[test]
    fn go_float_text() {
        let g = |s: &str, v: u8, p: Option<i64>| Digits::of(&n(s)).go_text(v, p);
        assert_eq!(g("123456.789", b'e', Some(6)), "1.234568e+05");
        assert_eq!(g("1e20", b'g', None), "1e+20");
        assert_eq!(g("0.00001", b'g', None), "1e-05");
        assert_eq!(g("123456", b'g', None), "123456");
        assert_eq!(g("1234567", b'g', None), "1.234567e+06");
        assert_eq!(g("3.14159", b'g', Some(3)), "3.14");
        assert_eq!(g("0.5", b'f', Some(0)), "0");
        assert_eq!(g("1.5", b'f', Some(0)), "2");
        assert_eq!(g("2.5", b'f', Some(0)), "2");
        assert_eq!(g("0.125", b'f', Some(2)), "0.12");
        assert_eq!(g("0", b'e', Some(1)), "0.0e+00");
        assert_eq!(g("1e20", b'f', Some(6)), "100000000000000000000.000000");
    }
}
