// The wsfs superblock (block 0): read, write, the packed geometry mkfs lays out for a size, and
// the geometry checks Image.open and fsck share.
// Interface: Superblock; readSuper(store), writeSuper(store, sb), layout(nblocks, ninodes?),
// defaultInodes(nblocks), geometryProblems(sb, storeBytes) -> string[].
import type { BlockStore } from "../devices/blockstore";
import { Super, FS_MAGIC, FS_VERSION, FS_CLEAN, BLOCK_SIZE, INODES_PER_BLOCK, ROOT_INO } from "../../kernel/abi/fs";

export type SuperField = Exclude<keyof typeof Super, number>;
export type Superblock = Record<SuperField, number>;

const FIELDS = Object.keys(Super).filter((k) => Number.isNaN(Number(k))) as SuperField[];
export const BITS_PER_BLOCK = BLOCK_SIZE * 8;
const MIN_INODES = 64;

export function readSuper(store: BlockStore): Superblock {
  const bytes = new Uint8Array(BLOCK_SIZE);
  store.read(0, bytes);
  const v = new DataView(bytes.buffer);
  const sb = {} as Superblock;
  for (const f of FIELDS) sb[f] = v.getUint32(Super[f], true);
  return sb;
}

export function writeSuper(store: BlockStore, sb: Superblock): void {
  const bytes = new Uint8Array(BLOCK_SIZE);
  const v = new DataView(bytes.buffer);
  for (const f of FIELDS) v.setUint32(Super[f], sb[f], true);
  store.write(0, bytes);
}

/** mkfs's default: a quarter as many inodes as blocks, at least 64. */
export function defaultInodes(nblocks: number): number { return Math.max(MIN_INODES, Math.floor(nblocks / 4)); }

/** The packed geometry for nblocks blocks and (rounded up to a whole inode block) ninodes inodes. */
export function layout(nblocks: number, ninodes = defaultInodes(nblocks)): Superblock {
  ninodes = Math.ceil(Math.max(ninodes, ROOT_INO + 1) / INODES_PER_BLOCK) * INODES_PER_BLOCK;
  const inodeBitmapStart = 1;
  const blockBitmapStart = inodeBitmapStart + Math.ceil(ninodes / BITS_PER_BLOCK);
  const inodeTableStart = blockBitmapStart + Math.ceil(nblocks / BITS_PER_BLOCK);
  const dataStart = inodeTableStart + ninodes / INODES_PER_BLOCK;
  return { magic: FS_MAGIC, version: FS_VERSION, blockSize: BLOCK_SIZE, nblocks, ninodes, inodeBitmapStart,
    blockBitmapStart, inodeTableStart, dataStart, rootIno: ROOT_INO,
    freeBlocks: nblocks - dataStart, freeInodes: ninodes - 1, state: FS_CLEAN };
}

/** What is wrong with a superblock's identity and geometry (empty when it can be used). */
export function geometryProblems(sb: Superblock, storeBytes: number): string[] {
  if (sb.magic !== FS_MAGIC) return [`superblock: bad magic 0x${sb.magic.toString(16)} (not a wsfs image)`];
  const p: string[] = [];
  if (sb.version !== FS_VERSION) {
    return [`superblock: on-disk version ${sb.version} is not supported (this wasmos reads version ${FS_VERSION}; `
      + `version ${FS_VERSION} added symbolic links, atime and ctime): make the image again with wasmos mkfs`];
  }
  if (sb.blockSize !== BLOCK_SIZE) p.push(`superblock: block size ${sb.blockSize}, expected ${BLOCK_SIZE}`);
  if (sb.nblocks * BLOCK_SIZE > storeBytes) p.push(`superblock: ${sb.nblocks} blocks but the disk holds ${Math.floor(storeBytes / BLOCK_SIZE)}`);
  if (sb.rootIno !== ROOT_INO) p.push(`superblock: root inode ${sb.rootIno}, expected ${ROOT_INO}`);
  if (sb.ninodes <= ROOT_INO || sb.ninodes % INODES_PER_BLOCK !== 0) p.push(`superblock: bad inode count ${sb.ninodes}`);
  const want = layout(sb.nblocks, sb.ninodes);
  for (const f of ["inodeBitmapStart", "blockBitmapStart", "inodeTableStart", "dataStart"] as const) {
    if (sb[f] !== want[f]) p.push(`superblock: ${f} ${sb[f]}, expected ${want[f]}`);
  }
  if (sb.dataStart >= sb.nblocks) p.push(`superblock: no data blocks (dataStart ${sb.dataStart}, nblocks ${sb.nblocks})`);
  return p;
}
