//! An exact decimal for KPI values: `12,768` and `167.3` compare exactly, never through f64 rounding.

use std::cmp::Ordering;
use std::fmt;

/// `mantissa × 10^-exp`. Arithmetic is checked: a value too large to align with another compares as `None`.
#[derive(Debug, Clone, Copy)]
pub struct Dec {
    mantissa: i128,
    exp: u32,
}

/// The most digits a parsed number may have; longer ones are not treated as numbers.
const MAX_DIGITS: usize = 24;

impl Dec {
    pub const ZERO: Dec = Dec { mantissa: 0, exp: 0 };

    pub fn new(mantissa: i128, exp: u32) -> Dec {
        Dec { mantissa, exp }
    }

    pub fn from_int(n: i64) -> Dec {
        Dec { mantissa: i128::from(n), exp: 0 }
    }

    /// Parses ASCII `123`, `-1.25`, `0.5` (no thousands separators: the caller removes them).
    pub fn parse(s: &str) -> Option<Dec> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() || int.len() + frac.len() > MAX_DIGITS {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if body.contains('.') && frac.is_empty() {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        let exp = u32::try_from(frac.len()).ok()?;
        Some(Dec { mantissa: if neg { -mantissa } else { mantissa }, exp })
    }

    /// The number of decimal places as written (`167.3` → 1).
    pub fn places(self) -> u32 {
        self.exp
    }

    /// `self × 10^n` (for 万, 百万, 割).
    pub fn shift(self, n: u32) -> Option<Dec> {
        if self.exp >= n {
            Some(Dec { mantissa: self.mantissa, exp: self.exp - n })
        } else {
            let factor = 10i128.checked_pow(n - self.exp)?;
            Some(Dec { mantissa: self.mantissa.checked_mul(factor)?, exp: 0 })
        }
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// Both mantissas on the same exponent.
    fn align(self, other: Dec) -> Option<(i128, i128, u32)> {
        let exp = self.exp.max(other.exp);
        let a = self.mantissa.checked_mul(10i128.checked_pow(exp - self.exp)?)?;
        let b = other.mantissa.checked_mul(10i128.checked_pow(exp - other.exp)?)?;
        Some((a, b, exp))
    }

    pub fn checked_add(self, other: Dec) -> Option<Dec> {
        let (a, b, exp) = self.align(other)?;
        Some(Dec { mantissa: a.checked_add(b)?, exp })
    }

    pub fn checked_sub(self, other: Dec) -> Option<Dec> {
        self.checked_add(-other)
    }

    pub fn abs(self) -> Dec {
        Dec { mantissa: self.mantissa.abs(), exp: self.exp }
    }

    /// Exact comparison; `None` only when the two cannot be aligned without overflow.
    pub fn compare(self, other: Dec) -> Option<Ordering> {
        let (a, b, _) = self.align(other)?;
        Some(a.cmp(&b))
    }

    /// For display and ratios only (progress rates), never for deciding 達成.
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::try_from(self.exp).unwrap_or(i32::MAX))
    }
}

impl std::ops::Neg for Dec {
    type Output = Dec;

    fn neg(self) -> Dec {
        Dec { mantissa: -self.mantissa, exp: self.exp }
    }
}

impl PartialEq for Dec {
    fn eq(&self, other: &Dec) -> bool {
        self.compare(*other) == Some(Ordering::Equal)
    }
}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Dec) -> Option<Ordering> {
        self.compare(*other)
    }
}

impl fmt::Display for Dec {
    /// Plain ASCII, trailing zeros of the fraction dropped: `167.3`, `40000000`, `-182`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let exp = usize::try_from(self.exp).unwrap_or(usize::MAX);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if exp == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded =
            if digits.len() <= exp { format!("{}{digits}", "0".repeat(exp - digits.len() + 1)) } else { digits };
        let (int, frac) = padded.split_at(padded.len() - exp);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            write!(f, "{sign}{int}")
        } else {
            write!(f, "{sign}{int}.{frac}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        assert_eq!(Dec::parse("167.3").unwrap().to_string(), "167.3");
        assert_eq!(Dec::parse("-182").unwrap().to_string(), "-182");
        assert_eq!(Dec::parse("0.05").unwrap().to_string(), "0.05");
        assert_eq!(Dec::parse("40").unwrap().shift(6).unwrap().to_string(), "40000000");
        assert_eq!(Dec::parse("232.36").unwrap().shift(4).unwrap().to_string(), "2323600");
        assert_eq!(Dec::parse("3.7").unwrap().shift(4).unwrap().to_string(), "37000");
        assert!(Dec::parse("1.").is_none());
        assert!(Dec::parse(".5").is_none());
        assert!(Dec::parse("1e5").is_none());
    }

    #[test]
    fn compares_without_float_rounding() {
        let a = Dec::parse("0.3").unwrap();
        let b = Dec::parse("0.1").unwrap().checked_add(Dec::parse("0.2").unwrap()).unwrap();
        assert_eq!(a, b);
        assert!(Dec::parse("167.3").unwrap() > Dec::parse("165.6").unwrap());
        assert!(Dec::parse("61.0").unwrap() == Dec::parse("61").unwrap());
    }
}
