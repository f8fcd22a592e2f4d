// The scratch local an address with an offset needs is added to each function being rewritten, also
// when a later translation's function lands at the address a freed module's function had (binaryen
// reuses the memory): a stale record once left such a function without its local, and the module
// failed to validate (seen on the WASI suite's AssemblyScript programs, translated in a row).
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { wat } from "./helpers/wat";

// Same shape each time (so the allocator hands out the same addresses), a different constant each.
const guest = (k: number) => wat(`(module
  (memory 1)
  (func (export "_start"))
  (func (export "get") (param i32) (result i32) (i32.add (i32.load offset=16 (local.get 0)) (i32.const ${k}))))`);

test("a run of translations of same-shaped modules all validate", async () => {
  for (let k = 0; k < 40; k++) {
    const t = await translate(guest(k));
    expect(WebAssembly.validate(t.wasm), `translation ${k}`).toBe(true);
  }
});
