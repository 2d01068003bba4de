// Types for the two modules the components import that ship none, so `npm test`'s type
// check covers src/components too. Only what the course uses is declared.

declare module "observablehq:stdlib" {
  export function FileAttachment(name: string): { json(): Promise<any>; text(): Promise<string>; href: string };
}

declare module "@observablehq/inputs" {
  type Input<T> = HTMLElement & { value: T };
  interface Common {
    label?: string | Node;
    value?: unknown;
    disabled?: boolean;
    width?: number | string;
  }
  export function range(
    extent?: [number, number],
    options?: Common & { step?: number; format?: (x: number) => string; transform?: (x: number) => number; invert?: (x: number) => number },
  ): Input<number>;
  export function select<T>(data: Iterable<T>, options?: Common & { format?: (x: T) => string; multiple?: boolean }): Input<T>;
  export function radio<T>(data: Iterable<T>, options?: Common & { format?: (x: T) => string }): Input<T>;
  export function checkbox<T>(data: Iterable<T>, options?: Common & { format?: (x: T) => string }): Input<T[]>;
  export function toggle(options?: Common & { values?: [unknown, unknown] }): Input<boolean>;
  export function button(content?: string | Node, options?: Common & { reduce?: (value: any) => any }): Input<any>;
  export function number(extent?: [number, number], options?: Common & { step?: number }): Input<number>;
}
