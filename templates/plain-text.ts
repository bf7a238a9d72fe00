// Reporter text inside plain-text documents staff trust (the Parnassys summary, the full mail). A
// reporter must not be able to write a line that passes for one of the school's own lines.

/** Every kind of line break, including the ones Unicode adds (NEL, line and paragraph separator). */
const LINE_BREAKS = /[\r\n\u000B\u000C\u0085\u2028\u2029]+/g;

/** A short field (a name, who it happens to) on one line: breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(/[ \t]{2,}/g, ' ').trim();
}

/** Longer reporter text as a quote: every line starts with "> ", so none can pose as the document's own. */
export function quoted(text: string): string {
  return text
    .split(LINE_BREAKS)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}
