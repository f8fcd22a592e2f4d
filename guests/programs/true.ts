// true: do nothing, successfully (exit 0). Arguments are ignored, as GNU true does.
// Usage: true
import { exit_group } from "../sdk";

exit_group(0);
