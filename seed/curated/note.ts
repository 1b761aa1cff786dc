/**
 * Reads the user's markdown note: its links become articles, its table becomes models, owners
 * and parameter counts. Pure functions; the importer decides what to write.
 */

/** A link of the note, with the text that follows it (the note's excerpt of the article). */
export type NoteLink = {
  title: string;
  url: string;
  /** 1-based line of the link in the note. */
  line: number;
  /** Paragraphs after the link up to the next link or table, if any. */
  excerpt?: string;
};

/** A row of the note's model table, split into names and values. */
export type NoteTableRow = {
  /** 1-based line of the row in the note. */
  line: number;
  /** The model cell as written (e.g. "ERNIE 3/2/1"). */
  modelCell: string;
  /** Model names, "/"-separated names expanded ("ERNIE 3/2/1" → ERNIE 3, ERNIE 2, ERNIE 1). */
  models: string[];
  /** The owner cell as written (e.g. "百度"). */
  owner: string;
  /** The parameter cell as written, comments included. */
  parameterCell: string;
  /** Parameter values, comments in parentheses removed ("1750B（…）" → ["1750B"]). */
  parameters: string[];
};

export type ParsedNote = { links: NoteLink[]; table: NoteTableRow[] };

/** Thrown when the note cannot be read as expected; the message names the line. */
export class NoteFormatError extends Error {
  override name = 'NoteFormatError';
}

const LINK = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

/** Splits "ERNIE 3/2/1" into ["ERNIE 3", "ERNIE 2", "ERNIE 1"] and "OPT/OPT-IML" into ["OPT", "OPT-IML"]. */
export function splitModelCell(cell: string): string[] {
  const parts = cell
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
  const first = parts[0] ?? '';
  const prefix = /^(.*?\s)\d+$/.exec(first)?.[1];
  return parts.map((part, index) => (index > 0 && prefix && /^\d+$/.test(part) ? `${prefix}${part}` : part));
}

/** Splits "175B/30B/13B" and drops comments: "1750B（神威超算训的）" → ["1750B"]. */
export function splitParameterCell(cell: string): string[] {
  const withoutComments = cell.replace(/[（(][^）)]*[）)]/g, '');
  return withoutComments
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** Parses the note's text. */
export function parseNote(text: string): ParsedNote {
  const lines = text.split(/\r?\n/);
  const links: NoteLink[] = [];
  const table: NoteTableRow[] = [];
  let current: NoteLink | undefined;
  let excerpt: string[] = [];
  const closeLink = () => {
    if (current && excerpt.length > 0) current.excerpt = excerpt.join('\n\n');
    current = undefined;
    excerpt = [];
  };

  let columns: { model: number; owner: number; parameters: number } | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const trimmed = line.trim();
    const lineNumber = index + 1;
    if (trimmed.startsWith('|')) {
      closeLink();
      const row = cells(trimmed);
      if (!columns) {
        const find = (pattern: RegExp, what: string) => {
          const at = row.findIndex((cell) => pattern.test(cell));
          if (at < 0)
            throw new NoteFormatError(`note line ${lineNumber}: the table has no ${what} column (header: ${trimmed})`);
          return at;
        };
        columns = {
          model: find(/模型|model/i, 'model (模型)'),
          owner: find(/所属|owner|organi[sz]ation/i, 'owner (所属)'),
          parameters: find(/参数|param/i, 'parameters (参数量)'),
        };
        continue;
      }
      if (row.every((cell) => /^:?-+:?$/.test(cell))) continue;
      const modelCell = row[columns.model] ?? '';
      const owner = row[columns.owner] ?? '';
      const parameterCell = row[columns.parameters] ?? '';
      if (!modelCell || !owner || !parameterCell) {
        throw new NoteFormatError(
          `note line ${lineNumber}: a table row needs a model, an owner and a parameter count: ${trimmed}`,
        );
      }
      table.push({
        line: lineNumber,
        modelCell,
        models: splitModelCell(modelCell),
        owner,
        parameterCell,
        parameters: splitParameterCell(parameterCell),
      });
      continue;
    }
    if (columns && trimmed !== '') columns = undefined; // a table ends at the first non-table line

    const found = [...trimmed.matchAll(LINK)];
    if (found.length > 0) {
      closeLink();
      for (const match of found) {
        const link: NoteLink = { title: (match[1] ?? '').trim(), url: match[2] ?? '', line: lineNumber };
        links.push(link);
        current = link;
      }
      continue;
    }
    if (current && trimmed !== '' && !trimmed.startsWith('#') && !/^[=*-]{3,}$/.test(trimmed)) {
      excerpt.push(trimmed);
    }
  }
  closeLink();
  return { links, table };
}
