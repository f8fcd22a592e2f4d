// /proc/PID/wchan names what a process sleeps in, as Linux's does (the kernel function's name, no
// newline), and reads "0" for a process that is running: the shell waits in do_wait, a sleeper in
// hrtimer_nanosleep, a reader of an empty pipe in pipe_read.
import { expect, it } from "vitest";
import { cli } from "./helpers/cli";

it("a running reader, a sleeper, a waiting shell", () => {
  const r = cli("run", "/bin/sh", "-c",
    "cat /proc/self/wchan; echo; sleep 1 & cat /proc/$!/wchan; echo; cat /proc/$$/wchan; echo; wait");
  expect(r.status).toBe(0);
  expect(r.stdout).toBe("0\nhrtimer_nanosleep\ndo_wait\n");
});

it("a reader blocked on an empty pipe sleeps in pipe_read; an exited process's file is gone", () => {
  // The shell runs a background pipeline under a shell of its own, so cat's pid comes from ps.
  const r = cli("run", "/bin/sh", "-c",
    "sleep 2 | cat & sleep 1; pid=$(ps | grep ' cat$' | cut -c1-5 | tr -d ' '); cat /proc/$pid/wchan; echo; wait; cat /proc/$pid/wchan");
  expect(r.stdout).toBe("pipe_read\n");
  expect(r.stderr).toMatch(/^cat: \/proc\/\d+\/wchan: No such file or directory\n$/);
});
