/**
 * The operations GraphiQL opens with: the questions llm-atlas answers, one request each.
 * test/questions.test.ts runs every one of them against the seeded graph.
 */
export const EXAMPLE_OPERATIONS = /* GraphQL */ `# Welcome to llm-atlas: a knowledge graph of the LLM landscape.
# Each operation below answers one question in one request: pick one with the ▶ button.

# 1. Which articles cover Baidu's models, and which of Baidu's models each one covers?
query ArticlesAboutBaiduModels {
  articles(filter: { coversModelOf: { slug: "baidu" } }) {
    totalCount
    edges {
      node {
        title
        url
        models(first: 20) {
          edges { relevance node { slug name developers { organization { slug } } } }
        }
      }
    }
  }
}

# 2. ChatGPT's lineage back to GPT-1, and everything that derives from GPT-3. Ancestry only:
#    ChatGPT's sibling InstructGPT and GPT-3.5's variants show with includeAssociations: true
#    (or in Model.associations); OpenAI's chain is preferred to the note's "BASED_ON GPT-3".
query ChatGPTLineage {
  chatgpt: model(slug: "chatgpt") {
    name
    lineage(direction: UP, maxDepth: 10) {
      depth
      kind
      model { slug name }
      path { slug }
    }
  }
  gpt3: model(slug: "gpt-3") {
    descendants: lineage(direction: DOWN) { depth kind model { slug } }
  }
  lineagePath(from: "chatgpt", to: "gpt-1") { kind child { slug } parent { slug } source { title } }
}

# 3. Models with more than 100B parameters from Chinese organizations, largest first.
query BigChineseModels {
  models(
    filter: { parameters: { gt: "100000000000" }, developedBy: { country: "CN" } }
    orderBy: { field: PARAMETERS, direction: DESC }
  ) {
    totalCount
    edges {
      node {
        slug
        name
        nameZh
        parameterCount { value display displayZh }
        developers { organization { name nameZh } }
      }
    }
  }
}

# 4. Everything about RLHF: its models, its articles, its sub-topics and parent topic.
query AboutRLHF {
  topic(slug: "rlhf") {
    name
    nameZh
    description
    parent { slug name }
    children { slug name }
    models(first: 50) { totalCount edges { node { slug name } } }
    articles(first: 50) { totalCount edges { relevance node { title url } } }
  }
}

# 5. One search across organizations, models, articles and topics ("百度", "悟道", "wudao", "flan").
query Search {
  search(query: "悟道", first: 10) {
    totalCount
    edges {
      score
      matchedField
      matchedText
      node {
        __typename
        ... on Model { slug name }
        ... on Organization { slug name }
        ... on Article { title }
        ... on Topic { slug name }
      }
    }
  }
}

# 6. Where do sources disagree? ERNIE 3.0's claims, and every model with a disagreement.
query Disagreements {
  model(slug: "ernie-3-0") {
    name
    claims(property: PARAMETERS) { value parameters { display } quote source { slug title url } }
    disagreements { property values }
  }
  modelsWithDisagreements(first: 50) {
    totalCount
    edges { node { slug disagreements { property values } } }
  }
}

# 7. Which organizations does an article touch, directly or through the models it covers?
query OrganizationsOfAnArticle {
  article(url: "https://www.zhihu.com/question/572106826/answer/2808336053") {
    title
    organizationsTouched { direct organization { slug name } viaModels { slug } }
  }
}

# 8. Overview counts and facets in one request.
query Overview {
  overview {
    organizations { organization { slug } modelCount articleCount largestModel { slug parameterCount { display } } }
    topics { topic { slug } modelCount articleCount }
    countries { country organizationCount modelCount articleCount }
  }
  articles(first: 5) {
    totalCount
    facets {
      languages { value count }
      years { year count }
      organizations { organization { slug } count }
      topics { topic { slug } count }
    }
  }
  models(first: 5, filter: { developedBy: { country: "CN" } }) {
    totalCount
    facets { organizations { organization { slug } count } families { value count } years { year count } }
  }
}

# 9. Who co-authored papers on both GPT-3 and InstructGPT? (Each \`wrote\` is its own article.)
query CoAuthorsOfGPT3AndInstructGPT {
  people(filter: { and: [
    { wrote: { coversModel: { slug: "gpt-3" } } }
    { wrote: { coversModel: { slug: "instructgpt" } } }
  ] }) {
    totalCount
    edges { node {
      slug name
      articles(first: 5, filter: { coversModel: { slugIn: ["gpt-3", "instructgpt"] } }) {
        edges { position node { title } }
      }
    } }
  }
}

# 10. Which people wrote papers on Chinese models over 100B? The most prolific first, with the
#     organizations their papers cover; namesakes without shared evidence are separate people.
query AuthorsOfBigChineseModels {
  people(first: 20, orderBy: { field: ARTICLES, direction: DESC }, filter: { wrote: {
    kind: PAPER
    coversModel: { developedBy: { country: "CN" }, parameters: { gte: "100000000000" } }
  } }) {
    totalCount
    edges { node { slug name nameZh organizations { articles organization { slug } } } }
  }
}
`;
