import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Errno } from "../kernel/abi/errno";
import { errnoText } from "../host/trace";
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
