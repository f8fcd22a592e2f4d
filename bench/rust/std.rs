// The Rust module of the translation benchmark (bench/translate.ts): a std program (formatting,
// collections, strings, fs) whose code is mostly std generics instantiated once per record type
// the macro below stamps out, so the module is as large as real Rust programs are. Prints a line
// count and a checksum.
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::io::{Read, Write};

macro_rules! records {
    ($($name:ident($a:ty, $b:ty, $c:ty)),* $(,)?) => {
        $(
            #[derive(Debug, Clone, PartialEq, PartialOrd, Default)]
            struct $name { a: $a, b: $b, c: $c, tag: String }
            impl $name {
                fn make(i: u64) -> Self {
                    $name { a: (i % 251) as $a, b: (i % 7919) as $b, c: (i % 65521) as $c, tag: format!("{}-{}", stringify!($name), i % 13) }
                }
                fn key(&self) -> String { format!("{:?}/{:>6}", self.tag, self.b) }
            }
            fn $name(n: u64, out: &mut String) -> u64 {
                let mut v: Vec<$name> = (0..n).map(|i| $name::make(i.wrapping_mul(2654435761))).collect();
                v.sort_by(|x, y| x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal));
                v.dedup();
                let mut by: BTreeMap<String, Vec<$name>> = BTreeMap::new();
                let mut hm: HashMap<String, usize> = HashMap::new();
                for r in &v { by.entry(r.key()).or_default().push(r.clone()); *hm.entry(r.tag.clone()).or_insert(0) += 1; }
                let mut q: VecDeque<&$name> = v.iter().collect();
                q.rotate_left(v.len() / 3);
                let set: BTreeSet<String> = q.iter().take(20).map(|r| format!("{:?}", r)).collect();
                let _ = write!(out, "{} {} {} {} {:?}\n", stringify!($name), v.len(), by.len(), hm.len(), set.iter().next());
                v.iter().map(|r| r.a as u64 + r.b as u64).sum()
            }
        )*
        fn all(n: u64, out: &mut String) -> u64 { 0 $(+ $name(n, out))* }
    };
}

records!(
    R00(u8, u16, u32), R01(u16, u32, u64), R02(u32, u64, f32), R03(u64, f32, f64), R04(f32, f64, i8),
    R05(f64, i8, i16), R06(i8, i16, i32), R07(i16, i32, i64), R08(i32, i64, u8), R09(i64, u8, u16),
    R10(u8, u32, f64), R11(u16, u64, i8), R12(u32, f32, i16), R13(u64, f64, i32), R14(f32, i8, i64),
    R15(f64, i16, u8), R16(i8, i32, u16), R17(i16, i64, u32), R18(i32, u8, u64), R19(i64, u16, f32),
    R20(u8, u64, i16), R21(u16, f32, i32), R22(u32, f64, i64), R23(u64, i8, u8), R24(f32, i16, u16),
    R25(f64, i32, u32), R26(i8, i64, u64), R27(i16, u8, f32), R28(i32, u16, f64), R29(i64, u32, i8),
);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let mut out = String::new();
    let sum = all(n, &mut out);
    let path = "std-bench.txt";
    if let Ok(mut f) = std::fs::File::create(path) { let _ = f.write_all(out.as_bytes()); }
    let mut back = String::new();
    if let Ok(mut f) = std::fs::File::open(path) { let _ = f.read_to_string(&mut back); }
    let _ = std::fs::remove_file(path);
    println!("{} lines, checksum {}", back.lines().count(), sum);
}
