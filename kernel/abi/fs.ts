// wsfs, wasmos's file system: the on-disk layout shared by the kernel and the host's image tools
// (mkfs, fsck, ls, cp). Little endian; 4 KiB blocks; block n = sectors 8n .. 8n+7.
//
//   block 0                 superblock
//   inodeBitmapStart ..     inode bitmap (1 bit per inode, bit i of byte i/8; set = in use)
//   blockBitmapStart ..     block bitmap (1 bit per block of the whole image, metadata blocks set)
//   inodeTableStart ..      inode table  (INODE_SIZE bytes per inode, inode 0 unused, ROOT_INO = 1)
//   dataStart ..            data and indirect blocks
//
// A file's blocks: direct[NDIRECT], then one indirect block (1024 block numbers), a double
// indirect and a triple indirect one: 12 + 1024 + 1024^2 + 1024^3 blocks (far past 4 GiB). Block
// number 0 means a hole (reads as zeros). Directories are files of DIRENT_SIZE entries; ino 0 is a
// free slot; every directory has "." and ".." first.
//
// Details the layout leaves open, as mkfs writes them and fsck checks them:
// - Geometry, packed in this order with no gaps: inodeBitmapStart = 1, then ceil(ninodes / 32768)
//   inode bitmap blocks, ceil(nblocks / 32768) block bitmap blocks, ninodes / INODES_PER_BLOCK inode
//   table blocks (ninodes is a multiple of INODES_PER_BLOCK), then dataStart. nblocks * BLOCK_SIZE
//   may be less than the disk, never more.
// - Bitmaps: bit i is (byte i >> 3) & (1 << (i & 7)), LSB first. Inode bit 0 is set (inode 0 is
//   reserved); block bits 0 .. dataStart-1 are set (metadata); bits past ninodes / nblocks in the
//   last bitmap block are 0 and never used. Allocation takes the lowest free bit.
// - freeBlocks = clear bits in 0 .. nblocks-1; freeInodes = clear bits in 1 .. ninodes-1.
// - A free inode (bitmap bit clear) has mode 0 and nlink 0. A newly allocated indirect or
//   directory block is zeroed; a data block's bytes past the end of the file read as zeros.
// - nlink = number of dirents naming the inode, "." and ".." included (a directory: 2 + subdirs).
//   The root's ".." is the root. No hard links to directories.
// - size: no data block at a file block index >= ceil(size / BLOCK_SIZE) (an indirect block there
//   may exist, mapping only holes), unless the inode has INO_FL_PREALLOC (fallocate KEEP_SIZE). Regular files may have holes (block number 0) below that;
//   directories may not.
//   `blocks` counts every data and indirect block reachable from the inode.
// - Directory size is a multiple of DIRENT_SIZE; "." is slot 0 and ".." slot 1; removing an
//   entry zeroes its slot (ino 0) and leaves the size alone. Names are 1 .. NAME_MAX bytes of
//   UTF-8, no '/' or NUL, not "." or ".." outside slots 0 and 1, unique in their directory;
//   bytes past nameLen are not looked at. The entry's type is DT_DIR, DT_REG or DT_LNK as the
//   inode's mode.
// - mode is S_IFREG, S_IFDIR or S_IFLNK | permission bits. A symbolic link's target is its data
//   (size = the target's length, 1 .. SYMLINK_MAX bytes, no NUL), in data block 0, like a file's.
// - Times (version 2): atime, mtime, ctime in nanoseconds of the kernel's clock (u64 each); mkfs
//   writes 0, or the host file's times with --from. uid and flags are not checked.
// - Version 1 (no atime/ctime, no symbolic links) is refused by the kernel at mount and by the host
//   tools, with a message naming the version: rebuild such an image with mkfs.
// - state: FS_DIRTY while mounted read-write, FS_CLEAN after a clean unmount; fsck reports DIRTY.
export const FS_MAGIC = 0x53465357;      // "WSFS"
export const FS_VERSION = 2;            // 2: symbolic links, atime and ctime
export const BLOCK_SIZE = 4096;
export const SECTORS_PER_BLOCK = 8;
export const ROOT_INO = 1;

// superblock fields (u32 byte offsets in block 0)
export enum Super {
  magic = 0,
  version = 4,
  blockSize = 8,
  nblocks = 12,
  ninodes = 16,
  inodeBitmapStart = 20,
  blockBitmapStart = 24,
  inodeTableStart = 28,
  dataStart = 32,
  rootIno = 36,
  freeBlocks = 40,        // kept up to date by the kernel and mkfs; fsck checks it
  freeInodes = 44,
  state = 48,             // FS_CLEAN when unmounted cleanly
}
export const FS_CLEAN = 1;
export const FS_DIRTY = 0;

export const INODE_SIZE = 128;
export const INODES_PER_BLOCK = 32;
export const NDIRECT = 12;
export const NINDIRECT = 1024;           // block numbers per indirect block
// The largest file: the blocks the tree addresses (direct, indirect, double, triple), and in bytes
// Linux's s_maxbytes (just over 4 TiB): a write at or past it is EFBIG, lseek past it EINVAL.
export const MAX_FILE_BLOCKS = NDIRECT + NINDIRECT + NINDIRECT * NINDIRECT + NINDIRECT * NINDIRECT * NINDIRECT;
export const S_MAXBYTES = 4402345721856;   // MAX_FILE_BLOCKS * BLOCK_SIZE (a 64-bit literal)

// inode fields (byte offsets in its 128-byte record)
export enum Ino {
  mode = 0,               // u16: S_IF* | permission bits
  nlink = 2,              // u16
  uid = 4,                // u32
  size = 8,               // u64
  mtime = 16,             // u64, virtual ns
  blocks = 24,            // u32: data + indirect blocks held
  flags = 28,             // u32: INO_FL_* bits
  direct = 32,            // u32[NDIRECT]
  indirect = 80,          // u32
  dindirect = 84,         // u32
  tindirect = 88,         // u32
  atime = 96,             // u64, virtual ns (version 2)
  ctime = 104,            // u64, virtual ns (version 2)
}

// Inode flags. PREALLOC: fallocate(FALLOC_FL_KEEP_SIZE) gave the file blocks past its size (fsck
// allows data blocks past the size only with it; truncating to 0 clears it).
export const INO_FL_PREALLOC = 1;

export { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IALLUGO, S_IRWXUGO, S_IXUGO, S_ISVTX, DT_REG, DT_DIR, DT_LNK } from "./stat";   // a file's type, as Linux's

// Symbolic links: a path walk follows at most MAXSYMLINKS of them (then ELOOP, as Linux's
// MAXSYMLINKS); a target holds at most SYMLINK_MAX bytes (the kernel's PATH_MAX less the NUL).
export const MAXSYMLINKS = 40;
export const SYMLINK_MAX = 255;

export const DIRENT_SIZE = 128;
export const NAME_MAX = 120;             // longest file name in bytes (ENAMETOOLONG past it)
// dirent: u32 ino, u8 type (DT_*), u8 nameLen, u16 reserved, u8 name[NAME_MAX]
export enum Dirent { ino = 0, type = 4, nameLen = 5, name = 8 }
