// The --hostfwd / --guestfwd option strings (QEMU slirp's syntax) parse, or fail with a clear error.
import { expect, test } from "vitest";
import { parseHostFwd, parseGuestFwd, ForwardSpecError } from "../host/net/forward";
import { Slirp } from "../host/net/slirp";

test("hostfwd: host address defaults to 127.0.0.1, guest address may be empty or 10.0.2.15", () => {
  expect(parseHostFwd("tcp:127.0.0.1:8080-:80")).toEqual({ hostAddr: "127.0.0.1", hostPort: 8080, guestPort: 80 });
  expect(parseHostFwd("tcp::8080-10.0.2.15:22")).toEqual({ hostAddr: "127.0.0.1", hostPort: 8080, guestPort: 22 });
  expect(parseHostFwd("tcp:127.0.0.1:0-:80").hostPort).toBe(0);
});

test("hostfwd errors say what is wrong", () => {
  const err = (s: string) => { try { parseHostFwd(s); return ""; } catch (e) { expect(e).toBeInstanceOf(ForwardSpecError); return (e as Error).message; } };
  expect(err("8080:80")).toBe('--hostfwd "8080:80": expected tcp:[hostaddr]:hostport-[guestaddr]:guestport, e.g. tcp:127.0.0.1:8080-:80');
  expect(err("udp::53-:53")).toBe('--hostfwd "udp::53-:53": only tcp is forwarded (not udp)');
  expect(err("tcp::70000-:80")).toBe('--hostfwd "tcp::70000-:80": bad host port "70000"');
  expect(err("tcp::8080-:0")).toBe('--hostfwd "tcp::8080-:0": bad guest port "0"');
  expect(err("tcp::8080-10.0.2.16:80")).toBe('--hostfwd "tcp::8080-10.0.2.16:80": the guest address can only be 10.0.2.15 (or empty)');
  expect(err("tcp:300.1.1.1:8080-:80")).toBe('--hostfwd "tcp:300.1.1.1:8080-:80": bad host address "300.1.1.1"');
});

test("guestfwd: only 10.0.2.2 on the guest side; not over a built-in service", () => {
  expect(parseGuestFwd("tcp:10.0.2.2:5000-127.0.0.1:6000")).toEqual({ port: 5000, targetAddr: "127.0.0.1", targetPort: 6000 });
  expect(() => parseGuestFwd("tcp:10.0.2.3:53-127.0.0.1:53")).toThrow('--guestfwd "tcp:10.0.2.3:53-127.0.0.1:53": the guest side must be 10.0.2.2 (not "10.0.2.3")');
  expect(() => parseGuestFwd("tcp:10.0.2.2:x-127.0.0.1:1")).toThrow('bad port "x"');
  expect(() => parseGuestFwd("10.0.2.2:5000")).toThrow("expected tcp:10.0.2.2:port-hostaddr:port");
  expect(() => new Slirp().guestFwd("tcp:10.0.2.2:7-127.0.0.1:7")).toThrow("port 7 is a built-in service on 10.0.2.2");
});
