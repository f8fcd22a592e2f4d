// The child slots of every expression kind the translator can rewrite, read and written through
// binaryen's expression wrappers (binaryen.Block.getChildAt / setChildAt, binaryen.Load.getPtr ...).
// Interface: kindName(expr) -> "Load", "Block", ...; instructionName(expr) -> "i32.load", ...;
// hasSlots(kind); slotsOf(expr) -> Slot[]; evalSlots(expr) -> the same in the order wasm evaluates
// them (a br's value before its condition).
import binaryen from "binaryen";

type Ref = binaryen.ExpressionRef;
type Accessor = (expr: Ref, ...args: number[]) => number | string | void;

/** One place in a parent that holds a child expression (0 when an optional child is absent). */
export interface Slot {
  get(): Ref;
  set(child: Ref): void;
}

// Kind -> its child slots. "Value" is one child (getValue / setValue); "Operand[]" a list
// (getNumOperands / getOperandAt / setOperandAt). Kinds missing here are refused.
const SLOTS: Record<string, string[]> = {
  Nop: [], Unreachable: [], Const: [], LocalGet: [], GlobalGet: [], Pop: [],
  RefNull: [], RefFunc: [], Rethrow: [], TableSize: [], MemorySize: [],
  Block: ["Child[]"],
  If: ["Condition", "IfTrue", "IfFalse"],
  Loop: ["Body"],
  Break: ["Condition", "Value"],
  Switch: ["Condition", "Value"],
  Call: ["Operand[]"],                          // also return_call
  CallIndirect: ["Target", "Operand[]"],        // also return_call_indirect
  LocalSet: ["Value"], GlobalSet: ["Value"],
  Load: ["Ptr"], Store: ["Ptr", "Value"],
  Unary: ["Value"], Binary: ["Left", "Right"],
  Select: ["IfTrue", "IfFalse", "Condition"],
  Drop: ["Value"], Return: ["Value"],
  MemoryGrow: ["Delta"],
  MemoryCopy: ["Dest", "Source", "Size"], MemoryFill: ["Dest", "Value", "Size"],
  MemoryInit: ["Dest", "Offset", "Size"], DataDrop: [],
  RefIsNull: ["Value"], RefAs: ["Value"], RefEq: ["Left", "Right"],
  TableGet: ["Index"], TableSet: ["Index", "Value"], TableGrow: ["Value", "Delta"],
  Try: ["Body", "CatchBody[]"],
  Throw: ["Operand[]"],
  TupleMake: ["Operand[]"], TupleExtract: ["Tuple"],
};

const KIND_NAMES = new Map<number, string>();
for (const key of Object.keys(binaryen)) {
  const id = (binaryen as unknown as Record<string, unknown>)[key];
  if (key.endsWith("Id") && typeof id === "number") KIND_NAMES.set(id, key.slice(0, -2));
}

export function kindName(expr: Ref): string {
  const id = binaryen.getExpressionId(expr);
  return KIND_NAMES.get(id) ?? `#${id}`;
}

/** The instruction's text-format name, e.g. "i32x4.extract_lane" (for messages). */
export function instructionName(expr: Ref): string {
  const text = (accessor("Expression", "toText")(expr) as unknown as string) ?? "";
  return /^\(?\s*([^\s()]+)/.exec(text)?.[1] ?? kindName(expr);
}

export function hasSlots(kind: string): boolean {
  return kind in SLOTS;
}

/** binaryen.<kind>.<method>, checked to exist. */
export function accessor(kind: string, method: string): Accessor {
  const ns = (binaryen as unknown as Record<string, Record<string, Accessor> | undefined>)[kind];
  const fn = ns?.[method];
  if (!fn) throw new Error(`binaryen has no ${kind}.${method}`);
  return fn;
}

function plural(name: string): string {
  if (name === "Child") return "Children";
  return name.endsWith("y") ? `${name.slice(0, -1)}ies` : `${name}s`;
}

function single(expr: Ref, kind: string, name: string): Slot[] {
  const get = accessor(kind, `get${name}`), set = accessor(kind, `set${name}`);
  return [{ get: () => get(expr) as Ref, set: (c) => set(expr, c) }];
}

function list(expr: Ref, kind: string, name: string): Slot[] {
  const count = accessor(kind, `getNum${plural(name)}`)(expr) as number;
  const get = accessor(kind, `get${name}At`), set = accessor(kind, `set${name}At`);
  return Array.from({ length: count }, (_, i): Slot => ({ get: () => get(expr, i) as Ref, set: (c) => set(expr, i, c) }));
}

export function slotsOf(expr: Ref): Slot[] {
  const kind = kindName(expr);
  const names = SLOTS[kind];
  if (!names) throw new Error(`slotsOf: unsupported expression kind ${kind}`);
  return names.flatMap((n) => (n.endsWith("[]") ? list(expr, kind, n.slice(0, -2)) : single(expr, kind, n)));
}

/** The child slots in evaluation order: br, br_if and br_table evaluate their value first. */
export function evalSlots(expr: Ref): Slot[] {
  const slots = slotsOf(expr);
  const kind = kindName(expr);
  return kind === "Break" || kind === "Switch" ? slots.reverse() : slots;
}
