import type { ConfigFileFormat } from './stack.types';

/** Renders one configuration type as the file its daemon reads, properties sorted for stable output. */
export function renderConfigFile(format: ConfigFileFormat, properties: Record<string, string>): string {
  const entries = Object.entries(properties).sort(([a], [b]) => a.localeCompare(b));
  if (format === 'properties') return entries.map(([key, value]) => `${key}=${value.replace(/\n/g, '\\n')}\n`).join('');
  const body = entries.map(([key, value]) => `  <property>\n    <name>${escapeXml(key)}</name>\n    <value>${escapeXml(value)}</value>\n  </property>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<configuration>\n${body}</configuration>\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
