/* execve's refusals: missing files, directories, non-executable files, a path through a file. */
#include "check.h"

int exec_main(void) {
  enter("exec");
  char *argv[] = { "x", 0 };
  char *envp[] = { 0 };
  T(execve("missing", argv, envp));
  T(execve(".", argv, envp));
  put("plain", "not a program");
  T(execve("plain", argv, envp));
  T(execve("plain/x", argv, envp));
  T(execve("", argv, envp));
  return 0;
}
