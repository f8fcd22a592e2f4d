// false: do nothing, unsuccessfully (exit 1). Arguments are ignored, as GNU false does.
// Usage: false
import { exit_group } from "../sdk";

exit_group(1);
