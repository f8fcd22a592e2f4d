// [: test under its other name (guests/programs/test.ts, which checks argv[0]); the last argument
// must be "]". Usage: [ EXPRESSION ]
import "./test";
