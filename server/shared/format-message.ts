// Fills a catalog string's {name} placeholders; the pages and the server share it.

export type MessageValues = Readonly<Record<string, string | number>>;

/** "Vraag {step} van {total}" with { step: 2, total: 9 } gives "Vraag 2 van 9"; unknown names stay as they are. */
export function formatMessage(template: string, values: MessageValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
