// date against the host's GNU date (LC_ALL=C, TZ=UTC): fixed times given with -d @SECONDS in the
// default format and with each +FORMAT conversion, before and after the Epoch and across leap
// years; the messages of a bad date. Without -d the guest prints its own clock (the Epoch at boot).
import { afterAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const fx = gnuFixture({});
afterAll(() => fx.cleanup());

function both(args: string[]) {
  const h = spawnSync("date", args, { encoding: "utf8", env: { LC_ALL: "C", TZ: "UTC", PATH: process.env.PATH } });
  return { host: { status: h.status, stdout: h.stdout, stderr: h.stderr }, guest: cli("run", "--disk", fx.img, "/bin/date", ...args) };
}

const ALL = "+%a %A %b %B %c %C %d %D %e %F %H %I %j %k %l %m %M %p %r %R %s %S %T %u %w %y %Y %z %Z %% %h|%n|%t|";
const times = ["0", "1700000000", "951782400", "951868799", "-86401", "4102444800", "1234567890", "1709251199", "68169600"];
const cases: string[][] = [
  ...times.map((t) => ["-u", "-d", `@${t}`]),
  ...times.map((t) => ["-d", `@${t}`, ALL]),
  ["-u", "-d", "@1700000000", "+%Y-%m-%dT%H:%M:%S"], ["-d", "@5", "+plain text"], ["-d", "yesterday-ish"], ["-d", "@x"],
  ["-d", "@1", "+%s", "+%s"], ["-q"],
];

describe.skipIf(!hasTool("date"))("date as GNU date", () => {
  test.each(cases.map((a) => [a.join(" "), a] as const))("date %s", (_n, args) => {
    const { host, guest } = both(args);
    expect(guest).toEqual(host);
  });
});

test("date without -d prints the guest's clock: the Epoch at boot", () => {
  expect(cli("run", "--disk", fx.img, "/bin/date", "-u")).toEqual({ status: 0, stdout: "Thu Jan  1 00:00:00 UTC 1970\n", stderr: "" });
});
