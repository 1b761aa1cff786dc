/**
 * The operations GraphiQL opens with: the questions llm-atlas answers, one request each.
 * Select an operation name in GraphiQL's run button to run it.
 */
export const EXAMPLE_OPERATIONS = /* GraphQL */ `# Welcome to llm-atlas: a knowledge graph of the LLM landscape.
# Each operation below answers one question in one request. Pick one with the ▶ button.

# 1. Which articles cover Baidu's models, and which of Baidu's models each one covers?
query ArticlesAboutBaiduModels {
  articles(filter: { coversModelOf: { slug: "baidu" } }) {
    totalCount
    edges {
      node {
        title
        url
        models(first: 10) {
          edges { relevance node { slug name developers { organization { slug } } } }
        }
      }
    }
  }
}
`;
