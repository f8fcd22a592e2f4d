// The zerocopy lab's grader: the founding table, measured on the kernel under test with the same
// code as `wasmos compare` (host/compare.ts): one 4 KiB file sent to the discard service at
// 10.0.2.2:9, counting only the transfer calls. sendfile and splice must move page references
// (splice_to_pipe; pipe_buffer slots naming page-cache pages; skb fragments with SG DMA).
// Interface: zerocopyLab (a Lab, host/lab/grader.ts).
import { expectEq, fail, type Lab, type Check } from "../../host/lab/grader";
import { compare, type MethodId } from "../../host/compare";

// The founding documents' table: mode switches / copies / CPU copies / DMA copies.
const TABLE: { method: MethodId; what: string; switches: number; copies: number; cpu: number; dma: number; points: number }[] = [
  { method: "sendfile+sg-dma", what: "sendfile with scatter-gather DMA", switches: 2, copies: 2, cpu: 0, dma: 2, points: 35 },
  { method: "splice", what: "splice file -> pipe -> socket", switches: 4, copies: 2, cpu: 0, dma: 2, points: 35 },
  { method: "sendfile", what: "sendfile without SG (one copy into socket pages)", switches: 2, copies: 3, cpu: 1, dma: 2, points: 30 },
];

function check(row: (typeof TABLE)[number]): Check {
  return {
    name: `${row.what}: ${row.switches}/${row.copies}/${row.cpu}/${row.dma}`, points: row.points,
    run: async (kernel) => {
      const [r] = await compare({ kernel, size: 4096, methods: [row.method], how: false });
      if (!r.intact) fail("the discard service did not receive every byte of the file");
      expectEq("mode switches", r.contextSwitches, row.switches);
      expectEq("copies", r.copies, row.copies);
      expectEq("CPU copies", r.cpuCopies, row.cpu);
      expectEq("DMA copies", r.dmaCopies, row.dma);
    },
  };
}

export const zerocopyLab: Lab = {
  name: "zerocopy",
  title: "Zero-copy: sendfile with scatter-gather DMA, splice through pipe_buffer references",
  checks: TABLE.map(check),
};
