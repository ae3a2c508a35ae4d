// "1 clip", "2 clips", "1,200 entries": a count with its noun, for messages in every Lens context.
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
