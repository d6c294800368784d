import type { Request } from 'restify';

/**
 * Which language's chat page a request gets: ?lang=es (a link from the ISP's Spanish pages) first, then the
 * browser's Accept-Language preferences in order of their q-values, then the default. Pages are rendered
 * once per locale ("es-US") and matched by language ("es", "es-MX" -> es-US).
 */
export class PageLanguages {
  private readonly byLanguage = new Map<string, string>();

  constructor(
    private readonly defaultLocale: string,
    private readonly pages: Record<string, string>,
  ) {
    for (const locale of Object.keys(pages)) this.byLanguage.set(languageOf(locale), locale);
  }

  for(req: Request): string {
    return this.pages[this.localeFor(req)];
  }

  localeFor(req: Request): string {
    const asked = new URL(req.url ?? '/', 'http://page').searchParams.get('lang');
    const fromLink = asked ? this.byLanguage.get(languageOf(asked)) : undefined;
    if (fromLink) return fromLink;
    for (const language of preferredLanguages(req.headers['accept-language'])) {
      const locale = this.byLanguage.get(language);
      if (locale) return locale;
    }
    return this.defaultLocale;
  }
}

function languageOf(locale: string): string {
  return locale.trim().toLowerCase().split(/[-_]/)[0];
}

/** "es-MX,es;q=0.9,en;q=0.8" -> [es, es, en], most preferred first. */
function preferredLanguages(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: languageOf(tag), weight: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((entry) => entry.language && entry.language !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .map((entry) => entry.language);
}
