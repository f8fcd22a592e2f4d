// A post-order walk over an expression tree that lets the visitor replace any node.
// Interface: walk(root, enter, leave, inEvalOrder?) -> the new root. enter(expr) runs before a
// node's children (e.g. to refuse it); leave(expr) runs after them and returns the node or its
// replacement, which the walker stores into the parent's slot. inEvalOrder visits children in the
// order wasm evaluates them (children.ts evalSlots) rather than the slots' order. Iterative, so
// deeply nested code cannot overflow the stack.
import type binaryen from "binaryen";
import { evalSlots, slotsOf, type Slot } from "./children";

type Ref = binaryen.ExpressionRef;

interface Frame {
  expr: Ref;
  slots: Slot[];
  next: number;
}

export function walk(root: Ref, enter: (e: Ref) => void, leave: (e: Ref) => Ref, inEvalOrder = false): Ref {
  const open = (expr: Ref): Frame => { enter(expr); return { expr, slots: inEvalOrder ? evalSlots(expr) : slotsOf(expr), next: 0 }; };
  const stack: Frame[] = [open(root)];
  for (;;) {
    const top = stack[stack.length - 1];
    if (top.next < top.slots.length) {
      const child = top.slots[top.next].get();
      if (child) stack.push(open(child));
      else top.next++;
      continue;
    }
    const out = leave(top.expr);
    stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) return out;
    if (out !== top.expr) parent.slots[parent.next].set(out);
    parent.next++;
  }
}
