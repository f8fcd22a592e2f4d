// Finding 1 of issue 10: file offsets past what the block tree can address. Before the fix a pwrite
// at 2^44 landed at offset 0 (the page index was truncated to 32 bits), a write past the triple
// indirect tree indexed its indirect block out of bounds (into whatever frame followed), and a
// pwrite at 2^63-1 made the size negative. Now, as Linux with s_maxbytes: a write at or past
// S_MAXBYTES is EFBIG, one that would cross it is shortened, reads there return 0, lseek past it and
// negative offsets are EINVAL, ftruncate past it is EFBIG; the image stays fsck-clean.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs";
import { S_MAXBYTES, MAX_FILE_BLOCKS, BLOCK_SIZE } from "../kernel/abi/fs";
import { onImage } from "./helpers/fsimage";

const M = BigInt(S_MAXBYTES);
const MAX64 = (1n << 63n) - 1n;

test("S_MAXBYTES is the last byte the triple-indirect tree addresses", () => {
  expect(S_MAXBYTES).toBe(MAX_FILE_BLOCKS * BLOCK_SIZE);
  expect(MAX_FILE_BLOCKS).toBe(12 + 1024 + 1024 ** 2 + 1024 ** 3);
});

test("pwrite/pread/lseek/ftruncate at and past S_MAXBYTES: EFBIG/EINVAL/0, data and size right, fsck clean", async () => {
  const ops = [
    "open", "/f",
    "pw", "0", "4096", "3",
    "pw", String(1n << 44n), "4096", "7",           // was: landed at offset 0
    "pw", String(MAX64), "1", "7",                  // was: negative size
    "pw", String(M), "1", "7",
    "pw", String(M - 4096n), "8192", "9",           // crosses S_MAXBYTES: shortened
    "pw", "-1", "1", "1",
    "pw", String(M), "0", "1",                      // nothing to write: 0, as Linux
    "size",
    "pr", "0", "4096",
    "pr", String(M - 4096n), "8192",
    "pr", String(M), "10",
    "pr", String(MAX64), "10",
    "pr", "-5", "10",
    "seek", String(M), "0",
    "w", "1", "1",
    "seek", String(M + 1n), "0",
    "seek", "-1", "0",
    "seek", String(MAX64), "1",                     // SEEK_CUR overflow
    "seek", String(MAX64), "2",                     // SEEK_END overflow
    "seek", String(1n << 43n), "0",                 // past the tree: was an out-of-bounds indirect slot
    "w", "4096", "5",
    "seek", String(M - 10n), "0",
    "w", "100", "6",
    "pr", String(M - 10n), "100",
    "sp", String(M), "10", "4",                     // splice into the file: the same limits
    "sp", String(M - 4n), "10", "4",
    "sp", "-2", "10", "4",
    "pr", String(M - 10n), "100",
    "trunc", String(M + 1n),
    "trunc", String(MAX64),
    "trunc", "8192",
    "size",
    "pr", "0", "4096",
  ];
  const r = await onImage(mkfs(4 << 20).bytes, "fsprobe.ts", ["fsprobe", ...ops]);
  expect(r.code).toBe(0);
  expect(r.out.split("\n").filter((l) => l)).toEqual([
    "open /f = 3",
    "pw 0 4096 3 = 4096",
    `pw ${1n << 44n} 4096 7 = EFBIG`,
    `pw ${MAX64} 1 7 = EFBIG`,
    `pw ${M} 1 7 = EFBIG`,
    `pw ${M - 4096n} 8192 9 = 4096`,
    "pw -1 1 1 = EINVAL",
    `pw ${M} 0 1 = 0`,
    `size = ${M}`,
    `pr 0 4096 = 4096 sum ${3 * 4096}`,
    `pr ${M - 4096n} 8192 = 4096 sum ${9 * 4096}`,
    `pr ${M} 10 = 0 sum 0`,
    `pr ${MAX64} 10 = 0 sum 0`,
    "pr -5 10 = EINVAL",
    `seek ${M} 0 = ${M}`,
    "w 1 1 = EFBIG",
    `seek ${M + 1n} 0 = EINVAL`,
    "seek -1 0 = EINVAL",
    `seek ${MAX64} 1 = EINVAL`,
    `seek ${MAX64} 2 = EINVAL`,
    `seek ${1n << 43n} 0 = EINVAL`,
    "w 4096 5 = EFBIG",
    `seek ${M - 10n} 0 = ${M - 10n}`,
    "w 100 6 = 10",
    `pr ${M - 10n} 100 = 10 sum 60`,
    `sp ${M} 10 4 = EFBIG`,
    `sp ${M - 4n} 10 4 = 4`,
    "sp -2 10 4 = EINVAL",
    `pr ${M - 10n} 100 = 10 sum ${6 * 6 + 4 * 4}`,
    `trunc ${M + 1n} = EFBIG`,
    `trunc ${MAX64} = EFBIG`,
    "trunc 8192 = 0",
    "size = 8192",
    `pr 0 4096 = 4096 sum ${3 * 4096}`,
  ]);
  expect(r.problems).toEqual([]);
  expect(r.fs.stat("/f").size).toBe(8192);
  expect(r.fs.stat("/f").blocks).toBe(1);
});
