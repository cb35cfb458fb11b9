// The scaled clock (INTERLINK_TIME_SCALE) across restarts: it goes on from the time it had reached (a stopped
// host is a stopped clock) and never reads earlier than it did, nor earlier than the wall clock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scaledTimeline } from "../src/timeline";

const DAY = 86_400_000;
let stateDir: string;
beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "host-timeline-"));
});
afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

const saved = () => JSON.parse(readFileSync(path.join(stateDir, "clock.json"), "utf8")) as { scale: number; reached: number };

it("when the host starts on a new state directory, then the clock starts at the wall clock and saves what it reached when it stops", () => {
  const before = Date.now();
  const timeline = scaledTimeline(stateDir, 0.02);
  expect(timeline.clock.now()).toBeGreaterThanOrEqual(before);
  timeline.close();
  expect(saved().scale).toBe(0.02);
  expect(saved().reached).toBeGreaterThanOrEqual(before);
});

it("when the host restarts after its clock ran ahead, then the clock goes on from there (plus what a crash may have lost), never back", () => {
  const ahead = Date.now() + 3 * DAY; // three virtual days ahead of the wall clock when it stopped
  writeFileSync(path.join(stateDir, "clock.json"), JSON.stringify({ scale: 0.02, reached: ahead }));
  const timeline = scaledTimeline(stateDir, 0.02);
  const now = timeline.clock.now();
  timeline.close();
  expect(now).toBeGreaterThanOrEqual(ahead);
  expect(now).toBeLessThan(ahead + DAY); // not the days the host was stopped times fifty
});

it("when the saved time is behind the wall clock, then the clock starts at the wall clock; a new scale goes on from the time reached", () => {
  writeFileSync(path.join(stateDir, "clock.json"), JSON.stringify({ scale: 0.02, reached: Date.now() - 30 * DAY }));
  const before = Date.now();
  const timeline = scaledTimeline(stateDir, 0.02);
  expect(timeline.clock.now()).toBeGreaterThanOrEqual(before);
  expect(timeline.clock.now()).toBeLessThan(before + DAY);
  timeline.close();
  const reached = Date.now() + 3 * DAY;
  writeFileSync(path.join(stateDir, "clock.json"), JSON.stringify({ scale: 0.5, reached }));
  const other = scaledTimeline(stateDir, 0.02);
  expect(other.clock.now()).toBeGreaterThanOrEqual(reached);
  other.close();
});
