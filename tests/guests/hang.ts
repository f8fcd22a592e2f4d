// Test guest for hung tasks: each MODE ends with every process asleep and nothing that could wake
// any of them. Each process prints "pid N ROLE" before it sleeps.
//   self    read its own empty pipe while it holds the write end                 (pipe_read)
//   pair    parent and child each read a pipe only the other could write to      (pipe_read x2)
//   child   the child reads an empty pipe the parent holds open; the parent waits
//           for the child in wait4                                                (do_wait, pipe_read)
//   full    fill its own pipe, then write one more byte with nobody reading      (pipe_write)
//   accept  accept on a listening socket nobody connects to                      (inet_csk_accept)
//   stop    stop itself with SIGSTOP: nobody is left to send SIGCONT             (do_signal_stop)
// Usage: hang MODE. Exit 1 if a call fails (never 0: it never wakes).
import { arg, pipe2, read, write, fork, waitpid, getpid, print, eprint, exit_group, socket, bind, listen, accept,
  setSockaddrIn, fcntl, kill, Sig, AF_INET, SOCK_STREAM, INADDR_ANY, O_NONBLOCK, F_SETFL } from "../../guests/sdk";

const fds = memory.data(16);
const buf = memory.data(4096, 4096);
const st = memory.data(4);
const sa = memory.data(16);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("hang: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}
function say(role: string): void { print("pid " + getpid().toString() + " " + role + "\n"); }
function mkpipe(at: usize): void { check("pipe2", pipe2(fds + at, 0)); }

function self(): void {
  mkpipe(0);
  say("reader");
  read(load<i32>(fds), buf, 1);
}

function pair(): void {
  mkpipe(0); mkpipe(8);                       // a = fds[0..1], b = fds[2..3]; both ends kept everywhere
  const pid = check("fork", fork());
  if (pid == 0) { say("child"); read(load<i32>(fds + 8), buf, 1); exit_group(1); }
  say("parent");
  read(load<i32>(fds), buf, 1);
}

function child(): void {
  mkpipe(0);
  const pid = check("fork", fork());
  if (pid == 0) { say("child"); read(load<i32>(fds), buf, 1); exit_group(1); }
  say("parent");
  waitpid(<i32>pid, st, 0);
}

function full(): void {
  mkpipe(0);
  const w = load<i32>(fds + 4);
  check("fcntl", fcntl(w, F_SETFL, O_NONBLOCK));
  while (write(w, buf, 4096) > 0) {}           // until EAGAIN: the pipe is full
  check("fcntl", fcntl(w, F_SETFL, 0));
  say("writer");
  write(w, buf, 1);
}

function acceptor(): void {
  const l = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
  setSockaddrIn(sa, INADDR_ANY, 7777);
  check("bind", bind(l, sa, 16));
  check("listen", listen(l, 4));
  say("acceptor");
  accept(l);
}

const mode = arg(1);
if (mode == "self") self();
else if (mode == "pair") pair();
else if (mode == "child") child();
else if (mode == "full") full();
else if (mode == "accept") acceptor();
else if (mode == "stop") { say("stopped"); kill(<i32>getpid(), Sig.SIGSTOP); }
else eprint("hang: unknown mode " + mode + "\n");
exit_group(1);
