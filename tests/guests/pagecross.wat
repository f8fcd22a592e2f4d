;; pagecross.wat: loads and stores of every width at page offsets 4093, 4094, 4095 of a page and
;; at 0 of the next, in heap memory. Loads read a data segment spanning the boundary at 0x11000;
;; stores go to never-touched (demand-zero) pages around 0x18000. Every result is appended to an
;; output buffer as 8 bytes, written to fd 1 in one write (64), then exit_group (94) with 0.
;; The test runs the same module natively and compares the bytes.
(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 2))
  (data (i32.const 0x10ff0) "\f0\e1\d2\c3\b4\a5\96\87\78\69\5a\4b\3c\2d\1e\0f\80\91\a2\b3\c4\d5\e6\f7\08\19\2a\3b\4c\5d\6e\7f")

  (global $out (mut i32) (i32.const 0x1000))   ;; output cursor (page 1, never crosses a page)

  (func $emit (param $v i64)
    (i64.store (global.get $out) (local.get $v))
    (global.set $out (i32.add (global.get $out) (i32.const 8))))
  (func $emit32 (param $v i32) (call $emit (i64.extend_i32_u (local.get $v))))

  ;; Every load kind at address $a (f32/f64 as their bits).
  (func $loads (param $a i32)
    (call $emit32 (i32.load8_s (local.get $a)))
    (call $emit32 (i32.load8_u (local.get $a)))
    (call $emit32 (i32.load16_s (local.get $a)))
    (call $emit32 (i32.load16_u (local.get $a)))
    (call $emit32 (i32.load (local.get $a)))
    (call $emit (i64.load8_s (local.get $a)))
    (call $emit (i64.load8_u (local.get $a)))
    (call $emit (i64.load16_s (local.get $a)))
    (call $emit (i64.load16_u (local.get $a)))
    (call $emit (i64.load32_s (local.get $a)))
    (call $emit (i64.load32_u (local.get $a)))
    (call $emit (i64.load (local.get $a)))
    (call $emit32 (i32.reinterpret_f32 (f32.load (local.get $a))))
    (call $emit (i64.reinterpret_f64 (f64.load (local.get $a))))
    ;; the same address reached through a static offset
    (call $emit (i64.load offset=3 (i32.sub (local.get $a) (i32.const 3)))))

  ;; The 16 bytes around the boundary at 0x18000, then reset them to 0xaa.
  (func $dump
    (call $emit (i64.load (i32.const 0x17ff8)))
    (call $emit (i64.load (i32.const 0x18000)))
    (i64.store (i32.const 0x17ff8) (i64.const 0xaaaaaaaaaaaaaaaa))
    (i64.store (i32.const 0x18000) (i64.const 0xaaaaaaaaaaaaaaaa)))

  ;; Every store kind at address $a, each followed by a dump.
  (func $stores (param $a i32)
    (i32.store8 (local.get $a) (i32.const 0x8c7b6a59)) (call $dump)
    (i32.store16 (local.get $a) (i32.const 0x8c7b6a59)) (call $dump)
    (i32.store (local.get $a) (i32.const 0x8c7b6a59)) (call $dump)
    (i64.store8 (local.get $a) (i64.const 0xf1e2d3c4b5a69788)) (call $dump)
    (i64.store16 (local.get $a) (i64.const 0xf1e2d3c4b5a69788)) (call $dump)
    (i64.store32 (local.get $a) (i64.const 0xf1e2d3c4b5a69788)) (call $dump)
    (i64.store (local.get $a) (i64.const 0xf1e2d3c4b5a69788)) (call $dump)
    (f32.store (local.get $a) (f32.const -1.5e-3)) (call $dump)
    (f64.store (local.get $a) (f64.const -3.25e100)) (call $dump)
    (i64.store offset=2 (i32.sub (local.get $a) (i32.const 2)) (i64.const 0x0123456789abcdef)) (call $dump))

  (func $_start
    ;; the first access to the store pages is a page-crossing 8-byte store (faults in both pages)
    (i64.store (i32.const 0x17ffd) (i64.const 0x1122334455667788))
    (call $dump)
    (call $loads (i32.const 0x10ffd))
    (call $loads (i32.const 0x10ffe))
    (call $loads (i32.const 0x10fff))
    (call $loads (i32.const 0x11000))
    (call $stores (i32.const 0x17ffd))
    (call $stores (i32.const 0x17ffe))
    (call $stores (i32.const 0x17fff))
    (call $stores (i32.const 0x18000))
    (drop (call $syscall (i32.const 64) (i64.const 1) (i64.const 0x1000)
      (i64.extend_i32_u (i32.sub (global.get $out) (i32.const 0x1000)))
      (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $syscall (i32.const 94)
      (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
    (unreachable))
  (export "_start" (func $_start)))
