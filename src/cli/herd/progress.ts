import { Presets, SingleBar } from 'cli-progress';

/** Shows how far an operation is, on stderr so stdout stays the command's answer. */
export interface Progress {
  update(percent: number, step: string): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  /** Draw the bar even when stderr is not a terminal (`--progress`). */
  forceBar: boolean;
  stream?: NodeJS.WriteStream;
}

/** A live bar on a terminal (or with `--progress`); otherwise one plain `NN% step` line per change, which logs read well. */
export function createProgress({ label, forceBar, stream = process.stderr }: ProgressOptions): Progress {
  return stream.isTTY || forceBar ? new ProgressBar(label, stream) : new ProgressLines(stream);
}

class ProgressBar implements Progress {
  private readonly bar: SingleBar;

  constructor(label: string, stream: NodeJS.WriteStream) {
    this.bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% | {step}`, stream, hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 500 },
      Presets.shades_classic,
    );
    this.bar.start(100, 0, { step: 'queued' });
  }

  update(percent: number, step: string): void {
    this.bar.update(percent, { step: step.slice(0, 70) });
  }

  stop(): void {
    this.bar.stop();
  }
}

class ProgressLines implements Progress {
  private last = '';

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(percent: number, step: string): void {
    const line = `${percent}% ${step}`.trimEnd();
    if (line === this.last) return;
    this.last = line;
    this.stream.write(`${line}\n`);
  }

  stop(): void {}
}
