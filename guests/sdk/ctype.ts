// ASCII character classes for the tools (the C locale): bytes in, bools or bytes out.
// Interface: isDigit(b) isUpper(b) isLower(b) isAlpha(b) isSpace(b) isHexDigit(b), toLower(b) toUpper(b).

const A_UP: u32 = 0x41, Z_UP: u32 = 0x5a, A_LOW: u32 = 0x61, Z_LOW: u32 = 0x7a, ZERO: u32 = 0x30, NINE: u32 = 0x39;
const CASE_DIFF: u32 = A_LOW - A_UP;      // 'a' - 'A'

export function isDigit(b: u32): bool { return b >= ZERO && b <= NINE; }
export function isUpper(b: u32): bool { return b >= A_UP && b <= Z_UP; }
export function isLower(b: u32): bool { return b >= A_LOW && b <= Z_LOW; }
export function isAlpha(b: u32): bool { return isUpper(b) || isLower(b); }
export function isSpace(b: u32): bool { return b == 0x20 || (b >= 0x09 && b <= 0x0d); }   // space, \t \n \v \f \r
export function isHexDigit(b: u32): bool { const l = toLower(b); return isDigit(b) || (l >= A_LOW && l <= A_LOW + 5); }
export function toLower(b: u32): u32 { return isUpper(b) ? b + CASE_DIFF : b; }
export function toUpper(b: u32): u32 { return isLower(b) ? b - CASE_DIFF : b; }
