// C guests in tests: whether clang for wasm32-wasi is here (tests skip with NO_CLANG when not: CI
// installs it through .ci/toolchain), and C sources compiled once per test run with
// guests/c/build.mjs. Interface: hasClang, NO_CLANG, TRANSLATE_TIMEOUT, cGuest(src, { wasi }) -> path of the .wasm.
import { existsSync, mkdtempSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { projectRoot } from "../../host/paths";
// @ts-expect-error: guests/c/build.mjs is plain JavaScript without type declarations
import { buildC, checkToolchain } from "../../guests/c/build.mjs";

function toolchain(): boolean {
  try { checkToolchain(); return true; } catch { return false; }
}

export const hasClang = toolchain();
// A test's first run of a new C module translates it (about 20 s alone, over a minute on a loaded
// two-core machine): the default 60 s is not enough for such a test.
export const TRANSLATE_TIMEOUT = 300_000;
export const NO_CLANG = "skipped: no clang for wasm32-wasi here (sudo apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)";
if (!hasClang) console.warn(`C guest tests ${NO_CLANG}`);

const dir = () => (process.env.WASMOS_TEST_CGUESTS ??= mkdtempSync(join(tmpdir(), "wasmos-test-cguests-")));
const built = new Map<string, Promise<string>>();

/** src (relative to the repository) built to a .wasm, once per run and mode; its path. */
export function cGuest(src: string, { wasi = true }: { wasi?: boolean } = {}): Promise<string> {
  const key = `${src}:${wasi}`;
  const cached = built.get(key);
  if (cached) return cached;
  const out = join(dir(), `${basename(src, ".c")}${wasi ? "" : "-nowasi"}.wasm`);
  const p = (async () => {
    if (!existsSync(out)) {
      const tmp = out.replace(/\.wasm$/, `.${process.pid}.tmp.wasm`);
      await buildC([join(projectRoot(), src)], tmp, { wasi });
      renameSync(tmp, out);
    }
    return out;
  })();
  built.set(key, p);
  return p;
}
