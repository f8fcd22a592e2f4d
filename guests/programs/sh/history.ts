// The command history of an interactive shell at a terminal: the lines the line editor returned
// (edit.ts), oldest first, numbered from 1 as `history` lists them. Kept in $HISTFILE, or
// ~/.sh_history when HOME is set: loaded when the shell starts, each new line appended.
//
// Interface: loadHistory() at start; addHistory(line); historyLength(); historyAt(i) (0 oldest);
// historyCmd(argv) -> status: `history [N]` lists the last N entries (all by default) as
// "%5d  line".
import { open, close, writeString, print, O_WRONLY, O_CREAT, O_APPEND, O_CLOEXEC } from "../../sdk";
import { getVar, err } from "./vars";
import { readFile } from "./run";
import { isNumber } from "./signames";

const MAX_ENTRIES = 1000;               // the oldest entries beyond this are dropped
const NUMBER_WIDTH = 5;                 // `history` numbers, right-aligned (bash's "%5d  ")
const FILE_MODE = 0o600;

const entries = new Array<string>();
let dropped = 0;                        // entries dropped from the front (numbering goes on)

function historyFile(): string {
  const f = getVar("HISTFILE");
  if (f !== null) return f;
  const home = getVar("HOME");
  return home === null || home.length == 0 ? "" : home + "/.sh_history";
}

function remember(line: string): void {
  entries.push(line);
  if (entries.length > MAX_ENTRIES) { entries.shift(); dropped++; }
}

export function loadHistory(): void {
  const path = historyFile();
  if (path.length == 0) return;
  const text = readFile(path);
  if (text === null) return;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) if (lines[i].trim().length > 0) remember(lines[i]);
}

/** Remember a line (without its newline) and append it to the history file; blank lines are not kept. */
export function addHistory(line: string): void {
  if (line.trim().length == 0) return;
  remember(line);
  const path = historyFile();
  if (path.length == 0) return;
  const fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, FILE_MODE);
  if (fd < 0) return;
  writeString(<i32>fd, line + "\n");
  close(<i32>fd);
}

export function historyLength(): i32 { return entries.length; }
export function historyAt(i: i32): string { return entries[i]; }

export function historyCmd(argv: string[]): i32 {
  let from = 0;
  if (argv.length > 1) {
    if (!isNumber(argv[1])) { err("history: Illegal number: " + argv[1]); return 2; }
    const n = argv[1].length > 9 ? entries.length : I32.parseInt(argv[1]);
    from = n >= entries.length ? 0 : entries.length - n;
  }
  for (let i = from; i < entries.length; i++) {
    print((i + 1 + dropped).toString().padStart(NUMBER_WIDTH) + "  " + entries[i] + "\n");
  }
  return 0;
}
