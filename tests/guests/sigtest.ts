// Test guest for signals (kernel/signal.ts): each mode prints "name value" lines that
// tests/signal.*.test.ts compare. Modes: handler, pipe, restart, mask, suspend, group, chld, stop,
// sleep, loop, ppoll, flags, die SIG (the default action of SIG on itself), sock.
import { print, exit_group, errnoName, arg, pipe2, read, write, close, fork, waitpid, getpid, kill, sleepMs,
  sigaction, sigignore, sigprocmask, sigpending, sigsuspend, pause, raise, alarm, sigbit, nanosleep, setitimer,
  SIG_BLOCK, SIG_UNBLOCK, SA_RESTART, SA_RESETHAND, SA_NODEFER, ppoll, ITIMER_REAL, Sig, socket, connect, send, shutdown, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, SHUT_WR } from "../../guests/sdk";
import { WUNTRACED, WCONTINUED } from "../../kernel/abi/wait";
import { PORT_ECHO } from "../../kernel/abi/net";

const fds = memory.data(8);
const buf = memory.data(64);
const st = memory.data(4);
let got = 0;
let lastSig = 0;

function out(name: string, v: string): void { print(name + " " + v + "\n"); }
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function onSig(sig: i32): void { got++; lastSig = sig; }
function onSigWrite(sig: i32): void { got++; print("handler " + sig.toString() + "\n"); }
let depth = 0;
let trail = "";
function onNest(sig: i32): void {
  depth++;
  trail += "<" + depth.toString();
  if (trail.length < 4) raise(sig);
  trail += ">";
  depth--;
}
function status(): string { return "0x" + load<i32>(st).toString(16); }

const mode = arg(1);

if (mode == "handler") {
  out("sigaction", res(sigaction(Sig.SIGUSR1, onSigWrite)));
  out("raise", res(raise(Sig.SIGUSR1)));
  out("after", got.toString());
  out("kill-self", res(kill(<i32>getpid(), Sig.SIGUSR1)) + " " + got.toString());
} else if (mode == "pipe") {
  sigignore(Sig.SIGPIPE);
  pipe2(fds, 0);
  close(load<i32>(fds));
  out("write", res(write(load<i32>(fds + 4), buf, 4)));
  sigaction(Sig.SIGPIPE, onSig);
  out("write-handled", res(write(load<i32>(fds + 4), buf, 4)) + " " + got.toString() + " " + lastSig.toString());
  out("alive", "yes");
} else if (mode == "sock") {
  sigignore(Sig.SIGPIPE);
  const c = <i32>socket(AF_INET, SOCK_STREAM, 0);
  setSockaddrIn(buf, ipv4(10, 0, 2, 2), <u16>PORT_ECHO);
  out("connect", res(connect(c, buf, 16)));
  shutdown(c, SHUT_WR);
  out("send", res(send(c, buf + 32, 4)));
  out("alive", "yes");
} else if (mode == "restart") {
  pipe2(fds, 0);
  const r = load<i32>(fds), w = load<i32>(fds + 4);
  if (fork() == 0) { sleepMs(3000); write(w, buf, 3); sleepMs(2000); write(w, buf, 2); exit_group(0); }
  sigaction(Sig.SIGALRM, onSig);
  alarm(1);
  out("read-eintr", res(read(r, buf, 16)) + " " + got.toString());
  sigaction(Sig.SIGALRM, onSig, SA_RESTART);
  alarm(1);
  out("read-restart", res(read(r, buf, 16)) + " " + got.toString());
  out("alarm-left", res(alarm(5)) + " " + res(alarm(0)));
  out("read-last", res(read(r, buf, 16)));
  waitpid(-1, st, 0);
} else if (mode == "mask") {
  sigaction(Sig.SIGUSR1, onSig);
  out("block", res(sigprocmask(SIG_BLOCK, sigbit(Sig.SIGUSR1))));
  raise(Sig.SIGUSR1);
  out("blocked", got.toString() + " pending=" + res(sigpending()));
  out("unblock", res(sigprocmask(SIG_UNBLOCK, sigbit(Sig.SIGUSR1))) + " " + got.toString());
  out("pending-after", res(sigpending()));
} else if (mode == "suspend") {
  sigaction(Sig.SIGALRM, onSig);
  sigprocmask(SIG_BLOCK, sigbit(Sig.SIGALRM));
  alarm(1);
  sleepMs(1500);
  out("before", got.toString() + " pending=" + res(sigpending()));
  out("sigsuspend", res(sigsuspend(0)) + " " + got.toString());
  out("mask-back", res(sigprocmask(SIG_BLOCK, 0)));
  setitimer(ITIMER_REAL, 200000, 0);
  sigprocmask(SIG_UNBLOCK, sigbit(Sig.SIGALRM));
  out("pause", res(pause()) + " " + got.toString());
} else if (mode == "group") {
  sigignore(Sig.SIGUSR2);
  pipe2(fds, 0);
  for (let i = 0; i < 2; i++) {
    if (fork() == 0) {
      sigaction(Sig.SIGUSR2, onSig);
      write(load<i32>(fds + 4), buf, 1);
      while (got == 0) pause();
      exit_group(40 + got);
    }
  }
  read(load<i32>(fds), buf, 1); read(load<i32>(fds), buf, 1);
  out("kill-group", res(kill(0, Sig.SIGUSR2)));
  for (let i = 0; i < 2; i++) { waitpid(-1, st, 0); out("child", status()); }
  out("kill-nogroup", res(kill(-999, Sig.SIGUSR2)));
} else if (mode == "chld") {
  sigaction(Sig.SIGCHLD, onSig);
  const pid = fork();
  if (pid == 0) exit_group(3);
  out("wait", (waitpid(<i32>pid, st, 0) == pid ? "child" : "?") + " " + status());
  out("sigchld", got.toString() + " " + lastSig.toString());
} else if (mode == "stop") {
  const pid = <i32>fork();
  if (pid == 0) { for (;;) sleepMs(100); }
  out("stop", res(kill(pid, Sig.SIGSTOP)));
  out("wait-stopped", res(waitpid(pid, st, WUNTRACED) - pid) + " " + status());
  out("cont", res(kill(pid, Sig.SIGCONT)));
  out("wait-continued", res(waitpid(pid, st, WCONTINUED) - pid) + " " + status());
  kill(pid, Sig.SIGTERM);
  out("wait-term", res(waitpid(pid, st, 0) - pid) + " " + status());
} else if (mode == "sleep") {
  sigaction(Sig.SIGALRM, onSig);
  alarm(1);
  store<i64>(buf, 5); store<i64>(buf + 8, 0);
  out("nanosleep", res(nanosleep(buf, buf + 16)) + " " + got.toString() + " rem=" + load<i64>(buf + 16).toString());
} else if (mode == "loop") {
  sigaction(Sig.SIGALRM, onSig);
  alarm(1);
  let n: i64 = 0;
  while (got == 0) n++;
  out("loop", (n > 0 ? "ran" : "no") + " " + got.toString());
} else if (mode == "ppoll") {
  // SIGALRM blocked, but ppoll's mask lets it through: EINTR after the handler, the time left
  // written back, the mask blocked again afterwards. Then a ppoll with data ready keeps the mask.
  sigaction(Sig.SIGALRM, onSig);
  sigprocmask(SIG_BLOCK, sigbit(Sig.SIGALRM));
  pipe2(fds, 0);
  store<i32>(buf, load<i32>(fds)); store<i16>(buf + 4, 1); store<i16>(buf + 6, 0);
  store<i64>(buf + 16, 5); store<i64>(buf + 24, 0);
  store<u64>(buf + 32, 0);
  alarm(1);
  out("ppoll", res(ppoll(buf, 1, buf + 16, buf + 32)) + " " + got.toString() + " left=" + load<i64>(buf + 16).toString());
  out("mask-after", res(sigprocmask(SIG_BLOCK, 0)));
} else if (mode == "flags") {
  // SA_RESETHAND: the second SIGURG finds SIG_DFL (ignore). SA_NODEFER: a handler that raises its
  // own signal is entered again at once (depth 2); without it the second waits for the first.
  sigaction(Sig.SIGURG, onSig, SA_RESETHAND);
  raise(Sig.SIGURG); raise(Sig.SIGURG);
  out("resethand", got.toString());
  sigaction(Sig.SIGUSR1, onNest, SA_NODEFER);
  raise(Sig.SIGUSR1);
  out("nodefer", trail);
  trail = "";
  sigaction(Sig.SIGUSR1, onNest, 0);
  raise(Sig.SIGUSR1);
  out("defer", trail);
} else if (mode == "die") {
  const sig = I32.parseInt(arg(2));
  raise(sig);
  out("survived", sig.toString());
}
exit_group(0);
