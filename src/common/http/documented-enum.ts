/**
 * `@ApiProperty({ ...documentedEnum(MEANINGS) })`: the values of an enum, each with what it means.
 * A `Record` over the value type makes the compiler insist on every value.
 */
export function documentedEnum<T extends string>(meanings: Record<T, string>, lead?: string): { enum: T[]; description: string } {
  const values = Object.keys(meanings) as T[];
  const lines = values.map((value) => `- \`${value}\`: ${meanings[value]}`);
  return { enum: values, description: [...(lead ? [lead, ''] : []), ...lines].join('\n') };
}
