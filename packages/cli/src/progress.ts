// The progress of a walk (--all): items, total and ETA, on stderr, and only when stderr is a
// terminal, so a script that pipes or redirects stderr never gets bar characters in its logs.

export interface Progress {
  /** The total became known (the first page's `total`). */
  total(total: number): void;
  /** Items printed so far. */
  update(done: number): void;
  stop(): void;
}

const NONE: Progress = { total: () => {}, update: () => {}, stop: () => {} };

export async function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Promise<Progress> {
  if (!enabled || !stream.isTTY) return NONE;
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {value}/{total} items | {percentage}% | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    total(total) {
      if (!started) bar.start(total, 0);
      else bar.setTotal(total);
      started = true;
    },
    update(done) {
      if (started) bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
