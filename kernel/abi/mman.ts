// Memory-mapping constants, as Linux's asm-generic/mman-common.h and mman.h define them. The
// kernel, the guest SDK and the tracer's name tables (host/trace/flags.ts) import them from here.
//
// Interface: PROT_* protections, MAP_* mmap flags (MAP_TYPE: the field holding SHARED/PRIVATE),
// MS_* msync flags, MADV_* madvise advice, MREMAP_* mremap flags, MCL_* mlockall flags.

export const PROT_NONE: i32 = 0x0;
export const PROT_READ: i32 = 0x1;
export const PROT_WRITE: i32 = 0x2;
export const PROT_EXEC: i32 = 0x4;
export const PROT_SEM: i32 = 0x8;
export const PROT_GROWSDOWN: i32 = 0x01000000;
export const PROT_GROWSUP: i32 = 0x02000000;

export const MAP_TYPE: i32 = 0x0f;             // the mapping type field
export const MAP_SHARED: i32 = 0x01;           // changes are shared (and reach the file)
export const MAP_PRIVATE: i32 = 0x02;          // changes are private (copy-on-write)
export const MAP_SHARED_VALIDATE: i32 = 0x03;  // MAP_SHARED, rejecting unknown flags
export const MAP_FIXED: i32 = 0x10;            // place exactly at addr, replacing old mappings
export const MAP_ANONYMOUS: i32 = 0x20;        // not backed by a file; zero filled
export const MAP_GROWSDOWN: i32 = 0x0100;
export const MAP_DENYWRITE: i32 = 0x0800;
export const MAP_EXECUTABLE: i32 = 0x1000;
export const MAP_LOCKED: i32 = 0x2000;
export const MAP_NORESERVE: i32 = 0x4000;
export const MAP_POPULATE: i32 = 0x8000;       // fault all pages in now
export const MAP_NONBLOCK: i32 = 0x10000;
export const MAP_STACK: i32 = 0x20000;
export const MAP_HUGETLB: i32 = 0x40000;
export const MAP_SYNC: i32 = 0x80000;
export const MAP_FIXED_NOREPLACE: i32 = 0x100000; // MAP_FIXED that fails with -EEXIST

export const MS_ASYNC: i32 = 1;                // schedule writeback
export const MS_INVALIDATE: i32 = 2;
export const MS_SYNC: i32 = 4;                 // write back and wait

export const MADV_NORMAL: i32 = 0;
export const MADV_RANDOM: i32 = 1;
export const MADV_SEQUENTIAL: i32 = 2;
export const MADV_WILLNEED: i32 = 3;
export const MADV_DONTNEED: i32 = 4;           // drop the pages; anonymous ones read back as zero
export const MADV_FREE: i32 = 8;
export const MADV_REMOVE: i32 = 9;
export const MADV_DONTFORK: i32 = 10;
export const MADV_DOFORK: i32 = 11;
export const MADV_MERGEABLE: i32 = 12;
export const MADV_UNMERGEABLE: i32 = 13;
export const MADV_HUGEPAGE: i32 = 14;
export const MADV_NOHUGEPAGE: i32 = 15;
export const MADV_DONTDUMP: i32 = 16;
export const MADV_DODUMP: i32 = 17;
export const MADV_WIPEONFORK: i32 = 18;
export const MADV_KEEPONFORK: i32 = 19;
export const MADV_COLD: i32 = 20;
export const MADV_PAGEOUT: i32 = 21;
export const MADV_POPULATE_READ: i32 = 22;
export const MADV_POPULATE_WRITE: i32 = 23;

export const MREMAP_MAYMOVE: i32 = 1;
export const MREMAP_FIXED: i32 = 2;
export const MREMAP_DONTUNMAP: i32 = 4;

export const MCL_CURRENT: i32 = 1;             // mlockall: lock what is mapped now
export const MCL_FUTURE: i32 = 2;              // ... and what will be mapped
export const MCL_ONFAULT: i32 = 4;             // ... as it is faulted in (with one of the above)
