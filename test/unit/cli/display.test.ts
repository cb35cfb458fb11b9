import { createDisplay } from "../../../cli/live/display";

function output(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), isTTY, ...(columns ? { columns } : {}) } };
}

const step = (id: string, status: string, extra: Record<string, string> = {}) => ({ id, title: id, status: status as "pending", ...extra });

describe("the progress display", () => {
  it("when on a terminal, then each poll redraws the whole table in place, a running step counting its elapsed time", () => {
    let now = 0;
    const { writes, stream } = output(true);
    const display = createDisplay(stream, () => now);
    display.update({ name: "erp-db-link", operation: "setup", state: "Provisioning", steps: [step("preflight", "running"), step("circuit", "pending")] });
    now = 65_000;
    display.update({
      name: "erp-db-link",
      operation: "setup",
      state: "Provisioning",
      steps: [step("preflight", "succeeded", { startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-01T00:00:02Z", detail: "ok" }), step("circuit", "running", { detail: "creating" })],
    });
    now = 95_000;
    display.update({ name: "erp-db-link", operation: "setup", state: "Provisioning", steps: [step("preflight", "succeeded"), step("circuit", "running", { detail: "creating" })] });
    expect(writes[0]).not.toContain("\x1b[");
    expect(writes[0]).toMatch(/^setup erp-db-link · Provisioning · 0s\n {2}▸ preflight\s+running\s+0s\n {2}· circuit\s+pending\n$/);
    expect(writes[1]?.startsWith("\x1b[3A\r\x1b[J")).toBe(true);
    expect(writes[1]).toMatch(/✓ preflight\s+succeeded\s+2s\s+ok/);
    expect(writes[2]).toMatch(/▸ circuit\s+running\s+30s\s+creating/);
  });

  it("when the terminal is narrow, then lines are clipped so the redraw counts lines right", () => {
    const { writes, stream } = output(true, 30);
    createDisplay(stream, () => 0).update({ name: "erp-db-link", operation: "setup", steps: [step("circuit", "running", { detail: "x".repeat(80) })] });
    for (const line of (writes[0] ?? "").split("\n")) expect(line.length).toBeLessThanOrEqual(29);
  });

  it("when not on a terminal, then only changes are printed, one line each, with the time since the start", () => {
    let now = 0;
    const { writes, stream } = output(false);
    const display = createDisplay(stream, () => now);
    const first = { name: "erp-db-link", operation: "setup", state: "Provisioning", steps: [step("preflight", "running"), step("circuit", "pending")] };
    display.update(first);
    now = 2000;
    display.update(first);
    now = 4000;
    display.update({ ...first, steps: [step("preflight", "succeeded", { startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-01T00:01:05Z", detail: "3 warning(s)" }), step("circuit", "pending")] });
    now = 6000;
    display.update({ ...first, state: "Active", steps: [step("preflight", "succeeded", { startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-01T00:01:05Z", detail: "3 warning(s)" })] });
    expect(writes).toEqual(["[    0s] preflight running\n", "[    0s] erp-db-link is Provisioning\n", "[    4s] preflight succeeded in 1m05s: 3 warning(s)\n", "[    6s] erp-db-link is Active\n"]);
  });
});
