// true: do nothing, successfully (exit 0). Arguments are ignored, as GNU true does, but a lone
// --help prints the usage (still exit 0).
// Usage: true [ignored command line arguments]
import { argc, arg, print, exit_group } from "../sdk";

if (argc() == 2 && arg(1) == "--help") print("Usage: true [ignored command line arguments]\n  or:  true OPTION\nExit with a status code indicating success.\n");
exit_group(0);
