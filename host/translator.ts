// The guest translator behind the public API, loaded on its first call: translate() needs binaryen
// (megabytes of JavaScript, about half a second to load), which a machine running cached guests
// never uses, so importing host/index.ts must not load it. The cache (translateCached) already
// loads the translator only on a miss, in its worker thread.
// Interface: translate(bytes, opts?) -> Translated, as host/translate/translate.ts's.
import type { Options } from "./translate/translate";
import type { Translated } from "./translate/types";

export async function translate(bytes: Uint8Array, opts: Options = {}): Promise<Translated> {
  const t = await import("./translate/translate");
  return t.translate(bytes, opts);
}
