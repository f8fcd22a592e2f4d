;; hello.wat: a guest written against nothing but the ABI. _start writes "hello from wat\n"
;; to fd 1 with write (64) and ends with exit_group (94), status 7.
(module
  (import "kernel" "syscall"
    (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 1))
  (data (i32.const 1024) "hello from wat\n")
  (func $_start
    (drop (call $syscall (i32.const 64)                     ;; write(1, 1024, 15)
      (i64.const 1) (i64.const 1024) (i64.const 15) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $syscall (i32.const 94)                     ;; exit_group(7)
      (i64.const 7) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
    (unreachable))
  (export "memory" (memory 0))
  (export "_start" (func $_start)))
