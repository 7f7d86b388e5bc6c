/** How every bench reports: one `name: value unit` line per figure, on standard output. */
export function line(name: string, value: number | string, unit = ""): void {
  console.log(`${name}: ${value}${unit ? ` ${unit}` : ""}`);
}

/** The middle value (the upper of the two middles for an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
