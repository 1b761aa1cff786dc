/** The GraphQL enums that mirror the database's, each value described. */
import { builder } from './builder.js';

export const OrganizationKind = builder.enumType('OrganizationKind', {
  description: 'What kind of body an organization is.',
  values: {
    COMPANY: { description: 'A for-profit company.' },
    LAB: { description: 'A research lab or division inside a company or university.' },
    UNIVERSITY: { description: 'A university or one of its departments.' },
    NON_PROFIT: { description: 'A non-profit organization or foundation.' },
    GOVERNMENT: { description: 'A government or state-backed research institute.' },
    COLLABORATION: { description: 'A time-limited open research collaboration (e.g. BigScience).' },
    OTHER: { description: 'Anything else, or not known.' },
  } as const,
});

export const DeveloperRole = builder.enumType('DeveloperRole', {
  description: 'The role an organization played in building a model.',
  values: {
    DEVELOPER: { description: 'Built the model (or is one of several equal builders).' },
    CO_DEVELOPER: { description: 'Contributed to the model alongside the main developer.' },
  } as const,
});

export const LineageKind = builder.enumType('LineageKind', {
  description: 'How a model derives from another.',
  values: {
    FINE_TUNED_FROM: { description: "Fine-tuned from the base model's weights (supervised or with RLHF)." },
    INSTRUCTION_TUNED_FROM: { description: 'Fine-tuned on instructions from the base model.' },
    DISTILLED_FROM: { description: 'Distilled from the larger base model.' },
    SCALE_UP_OF: { description: "A larger version of the base model's recipe." },
    SUCCESSOR_OF: { description: 'A later generation of the same line.' },
    VARIANT_OF: { description: 'Another size or variant of the same release.' },
    BASED_ON: { description: 'Built on the base model in a way not given more precisely.' },
    SIBLING_OF: { description: 'Trained alongside the other model with the same method (ChatGPT and InstructGPT).' },
  } as const,
});

export const ArticleSite = builder.enumType('ArticleSite', {
  description: 'The site an article was published on.',
  values: {
    WECHAT: { description: 'A WeChat official-account post (mp.weixin.qq.com).' },
    ZHIHU: { description: 'Zhihu: a question, an answer or a column post.' },
    ARXIV: { description: 'arXiv.' },
    YOUTUBE: { description: 'YouTube.' },
    GITHUB: { description: 'GitHub.' },
    BLOG: { description: 'A blog.' },
    NEWS: { description: 'A news site.' },
    OTHER: { description: 'Any other site.' },
  } as const,
});

export const ArticleKind = builder.enumType('ArticleKind', {
  description: 'The form of an article.',
  values: {
    BLOG_POST: { description: 'A blog or official-account post.' },
    QA: { description: 'A question and its answers (e.g. on Zhihu).' },
    COURSE: { description: 'Course material: lecture, slides, notes.' },
    PAPER: { description: 'A research paper.' },
    RESOURCE_LIST: { description: 'A curated list of resources.' },
    NEWS: { description: 'A news report.' },
    VIDEO: { description: 'A video.' },
    REPORT: { description: 'A research or industry report.' },
    OTHER: { description: 'Anything else.' },
  } as const,
});

export const Relevance = builder.enumType('Relevance', {
  description: 'How central an entity is to an article.',
  values: {
    MAIN: { description: 'The article is mainly about it.' },
    MENTION: { description: 'The article mentions or discusses it in passing.' },
  } as const,
});

export const SourceKind = builder.enumType('SourceKind', {
  description: 'What kind of thing a source is.',
  values: {
    NOTE: { description: "A personal note (the user's note on ChatGPT)." },
    PAPER: { description: 'A research paper.' },
    WEBSITE: { description: 'A website, blog post or documentation page.' },
    DATASET: { description: 'A published dataset (e.g. Epoch AI).' },
    CURATED: { description: 'Data curated by the llm-atlas maintainers from the sources they cite.' },
  } as const,
});

export const ClaimProperty = builder.enumType('ClaimProperty', {
  description: 'The property of a model a claim is about.',
  values: {
    PARAMETERS: { description: 'Number of parameters.' },
    RELEASE_DATE: { description: 'Release or publication date.' },
    TRAINING_COMPUTE: { description: 'Training compute in FLOP.' },
    COUNTRY: { description: 'Country of the developing organization(s).' },
    ACCESSIBILITY: { description: 'How the model can be accessed (open weights, API, unreleased, ...).' },
    ARCHITECTURE: { description: 'Architecture.' },
    OPEN_WEIGHTS: { description: 'Whether the weights are open.' },
  } as const,
});

export const Confidence = builder.enumType('Confidence', {
  description: 'How sure a source is of a claim.',
  values: {
    CONFIDENT: { description: 'Confirmed by a primary source or two independent ones.' },
    LIKELY: { description: 'Likely, from a single secondary source.' },
    SPECULATIVE: { description: 'Speculative or estimated.' },
    UNKNOWN: { description: 'Not stated.' },
  } as const,
});

export const SortDirection = builder.enumType('SortDirection', {
  description: 'Order of a sort. Nulls always come last.',
  values: {
    ASC: { description: 'Smallest, earliest or A first.' },
    DESC: { description: 'Largest, latest or Z first.' },
  } as const,
});
