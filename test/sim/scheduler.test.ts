import { describe, expect, it } from "vitest";
import { createRandom } from "@/sim/random";
import { Scheduler } from "@/sim/scheduler";

describe("Scheduler", () => {
  it("runs callbacks in virtual-time order, whatever the order they were scheduled in", () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.after(30, () => seen.push(`c@${s.now}`));
    s.after(10, () => seen.push(`a@${s.now}`));
    s.after(20, () => seen.push(`b@${s.now}`));
    expect(s.run(Infinity)).toBe(true);
    expect(seen).toEqual(["a@10", "b@20", "c@30"]);
  });

  it("runs callbacks due at the same instant in the order they were scheduled (FIFO)", () => {
    const s = new Scheduler();
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) s.after(5, () => seen.push(i));
    s.run(Infinity);
    expect(seen).toEqual([...Array(50).keys()]);
  });

  it("puts a callback scheduled for 'now' from inside a callback after those already due now", () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.after(10, () => {
      seen.push("first");
      s.after(0, () => seen.push("spawned"));
    });
    s.after(10, () => seen.push("second"));
    s.run(Infinity);
    expect(seen).toEqual(["first", "second", "spawned"]);
  });

  it("measures delays from the current virtual time, and treats a negative delay as 0", () => {
    const s = new Scheduler();
    const times: number[] = [];
    s.after(100, () => {
      s.after(50, () => times.push(s.now));
      s.after(-20, () => times.push(s.now));
    });
    s.run(Infinity);
    expect(times).toEqual([100, 150]);
  });

  it("keeps a large, shuffled queue in a stable time order (the heap agrees with a stable sort)", () => {
    const s = new Scheduler();
    const random = createRandom(7);
    const planned: { at: number; i: number }[] = [];
    const seen: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const at = random.int(0, 300);
      planned.push({ at, i });
      s.after(at, () => seen.push(i));
    }
    s.run(Infinity);
    const sorted = [...planned].sort((a, b) => a.at - b.at || a.i - b.i).map((p) => p.i);
    expect(seen).toEqual(sorted);
  });

  it("never runs a cancelled callback, and cancel(undefined) is harmless", () => {
    const s = new Scheduler();
    const seen: string[] = [];
    const t = s.after(10, () => seen.push("cancelled"));
    s.after(20, () => seen.push("kept"));
    s.cancel(t);
    s.cancel(undefined);
    expect(t.cancelled).toBe(true);
    expect(s.run(Infinity)).toBe(true);
    expect(seen).toEqual(["kept"]);
  });

  it("lets a callback cancel another one due at the same instant", () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.after(10, () => {
      seen.push("killer");
      s.cancel(victim);
    });
    const victim = s.after(10, () => seen.push("victim"));
    s.run(Infinity);
    expect(seen).toEqual(["killer"]);
  });

  it("stops at the run bound: runs what is due up to and including it, leaves the rest, and sets the clock to the bound", () => {
    const s = new Scheduler();
    const seen: number[] = [];
    for (const at of [10, 100, 101, 500]) s.after(at, () => seen.push(at));
    expect(s.run(100)).toBe(false);
    expect(seen).toEqual([10, 100]);
    expect(s.now).toBe(100);
    expect(s.run(1000)).toBe(true);
    expect(seen).toEqual([10, 100, 101, 500]);
    // A queue that ran dry leaves the clock at the last event.
    expect(s.now).toBe(500);
  });

  it("reports a dry queue as finished even when only cancelled timers remain beyond the bound", () => {
    const s = new Scheduler();
    s.cancel(s.after(5000, () => undefined));
    expect(s.run(100)).toBe(true);
  });

  it("ends a self-perpetuating timer at the run bound instead of looping forever", () => {
    const s = new Scheduler();
    let ticks = 0;
    const tick = () => {
      ticks++;
      s.after(1000, tick);
    };
    s.after(0, tick);
    expect(s.run(10_000)).toBe(false);
    expect(ticks).toBe(11); // at 0, 1000, …, 10000
    expect(s.now).toBe(10_000);
  });

  it("starts at time 0", () => {
    expect(new Scheduler().now).toBe(0);
  });
});
