// `wasmos run`: the guest's output goes to stdout, its exit status becomes the command's (128 + N
// when killed by signal N), a program that cannot be loaded exits 126 with a message (127: there is none).
import { expect, test } from "vitest";
import { cli } from "./helpers/cli";

test("hello-wat: its output, and its exit status 7", () => {
  expect(cli("run", "dist/demos/hello-wat.wasm")).toMatchInlineSnapshot(`
    {
      "status": 7,
      "stderr": "",
      "stdout": "hello from wat
    ",
    }
  `);
});

test("hello passes its arguments through", () => {
  expect(cli("run", "dist/demos/hello.wasm", "one", "two words", "--three")).toMatchInlineSnapshot(`
    {
      "status": 0,
      "stderr": "",
      "stdout": "hello, world
    argv[1]=one
    argv[2]=two words
    argv[3]=--three
    ",
    }
  `);
});

test("fault: killed by SIGSEGV, exit status 139", () => {
  expect(cli("run", "dist/demos/fault.wasm")).toMatchInlineSnapshot(`
    {
      "status": 139,
      "stderr": "",
      "stdout": "",
    }
  `);
});

test("a missing program: exit status 127 (as a shell's 'not found') and 'no such file'", () => {
  expect(cli("run", "dist/guests/no-such-program.wasm")).toMatchInlineSnapshot(`
    {
      "status": 127,
      "stderr": "wasmos: dist/guests/no-such-program.wasm: no such file
    ",
      "stdout": "",
    }
  `);
});
