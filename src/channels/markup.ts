/** Content marks names on screen with **bold**; channels without markdown get the plain words. */
export function stripMarkup(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1');
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
