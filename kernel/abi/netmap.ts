// netmap's user ABI (net/netmap.h, the legacy struct nmreq API, NETMAP_API 11), the subset /dev/netmap
// speaks, with the wasm32 sizes (ssize_t and pointers are 4 bytes). Shared by the kernel
// (kernel/net/netmap.ts), the tracer (ioctl names) and the guests' SDK.
//
//   the shared region (nr_memsize bytes, mmap of /dev/netmap at offset 0)
//   +0        struct netmap_if   { char ni_name[16]; u32 ni_version, ni_flags, ni_tx_rings, ni_rx_rings,
//                                  ni_bufs_head, ni_host_tx_rings, ni_host_rx_rings, ni_spare1[3];
//                                  i32 ring_ofs[tx + rx] }         ring_ofs: from the netmap_if
//   +4096     TX ring 0          struct netmap_ring, then num_slots struct netmap_slot
//   +8192     RX ring 0
//   +12288    buffers            NM_NBUF x NM_BUF_SIZE; buffer i at ring + buf_ofs + i * nr_buf_size
//
//   struct netmap_ring  { i64 buf_ofs; u32 num_slots, nr_buf_size; u16 ringid, dir;
//                         u32 head, cur, tail, flags; struct timeval ts (at 40); u64 offset_mask,
//                         buf_align; u8 sem[128] (at 128); struct netmap_slot slot[] (at 256) }
//   struct netmap_slot  { u32 buf_idx; u16 len; u16 flags; u64 ptr }   16 bytes
//
// Buffers 0 and 1 are reserved (as netmap's): a slot naming them, or one past NM_NBUF, is invalid.
export const NETMAP_API: u32 = 11;          // nr_version the legacy NIOCREGIF asks for
export const IFNAMSIZ: u32 = 16;
export const NM_IFNAME = "eth0";            // the one interface: the virtio-net NIC

// ioctl requests: _IOWR('i', 145/146, struct nmreq), _IO('i', 148/149).
export const NIOCGINFO: u32 = 0xc03c6991;   // the region's size and ring geometry, without attaching
export const NIOCREGIF: u32 = 0xc03c6992;   // attach the fd to an interface: the NIC leaves the kernel's stack
export const NIOCTXSYNC: u32 = 0x6994;      // hand the TX slots [hwcur, head) to the NIC, reclaim finished ones
export const NIOCRXSYNC: u32 = 0x6995;      // release the RX slots [hwcur, head), report received ones

// struct nmreq (60 bytes)
export const NMREQ_SIZE: u32 = 60;
export const NR_NAME = 0;                   // char[IFNAMSIZ]
export const NR_VERSION = 16;               // u32
export const NR_OFFSET = 20;                // u32: the netmap_if's offset in the region (out)
export const NR_MEMSIZE = 24;               // u32: the region's size (out)
export const NR_TX_SLOTS = 28;              // u32 (out)
export const NR_RX_SLOTS = 32;              // u32 (out)
export const NR_TX_RINGS = 36;              // u16 (out)
export const NR_RX_RINGS = 38;              // u16 (out)
export const NR_RINGID = 40;                // u16
export const NR_CMD = 42;                   // u16
export const NR_FLAGS = 52;                 // u32: NR_REG_*
export const NR_REG_DEFAULT: u32 = 0;       // nr_flags: every hardware ring (the ringid decides, legacy)
export const NR_REG_ALL_NIC: u32 = 1;       // every hardware ring, no host rings

// struct netmap_if
export const NI_NAME = 0;
export const NI_VERSION = 16;
export const NI_TX_RINGS = 24;
export const NI_RX_RINGS = 28;
export const NI_HOST_TX_RINGS = 36;
export const NI_HOST_RX_RINGS = 40;
export const NI_RING_OFS = 56;              // i32 per ring: TX rings first, then RX

// struct netmap_ring
export const NR_BUF_OFS = 0;                // i64: from the ring to buffer 0
export const NR_NUM_SLOTS = 8;
export const NR_BUF_SIZE = 12;
export const NR_RING_ID = 16;               // u16
export const NR_DIR = 18;                   // u16: 0 TX, 1 RX
export const NR_HEAD = 20;                  // u32: first slot the user has not released
export const NR_CUR = 24;                   // u32: wakeup point (poll)
export const NR_TAIL = 28;                  // u32: first slot the kernel owns
export const NR_RFLAGS = 32;
export const NR_SLOTS = 256;                // struct netmap_slot[num_slots]

// struct netmap_slot
export const NS_SIZE = 16;
export const NS_BUF_IDX = 0;                // u32
export const NS_LEN = 4;                    // u16
export const NS_FLAGS = 6;                  // u16
export const NS_BUF_CHANGED: u32 = 0x0001;  // slot flags: the user changed buf_idx
export const NS_REPORT: u32 = 0x0002;       // ask for a completion report
export const NS_MOREFRAG: u32 = 0x0020;     // the packet continues in the next slot (not offered: EINVAL)

// The geometry of the one region (/dev/netmap's allocator).
export const NM_SLOTS: u32 = 32;            // per ring; a TX packet takes 2 of the queue's 64 descriptors
export const NM_BUF_SIZE: u32 = 2048;       // netmap's default buffer size
export const NM_NBUF: u32 = 2 + 2 * NM_SLOTS;    // 2 reserved, one per slot of each ring
export const NM_IF_OFS: u32 = 0;
export const NM_TXRING_OFS: u32 = 4096;
export const NM_RXRING_OFS: u32 = 8192;
export const NM_BUF_OFS: u32 = 12288;
export const NM_PAGES: u32 = 3 + NM_NBUF / 2;    // 2 buffers per 4 KiB page
export const NM_MEMSIZE: u32 = NM_PAGES * 4096;
