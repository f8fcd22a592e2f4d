import binaryen from "binaryen";
import { translate } from "./host/translate/index.ts";
import { MockMmu } from "./host/translate/mockmmu.ts";
const wat = `(module (memory 1) (data (i32.const 4094) "\\01\\02\\03\\04")
 (func $start (export "_start"))
 (func $ld (export "ld") (param i32) (result i32) (i32.load (local.get 0)))
 (func $sum (export "sum") (param $n i32) (result i32) (local $s i32)
   (loop $l (local.set $s (i32.add (local.get $s) (local.get $n))) (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
   (local.get $s)))`;
const m = binaryen.parseText(wat);
const t = await translate(m.emitBinary());
console.log(t.segments, t.initialPages, t.maxPages, t.hasStart, t.wasm.length);
const r = binaryen.readBinary(t.wasm); console.log(r.emitText());
const mmu = new MockMmu(t); const inst = mmu.instantiate();
const e = inst.exports as any;
console.log(e.ld(4094).toString(16), e.ld(4096).toString(16), e.ld(4096), mmu.slowLoads, e.sum(10));
