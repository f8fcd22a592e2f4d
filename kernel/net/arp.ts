// ARP: answer "who has 10.0.2.15" from the host side. We never ask: the only neighbour's MAC is fixed.
// Interface: arpReply(ethFrame, len).
import { ETH_HLEN, ETH_P_ARP, ETH_P_IP, ARP_HRD_ETHER, ARP_REQUEST, ARP_REPLY, GUEST_IP, GUEST_MAC_HI, GUEST_MAC_LO, NET_HDR_SIZE } from "../abi/net";
import { be16, be32, put16, put32, putMac } from "./ip";
import { nicTxAlloc, nicTxSubmit, txHdr } from "./nic";

export function arpReply(e: usize, len: u32): void {
  if (len < <u32>(ETH_HLEN + 28)) return;
  const a = e + ETH_HLEN;
  if (be16(a + 6) != ARP_REQUEST || be32(a + 24) != GUEST_IP) return;     // a request for us
  const h = nicTxAlloc(0);
  if (h < 0) return;
  const out = txHdr(<u32>h);
  memory.fill(out, 0, NET_HDR_SIZE);
  const o = out + NET_HDR_SIZE;
  memory.copy(o, e + 6, 6); putMac(o + 6, GUEST_MAC_HI, GUEST_MAC_LO); put16(o + 12, ETH_P_ARP);
  const r = o + ETH_HLEN;
  put16(r, ARP_HRD_ETHER); put16(r + 2, ETH_P_IP); store<u8>(r + 4, 6); store<u8>(r + 5, 4); put16(r + 6, ARP_REPLY);
  putMac(r + 8, GUEST_MAC_HI, GUEST_MAC_LO); put32(r + 14, GUEST_IP);
  memory.copy(r + 18, a + 8, 10);                               // target = the asker
  nicTxSubmit(<u32>h, NET_HDR_SIZE + ETH_HLEN + 28, null);
}
