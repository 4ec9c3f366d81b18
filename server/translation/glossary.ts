// Domain terms machine translation must not guess at (domain.md's glossary): they are swapped
// for opaque tokens before translation and put back, in the target's own wording, afterwards.

/** Aligned forms: the n-th form of one language renders as the n-th of another (singular, plural). */
interface Term {
  forms: Partial<Record<string, string[]>>;
}

const terms: Term[] = [
  { forms: { fr: ["fiche navette", "fiches navettes"], en: ["shuttle sheet", "shuttle sheets"] } },
  { forms: { fr: ["grille de lecture", "grilles de lecture"], en: ["reading grid", "reading grids"] } },
  { forms: { fr: ["accord de diffusion"], en: ["consent to circulate"] } },
  { forms: { fr: ["ancrage territorial"], en: ["territorial anchoring"] } },
  { forms: { fr: ["dialogue social territorial"], en: ["territorial social dialogue"] } },
  // Acronyms stay as they are in every language.
  ...["OBC", "ESS", "IAE", "DTS", "GE", "Lux'09"].map((acronym) => ({ forms: { "*": [acronym] } })),
];

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Matcher {
  pattern: RegExp;
  render(match: string): string;
}

const matchers = new Map<string, Matcher[]>();

function matchersFor(from: string, to: string): Matcher[] {
  const cacheKey = `${from}>${to}`;
  const cached = matchers.get(cacheKey);
  if (cached) return cached;
  const list: Matcher[] = [];
  for (const term of terms) {
    const acronym = term.forms["*"];
    const sources = acronym ?? term.forms[from];
    if (!sources) continue;
    sources.forEach((form, index) => {
      // Acronyms match their case exactly ("ESS", not "ess"); terms match any case.
      const flags = acronym ? "gu" : "giu";
      const target = acronym ? form : (term.forms[to]?.[index] ?? form);
      list.push({
        pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, flags),
        render: (match) => (/^\p{Lu}/u.test(match) && !acronym ? target.charAt(0).toUpperCase() + target.slice(1) : target),
      });
    });
  }
  // Longest first, so "fiches navettes" wins over "fiche navette".
  list.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  matchers.set(cacheKey, list);
  return list;
}

/**
 * Hands out tokens that machine translators pass through untouched (an unknown word, with
 * `apertium -u` not even marked) and remembers what each stands for.
 */
export class Protector {
  private readonly kept: string[] = [];

  /** A token standing for `replacement`, which comes back verbatim after translation. */
  keep(replacement: string): string {
    this.kept.push(replacement);
    return `Nvtk${this.kept.length - 1}`;
  }

  /** Replaces the glossary's terms of `from` in plain text by tokens rendering them in `to`. */
  protectTerms(text: string, from: string, to: string): string {
    let out = text;
    for (const matcher of matchersFor(from, to)) out = out.replace(matcher.pattern, (match) => this.keep(matcher.render(match)));
    return out;
  }

  restore(text: string): string {
    return text.replace(/Nvtk(\d+)/g, (token, n: string) => this.kept[Number(n)] ?? token);
  }
}
