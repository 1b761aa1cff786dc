// The atlas explorer's script: progressive enhancement only (every page reads without it).
// - search as you type, with the keyboard (arrows, Enter, Escape);
// - editors' forms send the persisted mutations with the editor's token.
// It speaks only the persisted operations (OPERATIONS, prepended by the server: name -> SHA-256).

const CSRF = { 'x-graphql-yoga-csrf': '1' };

function persisted(name) {
  return { persistedQuery: { version: 1, sha256Hash: OPERATIONS[name] } };
}

async function query(name, variables) {
  const params = new URLSearchParams({
    extensions: JSON.stringify(persisted(name)),
    variables: JSON.stringify(variables),
  });
  const response = await fetch(`/graphql?${params}`, { headers: { accept: 'application/json', ...CSRF } });
  return response.json();
}

async function mutate(name, variables, token) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ extensions: persisted(name), variables }),
  });
  return response.json();
}

const PATHS = {
  Model: (node) => `/models/${encodeURIComponent(node.slug)}`,
  Organization: (node) => `/organizations/${encodeURIComponent(node.slug)}`,
  Topic: (node) => `/topics/${encodeURIComponent(node.slug)}`,
  Person: (node) => `/people/${encodeURIComponent(node.slug)}`,
  Article: (node) =>
    `/articles/${encodeURI(node.url.replace(/^https:\/\//, ''))
      .replace(/\?/g, '%3F')
      .replace(/#/g, '%23')}`,
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

function label(node) {
  const span = (text) => {
    const element = document.createElement('span');
    element.textContent = text;
    element.lang = CJK.test(text) ? 'zh' : 'en';
    return element;
  };
  const parts = [span(node.__typename === 'Article' ? node.title : node.name)];
  if (node.nameZh) parts.push(document.createTextNode(' '), span(node.nameZh));
  return parts;
}

function setUpSearch() {
  const input = document.getElementById('q');
  const list = document.getElementById('live-results');
  if (!input || !list) return;
  let timer;
  let latest = 0;
  const status = document.getElementById('live-status');
  // The combobox pattern (WAI-ARIA): focus stays in the box, the arrows move the active option
  // (aria-activedescendant, aria-selected), Enter opens it, Escape closes the list.
  let active = -1;
  const options = () => [...list.querySelectorAll('[role="option"]')];
  const activate = (index) => {
    const all = options();
    active = all.length === 0 ? -1 : Math.max(-1, Math.min(index, all.length - 1));
    for (const [at, option] of all.entries()) option.setAttribute('aria-selected', String(at === active));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    // An answer still on its way is for a query no longer asked: it must not reopen the list.
    latest += 1;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    activate(-1);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return close();
    timer = setTimeout(async () => {
      const ticket = ++latest;
      let result;
      try {
        result = await query('ExplorerSearch', { query: text, first: 10 });
      } catch {
        return;
      }
      if (ticket !== latest) return;
      list.replaceChildren();
      const edges = result.data?.search.edges ?? [];
      for (const [index, edge] of edges.entries()) {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.id = `live-result-${index}`;
        item.setAttribute('aria-selected', 'false');
        const link = document.createElement('a');
        link.href = PATHS[edge.node.__typename](edge.node);
        // Reached by the arrows through the box, not by Tab: one tab stop for the whole widget.
        link.tabIndex = -1;
        const kind = document.createElement('span');
        kind.className = 'kind';
        kind.textContent = `${edge.node.__typename} `;
        link.append(kind, ...label(edge.node));
        item.append(link);
        list.append(item);
      }
      if (status)
        status.textContent = result.errors
          ? result.errors[0].message
          : `${result.data.search.totalCount} matches${edges.length ? '; arrow down to choose' : ''}`;
      activate(-1);
      if (edges.length === 0) {
        list.hidden = true;
        input.setAttribute('aria-expanded', 'false');
        return;
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && !list.hidden) {
      event.preventDefault();
      activate(active + 1);
    } else if (event.key === 'ArrowUp' && !list.hidden) {
      event.preventDefault();
      activate(active - 1);
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
      // Open the active option instead of submitting the search form.
      event.preventDefault();
      const link = options()[active]?.querySelector('a');
      if (link) location.assign(link.href);
    } else if (event.key === 'Escape') close();
  });
  document.addEventListener('click', (event) => {
    if (!event.target.closest('form.search')) close();
  });
  // Tabbing out of the search box and its list closes the list.
  input.form?.addEventListener('focusout', (event) => {
    if (!input.form.contains(event.relatedTarget)) {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }
  });
}

function setUpEditing() {
  const panel = document.querySelector('details.edit');
  const status = document.querySelector('.edit-result');
  const tokenInput = document.getElementById('edit-token');
  if (!panel || !status || !tokenInput) return;
  // The panel needs this script (the token goes in a header): shown only where it runs.
  panel.hidden = false;
  // Enter in the token field must not submit anything: the token never goes into an address.
  tokenInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault();
  });
  tokenInput.value = sessionStorage.getItem('llm-atlas-token') ?? '';
  const token = () => {
    const value = tokenInput.value.trim();
    if (value) sessionStorage.setItem('llm-atlas-token', value);
    return value;
  };
  const report = (result, field) => {
    if (result.errors) return `Refused: ${result.errors[0].message}`;
    const payload = result.data[field];
    if (payload.message) return `Refused (${payload.code}): ${payload.message}`;
    return null;
  };
  const send = async (event, name, field, variables) => {
    event.preventDefault();
    const value = token();
    if (!value) {
      status.textContent = 'A token is needed: ask an administrator for one (npm run token -- create).';
      tokenInput.focus();
      return;
    }
    status.textContent = 'Saving…';
    try {
      const result = await mutate(name, variables, value);
      const refusal = report(result, field);
      if (refusal) status.textContent = refusal;
      else {
        status.textContent = 'Saved. Reloading…';
        location.reload();
      }
    } catch (error) {
      status.textContent = `Not saved: ${error.message}`;
    }
  };
  const claim = document.querySelector('form.add-claim');
  claim?.addEventListener('submit', (event) => {
    const data = new FormData(claim);
    const input = {
      model: claim.dataset.model,
      property: data.get('property'),
      value: data.get('value'),
      source: data.get('source'),
      confidence: data.get('confidence'),
    };
    if (data.get('quote')) input.quote = data.get('quote');
    send(event, 'ExplorerAddClaim', 'addClaim', { input });
  });
  const update = document.querySelector('form.update-model');
  update?.addEventListener('submit', (event) => {
    const description = new FormData(update).get('description');
    send(event, 'ExplorerUpdateModel', 'updateModel', {
      input: {
        slug: update.dataset.model,
        description: description || null,
        expectedVersion: Number(update.dataset.version),
      },
    });
  });
}

setUpSearch();
setUpEditing();
