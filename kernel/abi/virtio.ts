// virtio split virtqueues and the virtio-blk request format (OASIS virtio 1.x, "split ring"),
// shared by the kernel's drivers and the host's device models.
//
//   one queue in one 4 KiB frame (VQ_SIZE = 64):
//   +0     descriptor table  VQ_SIZE x { le64 addr, le32 len, le16 flags, le16 next }  (16 bytes each)
//   +1024  available ring    { le16 flags, le16 idx, le16 ring[VQ_SIZE], le16 used_event }
//   +2048  used ring         { le16 flags, le16 idx, { le32 id, le32 len }[VQ_SIZE], le16 avail_event }
// idx counters run freely (mod 2^16) and are taken mod VQ_SIZE. In a chain, device-readable
// descriptors come before device-writable ones.
export const VQ_SIZE = 64;
export const VQ_DESC = 0;
export const VQ_AVAIL = 1024;
export const VQ_USED = 2048;
export const VQ_DESC_SIZE = 16;

export const VRING_DESC_F_NEXT = 1;      // chain continues at `next`
export const VRING_DESC_F_WRITE = 2;     // device writes this buffer
export const VRING_DESC_F_INDIRECT = 4;
// used.flags, written by the device: "do not notify me" (the driver may skip its kick). The network
// device sets it on its receive queue while it holds posted buffers it has not filled, as QEMU does:
// it takes what the driver posted when it next needs a buffer, so a kick per refill is wasted.
export const VRING_USED_F_NO_NOTIFY = 1;
// VIRTIO_RING_F_EVENT_IDX, as the network device offers it for its transmit queue: the driver writes
// used_event (the avail ring's last field) and the device interrupts only when it posts the used
// entry of that index (vring_need_event). The driver says it keeps used_event by setting up the
// queue with VQ_SETUP_EVENT_IDX or-ed into the queue number (virtioSetup(dev, queue | flag, addr)).
export const VQ_USED_EVENT = VQ_AVAIL + 4 + 2 * VQ_SIZE;
export const VQ_SETUP_EVENT_IDX = 0x100;

// Devices (the `dev` argument of the host's virtio imports).
export enum Dev { blk = 1, net = 2, console = 3 }

// virtio-blk request: header { le32 type, le32 reserved, le64 sector } (16 bytes),
// data descriptors, then a 1-byte status the device writes.
//
// Details the spec leaves open, as the host's virtio-blk device (host/devices/disk.ts) does them:
// - The queue frame is 4 KiB aligned in physical RAM; only queue 0; no feature bits (no INDIRECT,
//   no EVENT_IDX: the flags and *_event fields are ignored).
// - A request: descriptor 0 = the 16-byte header (device-readable, len exactly BLK_HDR_SIZE), then
//   zero or more data descriptors (all device-writable for IN and GET_ID, all readable for OUT),
//   then a device-writable status descriptor (len >= 1; status goes in its first byte).
// - IN/OUT need data whose total length is a non-zero multiple of SECTOR_SIZE and lies inside the
//   disk, else IOERR and nothing moves. GET_ID writes up to 20 bytes ("wasmos-disk", NUL padded).
//   FLUSH ignores sector and data. Any other type: UNSUPP.
// - Used ring len = bytes the device wrote (data for IN/GET_ID, plus 1 for the status byte).
// - A malformed chain (address outside RAM, next >= VQ_SIZE, loop or longer than VQ_SIZE,
//   INDIRECT) is completed with IOERR in its last descriptor when that one is writable.
// - Completion: the device does the transfer when notified but writes the used ring entries of
//   a batch when its interrupt is taken (at the batch's last completion, in virtual time).
export const SECTOR_SIZE = 512;
export enum BlkType { IN = 0, OUT = 1, FLUSH = 4, GET_ID = 8, DISCARD = 11, WRITE_ZEROES = 13 }
export enum BlkStatus { OK = 0, IOERR = 1, UNSUPP = 2 }
export const BLK_HDR_SIZE = 16;
