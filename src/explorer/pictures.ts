/**
 * The explorer's pictures, drawn as SVG on the server (no script needed to see them):
 *
 * - {@link lineagePicture}: a model's ancestors to its left and descendants to its right, one
 *   column per step, each edge labelled by its kind; ancestry drawn solid with an arrow towards
 *   the derived model, association (VARIANT_OF, SIBLING_OF: kinship, not descent) dashed.
 * - {@link timelinePicture}: an organization's models along their release dates, with the
 *   lineage edges between them.
 *
 * Every model is a link to its page. Layouts are deterministic (the same graph gives the same
 * bytes) and pure: test/explorer-pictures.test.ts checks them without a server.
 */
import { escapeHtml, langOf } from './html.js';

/** A model as a picture shows it. */
export type PictureModel = {
  slug: string;
  name: string;
  nameZh?: string | null;
  releaseDate?: string | null;
};

/** A lineage edge between two models of the picture, by slug. */
export type PictureEdge = {
  parent: string;
  child: string;
  kind: string;
  relation: 'ANCESTRY' | 'ASSOCIATION';
};

/** A model reached from the focus: `column` is minus its depth for an ancestor, its depth for a descendant. */
export type PlacedModel = { model: PictureModel; column: number };

/** The timeline spans at most this many years, ending with the latest model. */
export const TIMELINE_YEARS = 80;

/** At most this many models in one column; the rest are counted in a "+N more" line. */
export const MAX_PER_COLUMN = 40;

const NODE_WIDTH = 176;
const COLUMN_GAP = 128;
const ROW_GAP = 16;
const MARGIN = 24;
const LEGEND_HEIGHT = 28;

function nodeHeight(model: PictureModel): number {
  return model.nameZh ? 46 : 32;
}

/** How wide a text is drawn at `size` px, roughly: CJK characters are square, others about 0.6 em. */
export function textWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text) width += /[\u3000-\u9fff\uff00-\uffef]/u.test(char) ? size : size * 0.6;
  return width;
}

/** The text cut to fit `width` px at `size` px, with an ellipsis when cut. */
function fitText(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  let cut = '';
  for (const char of text) {
    if (textWidth(`${cut}${char}…`, size) > width) break;
    cut += char;
  }
  return `${cut}…`;
}

/** `FINE_TUNED_FROM` → `fine-tuned from`; `INSTRUCTION_TUNED_FROM` → `instruction-tuned from`. */
export function kindLabel(kind: string): string {
  return kind
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^(fine|instruction) tuned/, '$1-tuned')
    .replace(/^scale up/, 'scale-up');
}

function compareModels(a: PictureModel, b: PictureModel): number {
  const dateA = a.releaseDate ?? '9999';
  const dateB = b.releaseDate ?? '9999';
  return dateA < dateB ? -1 : dateA > dateB ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

type Box = { model: PictureModel; x: number; y: number; height: number };

function nodeMarkup(box: Box, focus: boolean): string {
  const { model, x, y, height } = box;
  const name = fitText(model.name, NODE_WIDTH - 16, 13);
  const title = model.nameZh ? `${model.name} · ${model.nameZh}` : model.name;
  const zh = model.nameZh
    ? `<text x="${x + 8}" y="${y + 37}" class="zh" lang="${langOf(model.nameZh)}">${escapeHtml(fitText(model.nameZh, NODE_WIDTH - 16, 12))}</text>`
    : '';
  return (
    `<a href="/models/${encodeURIComponent(model.slug)}"${focus ? ' aria-current="page"' : ''} class="node${focus ? ' focus' : ''}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${height}" rx="6"/>` +
    `<text x="${x + 8}" y="${y + 20}" lang="${langOf(model.name)}">${escapeHtml(name)}</text>${zh}</a>`
  );
}

function edgeMarkup(from: Box, to: Box, edge: PictureEdge, focusX: number): string {
  const association = edge.relation === 'ASSOCIATION';
  const className = association ? 'edge association' : 'edge ancestry';
  const fromY = from.y + from.height / 2;
  const toY = to.y + to.height / 2;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (from.x === to.x) {
    // Same column (siblings, variants): an arc on the right side.
    const right = from.x + NODE_WIDTH;
    const bulge = right + 40;
    path = `M${right} ${fromY} C${bulge} ${fromY} ${bulge} ${toY} ${right} ${toY}`;
    labelX = right + 32;
    labelY = (fromY + toY) / 2;
  } else {
    // From the parent's side facing the child to the child's side facing the parent: the arrow
    // (ancestry) ends at the model that derives.
    const rightwards = from.x < to.x;
    const startX = rightwards ? from.x + NODE_WIDTH : from.x;
    const endX = rightwards ? to.x : to.x + NODE_WIDTH;
    const middle = (startX + endX) / 2;
    path = `M${startX} ${fromY} C${middle} ${fromY} ${middle} ${toY} ${endX} ${toY}`;
    // The label nearer the end farther from the focus, a third of the way from it: the edges of a
    // tree fan out from the focus, so their far ends are apart and so are their labels. The point
    // of the cubic Bézier at t = 1/3 (near the parent) or t = 2/3 (near the child).
    const nearParent = Math.abs(from.x - focusX) > Math.abs(to.x - focusX);
    labelX = nearParent ? (8 * startX + 18 * middle + endX) / 27 : (startX + 18 * middle + 8 * endX) / 27;
    labelY = nearParent ? (20 * fromY + 7 * toY) / 27 : (7 * fromY + 20 * toY) / 27;
  }
  const label = kindLabel(edge.kind);
  return (
    `<g class="${className}" data-kind="${edge.kind}"><title>${escapeHtml(`${edge.child} ${label} ${edge.parent}`)}</title>` +
    `<path d="${path}"${association ? '' : ' marker-end="url(#arrow)"'}/>` +
    `<text x="${labelX.toFixed(1)}" y="${(labelY - 3).toFixed(1)}" text-anchor="middle">${escapeHtml(label)}</text></g>`
  );
}

const DEFS =
  '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z"/></marker></defs>';

function legend(y: number): string {
  return (
    `<g class="legend" transform="translate(${MARGIN} ${y})">` +
    '<g class="edge ancestry"><path d="M0 0 H36" marker-end="url(#arrow)"/></g><text x="44" y="4">ancestry: the model it points to derives from the other</text>' +
    '<g class="edge association" transform="translate(0 16)"><path d="M0 0 H36"/></g><text x="44" y="20">association: variant or sibling, not descent</text></g>'
  );
}

/**
 * The lineage picture of `focus`: `placed` are the models reached (ancestors in negative
 * columns), `edges` the lineage edges to draw (those whose two ends are placed).
 */
export function lineagePicture(
  focus: PictureModel,
  placed: readonly PlacedModel[],
  edges: readonly PictureEdge[],
): string {
  // Each model once, in the column nearest the focus.
  const columnOf = new Map<string, number>([[focus.slug, 0]]);
  const models = new Map<string, PictureModel>([[focus.slug, focus]]);
  for (const { model, column } of placed) {
    const known = columnOf.get(model.slug);
    if (known === undefined || Math.abs(column) < Math.abs(known)) columnOf.set(model.slug, column);
    if (!models.has(model.slug)) models.set(model.slug, model);
  }
  const edgeKey = (edge: PictureEdge) => `${edge.parent} ${edge.kind} ${edge.child}`;
  const drawn = edges
    .filter((edge) => columnOf.has(edge.parent) && columnOf.has(edge.child))
    .sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0));
  const neighbours = new Map<string, string[]>();
  for (const edge of drawn) {
    neighbours.set(edge.parent, [...(neighbours.get(edge.parent) ?? []), edge.child]);
    neighbours.set(edge.child, [...(neighbours.get(edge.child) ?? []), edge.parent]);
  }
  const columns = [...new Set(columnOf.values())].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  const rowOf = new Map<string, number>([[focus.slug, 0]]);
  const order = new Map<number, PictureModel[]>();
  const hidden = new Map<number, number>();
  for (const column of columns) {
    const members = [...columnOf].filter(([, c]) => c === column).map(([slug]) => models.get(slug) as PictureModel);
    // Nearer the focus first: each model goes by the mean row of its neighbours one column nearer
    // (fewer crossings), then by release date and name.
    const inner = column === 0 ? 0 : column - Math.sign(column);
    const key = (model: PictureModel) => {
      const rows = (neighbours.get(model.slug) ?? [])
        .filter((slug) => columnOf.get(slug) === inner)
        .map((slug) => rowOf.get(slug) ?? 0);
      return rows.length ? rows.reduce((sum, row) => sum + row, 0) / rows.length : Number.MAX_SAFE_INTEGER;
    };
    members.sort((a, b) => key(a) - key(b) || compareModels(a, b));
    const shown = members.slice(0, MAX_PER_COLUMN);
    if (members.length > shown.length) hidden.set(column, members.length - shown.length);
    for (const [row, model] of shown.entries()) rowOf.set(model.slug, row);
    order.set(column, shown);
  }
  const sorted = [...order.keys()].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const heightOf = (column: number) =>
    (order.get(column) ?? []).reduce((sum, model) => sum + nodeHeight(model) + ROW_GAP, 0) +
    (hidden.has(column) ? 24 : 0);
  const tallest = Math.max(...sorted.map(heightOf));
  const boxes = new Map<string, Box>();
  const parts: string[] = [];
  for (const column of sorted) {
    const x = MARGIN + (column - first) * (NODE_WIDTH + COLUMN_GAP);
    let y = MARGIN + LEGEND_HEIGHT + 16 + (tallest - heightOf(column)) / 2;
    for (const model of order.get(column) ?? []) {
      boxes.set(model.slug, { model, x, y, height: nodeHeight(model) });
      y += nodeHeight(model) + ROW_GAP;
    }
    const more = hidden.get(column);
    if (more) parts.push(`<text x="${x + 8}" y="${y + 12}" class="more">+${more} more</text>`);
  }
  const edgeParts = drawn
    .filter((edge) => boxes.has(edge.parent) && boxes.has(edge.child))
    .map((edge) =>
      edgeMarkup(boxes.get(edge.parent) as Box, boxes.get(edge.child) as Box, edge, boxes.get(focus.slug)?.x ?? 0),
    );
  const nodeParts = [...boxes.values()].map((box) => nodeMarkup(box, box.model.slug === focus.slug));
  const width = MARGIN * 2 + sorted.length * NODE_WIDTH + (sorted.length - 1) * COLUMN_GAP + 48;
  const height = MARGIN * 2 + LEGEND_HEIGHT + 16 + tallest;
  const title = `Lineage of ${focus.name}: ${boxes.size - 1} related models, ${edgeParts.length} edges`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="lineage" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" role="group" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${DEFS}${legend(MARGIN)}${edgeParts.join('')}${nodeParts.join('')}${parts.join('')}</svg>`
  );
}

/**
 * An organization's models along time: each dated model a dot at its release date, labelled and
 * linked, in the first lane where its label fits; `edges` between them drawn as in the lineage.
 */
export function timelinePicture(name: string, models: readonly PictureModel[], edges: readonly PictureEdge[]): string {
  const all = models
    .filter((model): model is PictureModel & { releaseDate: string } => Boolean(model.releaseDate))
    .sort(compareModels);
  if (all.length === 0) return '';
  // At most TIMELINE_YEARS years, the latest: a date typed wrong (0001-01-01) must not draw a
  // picture millions of pixels wide. The models before are counted in the title.
  const latestYear = Number(all.at(-1)?.releaseDate.slice(0, 4));
  const dated = all.filter((model) => Number(model.releaseDate.slice(0, 4)) > latestYear - TIMELINE_YEARS);
  const earlier = all.length - dated.length;
  const yearOf = (date: string) => {
    const [year, month = '01', day = '01'] = date.split('-');
    return Number(year) + (Number(month) - 1) / 12 + (Number(day) - 1) / 365;
  };
  const startYear = Math.floor(yearOf(dated[0]?.releaseDate as string));
  const endYear = Math.floor(yearOf(dated.at(-1)?.releaseDate as string)) + 1;
  const perYear = Math.max(120, Math.min(260, 1400 / Math.max(1, endYear - startYear)));
  const xOf = (date: string) => MARGIN + (yearOf(date) - startYear) * perYear;
  const laneHeight = 22;
  const laneEnds: number[] = [];
  const points = new Map<string, { x: number; y: number; model: PictureModel }>();
  const labels: string[] = [];
  for (const model of dated) {
    const x = xOf(model.releaseDate);
    const label = fitText(model.name, 200, 12);
    const end = x + 10 + textWidth(label, 12) + 12;
    let lane = laneEnds.findIndex((laneEnd) => laneEnd < x);
    if (lane === -1) lane = laneEnds.push(end) - 1;
    else laneEnds[lane] = end;
    const y = MARGIN + 24 + lane * laneHeight;
    points.set(model.slug, { x, y, model });
    labels.push(
      `<a href="/models/${encodeURIComponent(model.slug)}" class="point"><title>${escapeHtml(
        `${model.name}${model.nameZh ? ` · ${model.nameZh}` : ''}, ${model.releaseDate}`,
      )}</title><circle cx="${x}" cy="${y}" r="5"/><text x="${x + 9}" y="${y + 4}" lang="${langOf(model.name)}">${escapeHtml(label)}</text></a>`,
    );
  }
  const axisY = MARGIN + 24 + laneEnds.length * laneHeight + 8;
  const ticks: string[] = [];
  for (let year = startYear; year <= endYear; year++) {
    const x = MARGIN + (year - startYear) * perYear;
    ticks.push(
      `<line x1="${x}" y1="${MARGIN}" x2="${x}" y2="${axisY}" class="grid"/><text x="${x}" y="${axisY + 16}" text-anchor="middle">${year}</text>`,
    );
  }
  const links = edges
    .filter((edge) => points.has(edge.parent) && points.has(edge.child))
    .map((edge) => {
      const from = points.get(edge.parent) as { x: number; y: number };
      const to = points.get(edge.child) as { x: number; y: number };
      const middle = (from.x + to.x) / 2;
      const association = edge.relation === 'ASSOCIATION';
      return `<g class="edge ${association ? 'association' : 'ancestry'}" data-kind="${edge.kind}"><title>${escapeHtml(
        `${edge.child} ${kindLabel(edge.kind)} ${edge.parent}`,
      )}</title><path d="M${from.x} ${from.y} C${middle} ${from.y} ${middle} ${to.y} ${to.x} ${to.y}"${association ? '' : ' marker-end="url(#arrow)"'}/></g>`;
    });
  const width = Math.ceil(Math.max(MARGIN * 2 + (endYear - startYear) * perYear, ...laneEnds) + MARGIN);
  const height = Math.ceil(axisY + 28);
  const title = `${name}: ${dated.length} models by release date, ${links.length} lineage edges between them${
    earlier ? ` (${earlier} released more than ${TIMELINE_YEARS} years before the latest are not drawn)` : ''
  }`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${DEFS}${ticks.join('')}${links.join('')}${labels.join('')}</svg>`
  );
}

/**
 * Models per release year as stacked bars: one band per country given, and "elsewhere" for the
 * rest of `all` (a model developed in two of the countries counts in both, so bands are capped at
 * the year's total). Each bar carries its numbers in a tooltip and in the table that follows.
 */
export function yearChart(
  all: readonly { year: number; count: number }[],
  countries: readonly { label: string; years: readonly { year: number; count: number }[] }[],
): string {
  const years = [...all].sort((a, b) => a.year - b.year);
  if (years.length === 0) return '';
  const max = Math.max(...years.map((entry) => entry.count));
  const barWidth = Math.max(10, Math.min(28, 900 / years.length - 4));
  const plotHeight = 200;
  const left = 44;
  const top = 28;
  const width = left + years.length * (barWidth + 4) + MARGIN;
  const height = top + plotHeight + 36;
  const bands = [...countries.map((country) => country.label), 'elsewhere'];
  const bars: string[] = [];
  const rows: string[] = [];
  years.forEach((entry, index) => {
    const x = left + index * (barWidth + 4);
    let remaining = entry.count;
    const counts = countries.map((country) => {
      const count = Math.min(remaining, country.years.find((year) => year.year === entry.year)?.count ?? 0);
      remaining -= count;
      return count;
    });
    counts.push(remaining);
    let y = top + plotHeight;
    const title = `${entry.year}: ${entry.count} models (${bands.map((band, other) => `${band} ${counts[other]}`).join(', ')})`;
    bars.push(`<g class="bar"><title>${escapeHtml(title)}</title>`);
    counts.forEach((count, band) => {
      const barHeight = (count / max) * plotHeight;
      y -= barHeight;
      if (count > 0)
        bars.push(
          `<rect class="band-${band}" x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${barHeight.toFixed(1)}"/>`,
        );
    });
    bars.push('</g>');
    if (years.length <= 20 || entry.year % 5 === 0 || index === years.length - 1)
      bars.push(
        `<text x="${x + barWidth / 2}" y="${top + plotHeight + 16}" text-anchor="middle" class="tick">${entry.year}</text>`,
      );
    rows.push(
      `<tr><th scope="row">${entry.year}</th>${counts.map((count) => `<td>${count}</td>`).join('')}<td>${entry.count}</td></tr>`,
    );
  });
  const legend = bands
    .map(
      (band, index) =>
        `<rect class="band-${index}" x="${left + index * 140}" y="4" width="12" height="12"/><text x="${left + index * 140 + 18}" y="14">${escapeHtml(band)}</text>`,
    )
    .join('');
  const axis = `<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="tick">${max}</text><text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" class="tick">0</text><line x1="${left - 2}" y1="${top + plotHeight}" x2="${width - MARGIN}" y2="${top + plotHeight}" class="axis"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${Math.ceil(width)} ${height}" width="${Math.ceil(width)}" height="${height}" role="img" aria-label="Models per release year, by the country of a developer"><title>Models per release year, by the country of a developer</title>${legend}${axis}${bars.join('')}</svg>`;
  const table = `<details><summary>The numbers</summary><table class="chart-data"><thead><tr><th scope="col">Year</th>${bands.map((band) => `<th scope="col">${escapeHtml(band)}</th>`).join('')}<th scope="col">All</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
  return `<div class="picture">${svg}</div>${table}`;
}
