// Scatter-gather records for readv/writev/vmsplice/sendmsg/recvmsg (linux/uio.h, linux/socket.h),
// in the wasm32 layout (pointers and size_t are 32-bit).
//
// Interface: IOV_MAX, MAX_RW_COUNT; the iovec and msghdr records:
//
//   iovec   +-------------+-------------+
//           | u32 iov_base| u32 iov_len |   IOVEC_SIZE = 8
//           +-------------+-------------+
//
//   msghdr  +----------+-------------+---------+------------+-------------+----------------+-----------+
//           | u32 name | u32 namelen | u32 iov | u32 iovlen | u32 control | u32 controllen | u32 flags |
//           +----------+-------------+---------+------------+-------------+----------------+-----------+
//           0          4             8         12           16            20               24    = 28
// IOV_MAX is the most iovecs one call accepts (UIO_MAXIOV); MAX_RW_COUNT the most bytes one read,
// write, splice or sendfile moves (INT_MAX rounded down to a page, as Linux's).

export const IOV_MAX: i32 = 1024;
export const MAX_RW_COUNT: u32 = 0x7ffff000;

export const IOVEC_SIZE: usize = 8;
export const IOV_BASE: usize = 0;
export const IOV_LEN: usize = 4;

export const MSGHDR_SIZE: usize = 28;
export const MSGHDR_NAME: usize = 0;
export const MSGHDR_NAMELEN: usize = 4;
export const MSGHDR_IOV: usize = 8;
export const MSGHDR_IOVLEN: usize = 12;
export const MSGHDR_CONTROL: usize = 16;
export const MSGHDR_CONTROLLEN: usize = 20;
export const MSGHDR_FLAGS: usize = 24;
