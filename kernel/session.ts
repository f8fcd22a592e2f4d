// Process groups and sessions (Linux's kernel/sys.c setpgid, getpgid, setsid, getsid). Each
// process has a process group (Proc.pgid) and a session (Proc.sid), both inherited across fork; a
// process the host starts leads its own group and session. A group is named by the pid of its
// leader and lives while any process is in it (a new pid never names a live group: proc.ts).
// The terminal's side (controlling terminal, foreground group): tty.ts.
// Interface: the table's entries (syscall.ts): sys_setpgid, sys_getpgid, sys_setsid, sys_getsid;
// groupInSession(pgid, sid) -> bool, isGroupLeader(p).
import { Errno } from "./abi/errno";
import { curProc } from "./cpu";
import { Proc, procSlots, procAt, procByPid, UNUSED, ZOMBIE } from "./proc";

export function sys_setpgid(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return setpgid(curProc(), <i32>a0, <i32>a1);
}
export function sys_getpgid(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const t = target(curProc(), <i32>a0);
  return t ? <i64>t.pgid : -Errno.ESRCH;
}
export function sys_getsid(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const t = target(curProc(), <i32>a0);
  return t ? <i64>t.sid : -Errno.ESRCH;
}
export function sys_setsid(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return setsid(curProc());
}

// pid 0 is the caller; a zombie still has its group and session (Linux finds it too).
function target(p: Proc, pid: i32): Proc | null {
  if (pid < 0) return null;
  if (pid == 0) return p;
  const t = procByPid(<u32>pid);
  return t && t.state != UNUSED ? t : null;
}

// Is some process of session `sid` in group `pgid`?
export function groupInSession(pgid: u32, sid: u32): bool {
  for (let i = 0; i < procSlots(); i++) {
    const q = procAt(i);
    if (!q) continue;
    if (q.state != UNUSED && q.state != ZOMBIE && q.pgid == pgid && q.sid == sid) return true;
  }
  return false;
}

// Does some process use p's pid as its group (p leads a group, or did)?
export function isGroupLeader(p: Proc): bool {
  for (let i = 0; i < procSlots(); i++) {
    const q = procAt(i);
    if (!q) continue;
    if (q.state != UNUSED && q.pgid == p.pid) return true;
  }
  return false;
}

// setpgid(pid, pgid): the caller or a child of it, in the caller's session, not a session leader,
// joins group pgid of that session (or a new one named after it when pgid == pid or 0).
function setpgid(p: Proc, pid: i32, pgid: i32): i64 {
  if (pgid < 0) return -Errno.EINVAL;
  const t = pid == 0 ? p : procByPid(<u32>max(pid, 0));
  if (!t || t.state == UNUSED || (t != p && t.ppid != p.pid)) return -Errno.ESRCH;
  if (t != p && t.sid != p.sid) return -Errno.EPERM;         // a child in another session
  if (t != p && t.execed != 0) return -Errno.EACCES;         // a child after execve
  if (t.sid == t.pid) return -Errno.EPERM;                   // a session leader
  const g: u32 = pgid == 0 ? t.pid : <u32>pgid;
  if (g != t.pid && !groupInSession(g, p.sid)) return -Errno.EPERM;
  t.pgid = g;
  return 0;
}

// setsid(): a new session and group named after the caller, with no controlling terminal; not for
// a group leader (its group would end up in two sessions).
function setsid(p: Proc): i64 {
  if (isGroupLeader(p)) return -Errno.EPERM;
  p.sid = p.pid;
  p.pgid = p.pid;
  return p.sid;
}
