/** One page of any herd list: every list answers `{items, total, limit, offset}`. */
export interface Page<Item> {
  items: Item[];
  total: number;
}

/** Every item of a list, read a page at a time. */
export async function allPages<Item>(readPage: (offset: number) => Promise<Page<Item>>): Promise<Item[]> {
  const items: Item[] = [];
  for (;;) {
    const page = await readPage(items.length);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}
