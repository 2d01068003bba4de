/** Global names that lead out of a learner's sandbox in Node or a browser: each is a trap there (touching it is a "not allowed" attempt). */
export const TRAPPED_GLOBALS = [
  "process",
  "Buffer",
  "global",
  "require",
  "module",
  "fetch",
  "WebSocket",
  "XMLHttpRequest",
  "EventSource",
  "importScripts",
  "Deno",
  "Bun",
  "setImmediate",
];
