// The wsfs image library's public surface (host tools, tests, the build).
export { Image } from "./image";
export { WsFs, type Stat, type Entry } from "./files";
export { mkfs, contentBytes, defaultImageBytes, type MkfsOptions, type MkfsFile } from "./mkfs";
export { fsck, type FsckResult } from "./fsck";
export { buildRootfs, dataByte, dataBytes, ROOTFS_BYTES } from "./rootfs";
export { FsError, type FsErrno } from "./error";
export { readSuper, layout, type Superblock } from "./superblock";
