/** One property of a rendered Hadoop `*-site.xml` (herd renders them, so the shape is known), with XML escapes undone. */
export function siteProperty(xml: string, key: string): string | undefined {
  for (const match of xml.matchAll(/<property>\s*<name>([^<]*)<\/name>\s*<value>([^<]*)<\/value>\s*<\/property>/g)) {
    if (unescape(match[1]!) === key) return unescape(match[2]!);
  }
  return undefined;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
