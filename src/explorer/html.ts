/**
 * HTML written as tagged templates that escape every interpolated value: `html\`<p>${name}</p>\``
 * cannot inject markup, whatever `name` holds. A value is trusted only when it is itself the
 * result of `html` (or of {@link unsafeRaw}, for markup built here, such as the SVG pictures).
 */

/** Markup that is safe to write as is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What a template may interpolate: text (escaped), markup, nothing, or a list of these. */
export type HtmlValue = Html | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The tagged template: literal parts as written, interpolations escaped (lists joined, null/booleans omitted). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] as string;
  for (let index = 0; index < values.length; index++) text += render(values[index]) + strings[index + 1];
  return new Html(text);
}

/** Markup built by code of ours (never from data without escaping), to be written as is. */
export function unsafeRaw(markup: string): Html {
  return new Html(markup);
}

/**
 * The `lang` of a text: `zh` when Chinese characters outnumber Latin letters ("百度 Baidu" is
 * Chinese, an English sentence naming 文心 is English), `en` otherwise.
 */
export function langOf(text: string): 'zh' | 'en' {
  const chinese = text.match(/[\u3400-\u9fff\uf900-\ufaff]/gu)?.length ?? 0;
  if (chinese === 0) return 'en';
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return chinese >= latin / 2 ? 'zh' : 'en';
}
