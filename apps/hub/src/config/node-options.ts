/**
 * V8 options the hub process starts with, wherever it is started (`npm run start:hub`, compose, the
 * demo and the test harness use these; docs/decisions/0009). Under a burst V8 otherwise lets the old
 * generation grow with promoted garbage to some 280 MB; with this limit it collects sooner and the
 * hub stays under 200 MB. The hub's live heap is about 60 MB and its batches are bounded in bytes
 * (inbound.consumer.ts), so the limit leaves it three times what it holds.
 */
export const HUB_NODE_OPTIONS: readonly string[] = ['--max-old-space-size=192'];
