/**
 * Lower-case words separated by single spaces; apostrophes dropped ("can't" -> "cant"), accents dropped
 * ("técnico" -> "tecnico", "contraseña" -> "contrasena": customers type both), other punctuation ("¿", "¡")
 * turned into spaces. "?" and "#" survive as words of their own.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’'`]/g, '')
    .replace(/\?/g, ' ? ')
    .replace(/[^\p{L}\p{N}?#]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** True when `phrase` occurs in `text` as whole words (both already normalized). */
export function containsPhrase(text: string, phrase: string): boolean {
  if (!phrase) return false;
  return ` ${text} `.includes(` ${phrase} `);
}
