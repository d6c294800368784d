/**
 * Customer text as a technician reads it (desk card, queue, transcript, relayed messages): shown
 * literally. Teams, Web Chat and Adaptive Card TextBlocks render markdown, and Teams reads `<at>`
 * and other tags in message text, so a customer could otherwise dress their words up as a link
 * (`[click](http://…)`), as bold text, or as an @mention. Markdown characters get a backslash
 * (CommonMark escapes, which these renderers honour); `<` and `>` become `&lt;` and `&gt;`, so no
 * tag can open; an `&` that would start an entity (`&lt;`) becomes `&amp;`, so it stays as typed.
 */
export function escapeCustomerText(text: string): string {
  return text
    .replace(/[\\`*_~[\]|]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split('\n')
    .map((line) => line.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n');
}
