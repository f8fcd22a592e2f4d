// false: do nothing, unsuccessfully (exit 1). Arguments are ignored, as GNU false does, but a lone
// --help prints the usage (and, as GNU false, still exits 1).
// Usage: false [ignored command line arguments]
import { argc, arg, print, exit_group } from "../sdk";

if (argc() == 2 && arg(1) == "--help") print("Usage: false [ignored command line arguments]\n  or:  false OPTION\nExit with a status code indicating failure.\n");
exit_group(1);
