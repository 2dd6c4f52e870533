/** Builds the Prometheus text exposition format (version 0.0.4) by hand: herd's metrics are few. */
export class PrometheusText {
  private readonly lines: string[] = [];

  gauge(name: string, help: string, samples: { labels?: Record<string, string>; value: number }[]): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const { labels, value } of samples) this.lines.push(`${name}${formatLabels(labels)} ${Number.isFinite(value) ? value : 'NaN'}`);
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',')}}`;
}
