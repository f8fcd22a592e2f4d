;; trap.wat: executes one trapping instruction chosen by the first letter of argv[1]:
;;   d  i32.div_s by zero          o  i32.div_s INT_MIN by -1 (overflow)
;;   r  i64.rem_u by zero          u  unreachable
;; Operands come from memory, so nothing can be folded at build time. If the instruction
;; returns, it writes "survived\n" and exits 1.
(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 1))
  (data (i32.const 1024) "survived\n")
  (data (i32.const 2048) "\00\00\00\00\ff\ff\ff\ff\00\00\00\80")   ;; 0, -1, INT_MIN
  (func $_start (local $c i32)
    ;; argv[1] is the second pointer after argc in the argument block at ARG_BASE (0xbfff0000)
    (local.set $c (i32.load8_u (i32.load (i32.const 0xbfff0008))))
    (if (i32.eq (local.get $c) (i32.const 0x64))           ;; 'd'
      (then (i32.store (i32.const 3072) (i32.div_s (i32.const 7) (i32.load (i32.const 2048))))))
    (if (i32.eq (local.get $c) (i32.const 0x6f))           ;; 'o'
      (then (i32.store (i32.const 3072) (i32.div_s (i32.load (i32.const 2056)) (i32.load (i32.const 2052))))))
    (if (i32.eq (local.get $c) (i32.const 0x72))           ;; 'r'
      (then (i64.store (i32.const 3072) (i64.rem_u (i64.const 7) (i64.load32_u (i32.const 2048))))))
    (if (i32.eq (local.get $c) (i32.const 0x75))           ;; 'u'
      (then (unreachable)))
    (drop (call $syscall (i32.const 64)                     ;; write(1, 1024, 9)
      (i64.const 1) (i64.const 1024) (i64.const 9) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $syscall (i32.const 94)                     ;; exit_group(1)
      (i64.const 1) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
    (unreachable))
  (export "_start" (func $_start)))
