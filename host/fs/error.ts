// Errors of the wsfs image library, named by errno like the kernel's (ENOENT, ENOSPC, ...).
// Interface: new FsError(code, detail); err.code, err.detail.
export type FsErrno = "ELOOP" | "ENOENT" | "EEXIST" | "ENOTDIR" | "EISDIR" | "ENOTEMPTY" | "ENOSPC" | "ENAMETOOLONG"
  | "EINVAL" | "EFBIG" | "EBUSY";

export class FsError extends Error {
  constructor(readonly code: FsErrno, readonly detail: string) { super(`${detail}: ${code}`); }
}
