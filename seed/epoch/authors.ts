/**
 * Reading the `Authors` column of Epoch's file: one text per paper, written by many hands. The
 * names are separated by commas, semicolons or "and" ("A, B, and C."), lines are wrapped inside
 * names ("Lucen\nZhong"), long lists end in "et al. (82 additional authors not shown)", system
 * cards list contributors under headings ("Tokenizer lead\nReimar Leike"), an old paper lists
 * initials without separators ("Y. LeCun B. Boser J. S. Denker"), a Chinese name follows its
 * romanization in parentheses ("Zihan Wang (汪子涵)"), and some lists name a team or a company
 * ("Qwen Team", "OpenAI"). What is not a person's name is reported with why, never guessed.
 *
 * Pure: text in, names out.
 */
import { splitChineseName } from './csv.js';

/** A person's name as one paper writes it. */
export type AuthorName = Readonly<{
  /** As written, spaces tidied ("Quoc V. Le"). */
  name: string;
  /** The name in Chinese characters, where the list gives it. */
  nameZh: string | null;
}>;

/** A part of the text that is not a person's name, and why. */
export type DroppedAuthorText = Readonly<{ text: string; reason: string }>;

export type ParsedAuthors = {
  /** The names in the paper's order. */
  names: AuthorName[];
  /** How many authors the list says it leaves out ("(82 additional authors not shown)"). */
  notListed: number | null;
  /** Whether the list ends in "et al.": some authors are not named. */
  truncated: boolean;
  /** Headings, groups and text that is not a name. */
  dropped: DroppedAuthorText[];
};

/** A heading of a contributors list: its words name roles, not people. */
const HEADING =
  /\b(leads?|contributors?|training|eval|evals|evaluation|team|infrastructure|research|acknowledg\w*|core|program|engineering|data|safety|inference|leadership|management|authors?)\b/i;
/** A team or a group signing a paper. */
const GROUP = /\b(team|authors|contributors|consortium|collaboration|laboratory|lab|labs)\b/i;
/** "et al." and what follows it: "(82 additional authors not shown)". */
const ET_AL = /\bet\s+al\.?\s*(?:\((\d+)\s+additional\s+authors?\s+not\s+shown\))?\s*$/i;
/** One name written as initials and a surname: "J. S. Denker", "Y. LeCun". */
const INITIALS_NAME = /(?:\p{Lu}\.\s?)+\p{Lu}[\p{L}'’-]+/gu;

/**
 * Reads one `Authors` text. `isGroup` says whether a name names an organization (the graph's
 * organizations, by name or alias): such a name signs for a group, not a person.
 */
export function parseAuthors(
  text: string,
  isGroup: (name: string) => boolean = () => false,
  /** The paper's title: a list that is the title is not a list of authors. */
  title?: string | null,
): ParsedAuthors {
  const parsed: ParsedAuthors = { names: [], notListed: null, truncated: false, dropped: [] };
  if (title && text.replace(/\s+/g, ' ').trim() === title.replace(/\s+/g, ' ').trim()) {
    parsed.dropped.push({ text: title, reason: "the paper's title, not its authors" });
    return parsed;
  }
  const sections = text
    .normalize('NFC')
    // A combining mark after a space belongs to no letter ("Akvile ̇Žemgulyte ̇").
    .replace(/(^|\s)\p{M}+/gu, '$1')
    .replace(/\p{M}+(?=\s|$)/gu, (mark, offset, whole) => (/\p{L}/u.test(whole[offset - 1] ?? '') ? mark : ''))
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[^\S\n]*\n\s*/);
  for (const section of sections) {
    const [first = '', ...rest] = section.split('\n');
    let body = section;
    // A section of a contributors list starts with its heading on a line of its own.
    if (rest.length > 0 && !/[,;]/.test(first) && (sections.length > 1 || HEADING.test(first))) {
      parsed.dropped.push({ text: first.trim(), reason: 'a heading of the contributors list' });
      body = rest.join('\n');
    }
    // A list without commas or semicolons over several lines has a name per line ("Alex Paino\nNick
    // Ryder"); in a list with them, line breaks only wrap it, sometimes inside a name ("Lucen\nZhong").
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    body = (lines.length > 1 && !/[,;]/.test(body) ? lines.join(', ') : body).replace(/\s+/g, ' ').trim();
    const etAl = ET_AL.exec(body);
    if (etAl) {
      parsed.truncated = true;
      if (etAl[1]) parsed.notListed = (parsed.notListed ?? 0) + Number(etAl[1]);
      body = body.slice(0, etAl.index);
    }
    const segments = body.split(/\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+\/\s+/);
    for (const segment of joinSurnameInitials(segments)) {
      for (const part of splitInitialsList(segment)) addName(parsed, part, isGroup);
    }
  }
  return parsed;
}

/** "Nair, V., Hinton, G. E." (surname, then initials): "V. Nair", "G. E. Hinton". */
function joinSurnameInitials(segments: string[]): string[] {
  const initials = (segment: string) => /^(?:\p{Lu}\.\s?)+$/u.test(segment.trim());
  const names: string[] = [];
  for (const segment of segments) {
    const previous = names.at(-1);
    if (initials(segment) && previous !== undefined && !initials(previous) && !/\s/.test(previous.trim())) {
      names[names.length - 1] = `${segment.trim()} ${previous.trim()}`;
    } else names.push(segment);
  }
  return names;
}

/** "Y. LeCun B. Boser J. S. Denker": several names without separators, split; other text as it is. */
function splitInitialsList(segment: string): string[] {
  const matches = segment.match(INITIALS_NAME) ?? [];
  if (matches.length < 2) return [segment];
  return matches.join('').replace(/\s/g, '') === segment.replace(/\s/g, '') ? matches : [segment];
}

function addName(parsed: ParsedAuthors, segment: string, isGroup: (name: string) => boolean): void {
  let text = segment
    .trim()
    // Footnote marks ("Susan Zhang∗", "Myle Ott†", "Rodrigo Fonseca1") and role notes ("(core contributors)").
    .replace(/\s*\((?:core |equal )?contributors?\)$/i, '')
    .replace(/[\s∗*†‡§¶#\d]+$/u, '')
    // A list ends with a full stop ("... and Yutian Chen."); an initial ("V.") or a suffix
    // ("A. Joseph Hoane Jr.") keeps its own.
    .replace(/(?<=\p{L}{2})\.$/u, (dot, _offset, whole: string) => (/\b(?:Jr|Sr)\.$/.test(whole) ? dot : ''));
  if (text === '') return;
  // "LG AI Research: Kyunghoon Bae": a group heading the first name of its list.
  const [, group, first] = /^([^:]+):\s*(.+)$/.exec(text) ?? [];
  if (group && first && first.split(' ').length <= 6 && !first.includes(':')) {
    parsed.dropped.push({ text: group.trim(), reason: 'a team or an organization, not a person' });
    text = first.trim();
  }
  // "Zihan Wang (汪子涵)": the romanization and the Chinese name; "李彦宏": both the Chinese name.
  const { english, zh } = splitChineseName(text);
  text = english;
  const nameZh = zh?.replace(/\s+/g, '') ?? null;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) {
    parsed.dropped.push({ text, reason: 'too short to be a name' });
    return;
  }
  if (text.includes(':') || text.split(' ').length > 6) {
    parsed.dropped.push({ text, reason: 'not a name (a title or a sentence)' });
    return;
  }
  if (GROUP.test(text) || isGroup(text)) {
    parsed.dropped.push({ text, reason: 'a team or an organization, not a person' });
    return;
  }
  parsed.names.push({ name: text, nameZh });
}
