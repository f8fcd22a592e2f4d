// The exit codes of `wasmos run` that are not the program's own, and the usage error of every
// subcommand. Apart from host/run.ts so the command line can name them without loading a machine.
// Interface: EXIT_PANIC, EXIT_INTERRUPT, EXIT_TIMEOUT, EXIT_HUNG, EXIT_CANNOT_RUN, EXIT_NOT_FOUND, EXIT_USAGE.

/** Exit code when the kernel panicked (the machine stopped; "wasmos: kernel panic: ..." on stderr). */
export const EXIT_PANIC = 125;
/** Exit code when Ctrl-C on the terminal ended the machine (128 + SIGINT, as a shell reports it). */
export const EXIT_INTERRUPT = 130;
/** Exit code when --timeout ran out (as timeout(1)). */
export const EXIT_TIMEOUT = 124;
/** Exit code when every process slept with nothing that could wake it (hung tasks, reported on stderr,
 *  then killed): not 128 + a signal, not a status of timeout(1) or a shell. */
export const EXIT_HUNG = 123;
/** Exit codes when the program cannot be run, as a shell's: found but not runnable, and not found. */
export const EXIT_CANNOT_RUN = 126;
export const EXIT_NOT_FOUND = 127;
/** Exit code of a usage error (a bad option or value), as for other Unix tools. */
export const EXIT_USAGE = 2;
