// Assemble WAT text to a wasm binary with binaryen, for modules the guest build would refuse
// (SIMD, odd imports). Interface: wat(text, features = MVP + SIMD) -> bytes.
import binaryen from "binaryen";

export function wat(text: string, features = binaryen.Features.MVP | binaryen.Features.SIMD128): Uint8Array {
  const m = binaryen.parseText(text);
  try {
    m.setFeatures(features);
    if (!m.validate()) throw new Error("wat: invalid module");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
