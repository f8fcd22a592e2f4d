// Terminal ioctls and struct termios, as Linux defines them (asm-generic/ioctls.h, asm-generic/
// termbits.h, the kernel's own struct termios that TCGETS/TCSETS copy, not libc's larger one).
// The kernel's tty (kernel/tty.ts), the guest SDK (guests/sdk/uapi/termios.ts) and the host import
// them from here.
//
//   struct termios (TERMIOS_SIZE = 36 bytes)        struct winsize (WINSIZE_SIZE = 8 bytes)
//   +---------+---------+---------+---------+------+------------+   +--------+--------+---------+---------+
//   | c_iflag | c_oflag | c_cflag | c_lflag | line | c_cc[NCCS] |   | ws_row | ws_col | xpixel  | ypixel  |
//   | u32     | u32     | u32     | u32     | u8   | u8 x 19    |   | u16    | u16    | u16     | u16     |
//   +---------+---------+---------+---------+------+------------+   +--------+--------+---------+---------+
//
// Interface: the ioctl request numbers (TCGETS...), the record offsets (C_IFLAG...), the c_cc
// indices (VINTR...), the flag bits of each word (ICRNL..., OPOST..., ISIG...) and Linux's default
// settings of a new terminal (tty_std_termios: TTYDEF_*), DEFAULT_ROWS/COLS.

// ioctl requests
export const TCGETS: u32 = 0x5401;       // get struct termios
export const TCSETS: u32 = 0x5402;       // set it now
export const TCSETSW: u32 = 0x5403;      // set it when the output is drained
export const TCSETSF: u32 = 0x5404;      // ... and flush pending input
export const TIOCSCTTY: u32 = 0x540e;    // make this terminal the caller's controlling terminal
export const TIOCGPGRP: u32 = 0x540f;    // the foreground process group
export const TIOCSPGRP: u32 = 0x5410;    // set the foreground process group
export const TIOCGWINSZ: u32 = 0x5413;   // get struct winsize
export const TIOCSWINSZ: u32 = 0x5414;   // set it (SIGWINCH to the foreground group)
export const FIONREAD: u32 = 0x541b;     // bytes a read would get now (int)
export const TIOCNOTTY: u32 = 0x5422;    // give up the controlling terminal
export const TIOCGSID: u32 = 0x5429;     // the session the terminal belongs to

// struct termios
export const NCCS: u32 = 19;
export const C_IFLAG: u32 = 0;
export const C_OFLAG: u32 = 4;
export const C_CFLAG: u32 = 8;
export const C_LFLAG: u32 = 12;
export const C_LINE: u32 = 16;
export const C_CC: u32 = 17;
export const TERMIOS_SIZE: u32 = 36;     // C_CC + NCCS

// struct winsize
export const WS_ROW: u32 = 0;
export const WS_COL: u32 = 2;
export const WINSIZE_SIZE: u32 = 8;

// c_cc indices
export const VINTR: u32 = 0;
export const VQUIT: u32 = 1;
export const VERASE: u32 = 2;
export const VKILL: u32 = 3;
export const VEOF: u32 = 4;
export const VTIME: u32 = 5;
export const VMIN: u32 = 6;
export const VSWTC: u32 = 7;
export const VSTART: u32 = 8;
export const VSTOP: u32 = 9;
export const VSUSP: u32 = 10;
export const VEOL: u32 = 11;
export const VREPRINT: u32 = 12;
export const VDISCARD: u32 = 13;
export const VWERASE: u32 = 14;
export const VLNEXT: u32 = 15;
export const VEOL2: u32 = 16;
export const POSIX_VDISABLE: u8 = 0;     // a c_cc entry of 0 is disabled

// c_iflag
export const IGNBRK: u32 = 0x1;
export const BRKINT: u32 = 0x2;
export const ISTRIP: u32 = 0x20;         // strip the eighth bit
export const INLCR: u32 = 0x40;          // NL -> CR on input
export const IGNCR: u32 = 0x80;          // drop CR on input
export const ICRNL: u32 = 0x100;         // CR -> NL on input
export const IXON: u32 = 0x400;
export const IMAXBEL: u32 = 0x2000;
export const IUTF8: u32 = 0x4000;

// c_oflag
export const OPOST: u32 = 0x1;           // output processing
export const ONLCR: u32 = 0x4;           // NL -> CR NL on output

// c_cflag
export const B38400: u32 = 0xf;
export const CS8: u32 = 0x30;
export const CREAD: u32 = 0x80;
export const HUPCL: u32 = 0x400;

// c_lflag
export const ISIG: u32 = 0x1;            // INTR, QUIT, SUSP send signals
export const ICANON: u32 = 0x2;          // canonical mode: line editing, reads by line
export const ECHO: u32 = 0x8;
export const ECHOE: u32 = 0x10;          // ERASE erases the character on the screen
export const ECHOK: u32 = 0x20;          // KILL: a newline after the echoed KILL character
export const ECHONL: u32 = 0x40;         // echo NL even without ECHO
export const NOFLSH: u32 = 0x80;         // no flush of the input on INTR, QUIT, SUSP
export const TOSTOP: u32 = 0x100;
export const ECHOCTL: u32 = 0x200;       // control characters echo as ^X
export const ECHOKE: u32 = 0x800;        // KILL erases the line on the screen
export const IEXTEN: u32 = 0x8000;       // WERASE, LNEXT...

// Linux's settings of a new terminal (drivers/tty/tty_io.c tty_std_termios, INIT_C_CC).
export const TTYDEF_IFLAG: u32 = ICRNL | IXON;
export const TTYDEF_OFLAG: u32 = OPOST | ONLCR;
export const TTYDEF_CFLAG: u32 = B38400 | CS8 | CREAD | HUPCL;
export const TTYDEF_LFLAG: u32 = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
export const CINTR: u8 = 0x03;           // ^C
export const CQUIT: u8 = 0x1c;           // ^\
export const CERASE: u8 = 0x7f;          // DEL
export const CKILL: u8 = 0x15;           // ^U
export const CEOF: u8 = 0x04;            // ^D
export const CSTART: u8 = 0x11;          // ^Q
export const CSTOP: u8 = 0x13;           // ^S
export const CSUSP: u8 = 0x1a;           // ^Z
export const CREPRINT: u8 = 0x12;        // ^R
export const CDISCARD: u8 = 0x0f;        // ^O
export const CWERASE: u8 = 0x17;         // ^W
export const CLNEXT: u8 = 0x16;          // ^V
export const CMIN: u8 = 1;
export const CTIME: u8 = 0;

// The size a terminal reports before the host tells its own (a VT100's).
export const DEFAULT_ROWS: u32 = 24;
export const DEFAULT_COLS: u32 = 80;
