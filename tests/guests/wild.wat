;; wild.wat: loads from 0x90000000, an address no region maps (below MMAP_TOP, above the heap).
;; The kernel must kill it with SIGSEGV; if the load returns, it writes "survived\n" and exits 1.
(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 1))
  (data (i32.const 1024) "survived\n")
  (func $_start
    (i32.store (i32.const 2048) (i32.load (i32.const 0x90000000)))
    (drop (call $syscall (i32.const 64)                     ;; write(1, 1024, 9)
      (i64.const 1) (i64.const 1024) (i64.const 9) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $syscall (i32.const 94)                     ;; exit_group(1)
      (i64.const 1) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
    (unreachable))
  (export "_start" (func $_start)))
