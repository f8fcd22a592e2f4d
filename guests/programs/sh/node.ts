// The parsed form of shell commands: a tree of Nodes (kind says which fields are used) and the
// redirections attached to commands. Words stay in their source form (quotes included) and are
// expanded when the command runs.
//
// Interface: enum N (node kinds), Node, enum R (redirection operators), Redir.
export enum N {
  SIMPLE,     // assigns, words, redirs
  PIPE,       // kids: the commands; bang: `!` inverts the status
  AND,        // kids[0] && kids[1]
  OR,         // kids[0] || kids[1]
  LIST,       // kids, each run in turn; async[i]: kids[i] ended with '&'
  SUBSHELL,   // ( kids[0] )
  GROUP,      // { kids[0]; }
  IF,         // kids: cond, then, [cond, then]..., [else]
  WHILE,      // kids: cond, body
  UNTIL,      // kids: cond, body
  FOR,        // name, words (hasIn: an `in` list was given), kids[0] the body
  CASE,       // words[0] the subject; patterns[i] for kids[i]
  FUNC,       // name, kids[0] the body
}

export enum R {
  IN,         // <
  OUT,        // >   (and >|)
  APPEND,     // >>
  DUPIN,      // <&
  DUPOUT,     // >&
  RDWR,       // <>
  HEREDOC,    // << and <<-
}

export class Redir {
  fd: i32;
  op: R;
  target: string = "";        // the word (a here-document's delimiter)
  body: string = "";          // a here-document's text
  quoted: bool = false;       // a here-document whose delimiter was quoted: no expansion
  strip: bool = false;        // <<- removes leading tabs
  constructor(fd: i32, op: R) { this.fd = fd; this.op = op; }
}

export class Node {
  kind: N;
  line: i32;
  kids: Node[] = [];
  async: bool[] = [];
  words: string[] = [];
  assigns: string[] = [];
  redirs: Redir[] = [];
  patterns: string[][] = [];
  name: string = "";
  hasIn: bool = false;
  bang: bool = false;
  text: string = "";          // source text (for `jobs`)
  constructor(kind: N, line: i32) { this.kind = kind; this.line = line; }
}
