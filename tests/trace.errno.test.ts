import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Errno, errnoName as abiErrnoName, strerror } from "../kernel/abi/errno";
import { errnoName, errnoText } from "../host/trace";
import { run, testGuest } from "./helpers/machine";
import { enter, exit, runTrace } from "./helpers/trace";

describe("errors", () => {
  it("print `= -1 ENAME (strerror)` and set errno", () => {
    const { lines, events } = runTrace([enter(1, Sys.close, [99]), exit(2, 1, Sys.close, -Errno.EBADF)]);
    expect(lines).toEqual(["close(99) = -1 EBADF (Bad file descriptor)"]);
    expect(events[0]).toMatchObject({ errno: "EBADF", ret: -9n });
  });

  it("every Errno has Linux's message; unknown ones get strace's fallback", () => {
    for (const n of Object.values(Errno).filter((v): v is number => typeof v === "number")) {
      expect(errnoText(n)).not.toMatch(/^Unknown/);
    }
    expect(errnoText(Errno.ENOENT)).toBe("No such file or directory");
    const { lines } = runTrace([enter(1, Sys.close, [1]), exit(2, 1, Sys.close, -200)]);
    expect(lines).toEqual(["close(1) = -1 ERRNO_200 (Unknown error 200)"]);
  });
});

describe("errno table (kernel/abi/errno.ts)", () => {
  const errnos = Object.values(Errno).filter((v): v is number => typeof v === "number");

  it("names each Errno by its enum name and gives it a message", () => {
    for (const n of errnos) {
      expect(abiErrnoName(n)).toBe(Errno[n]);
      expect(strerror(n)).not.toMatch(/^Unknown error/);
    }
    expect(abiErrnoName(200)).toBe("E?200");
    expect(errnoName(200)).toBe("ERRNO_200");
  });

  it("gives the guest SDK's errnoName and strerror every errno the tracer knows", async () => {
    const r = await run(await testGuest("strerror.ts"), ["strerror"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(134);
    const printed = new Map(lines.map((l) => [Number(l.split(" ")[0]), l]));
    for (const n of errnos) expect(printed.get(n)).toBe(`${n} ${errnoName(n)} ${errnoText(n)}`);
    expect(printed.get(Errno.EINPROGRESS)).toBe("115 EINPROGRESS Operation now in progress");
    expect(printed.get(Errno.ENOBUFS)).toBe("105 ENOBUFS No buffer space available");
    expect(printed.get(200)).toBe("200 E?200 Unknown error 200");
    expect(printed.get(41)).toBe("41 E?41 Unknown error 41");
  });
});
