// Test guest: execve(argv[1], argv[1..]); if execve returns, print its errno and exit 3.
import { argc, arg, execv, print, errnoName, exit_group } from "../../guests/sdk";

const args = new Array<string>();
for (let i = 1; i < argc(); i++) args.push(arg(i));
const r = execv(arg(1), args, ["WHO=execer"]);
print("execve: " + errnoName(<i32>-r) + "\n");
exit_group(3);
