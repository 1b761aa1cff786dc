/**
 * The graph's vocabularies. The values come from the enums of `prisma/schema.prisma` (as Prisma
 * generates them), so the database, the API, the seed files and the importers share one list;
 * each value is described here and only here (the GraphQL enums take these descriptions).
 */
import {
  ActorKind,
  ArticleKind,
  ArticleProperty,
  ArticleSite,
  ClaimProperty,
  ClaimRank,
  Confidence,
  DatePrecision,
  DeveloperRole,
  Domain,
  HistoryEntity,
  LineageKind,
  OrganizationKind,
  OrganizationProperty,
  Relevance,
  RevisionAction,
  SlugEntity,
  SourceKind,
  TokenRole,
} from '../generated/prisma/enums.js';

export {
  ActorKind,
  ArticleKind,
  ArticleProperty,
  ArticleSite,
  ClaimProperty,
  ClaimRank,
  Confidence,
  DatePrecision,
  DeveloperRole,
  Domain,
  HistoryEntity,
  LineageKind,
  OrganizationKind,
  OrganizationProperty,
  Relevance,
  RevisionAction,
  SlugEntity,
  SourceKind,
  TokenRole,
};

/** The values of each enum, by enum name. */
export const ENUMS = {
  ActorKind,
  ArticleKind,
  ArticleProperty,
  ArticleSite,
  ClaimProperty,
  ClaimRank,
  Confidence,
  DatePrecision,
  DeveloperRole,
  Domain,
  LineageKind,
  OrganizationKind,
  OrganizationProperty,
  Relevance,
  SlugEntity,
  SourceKind,
  TokenRole,
  HistoryEntity,
  RevisionAction,
} as const;

export type EnumName = keyof typeof ENUMS;
/** The union of the values of an enum. */
export type EnumValue<Name extends EnumName> = Extract<(typeof ENUMS)[Name][keyof (typeof ENUMS)[Name]], string>;

/** What an enum and each of its values mean; a value left out or one too many fails to compile. */
export type EnumDescription<Name extends EnumName> = Readonly<{
  description: string;
  values: Readonly<Record<EnumValue<Name>, string>>;
}>;

export const ENUM_DESCRIPTIONS: { readonly [Name in EnumName]: EnumDescription<Name> } = {
  ClaimRank: {
    description:
      'Where a claim stands among the claims of its property (as in Wikidata): the preferred one gives the value the graph shows; see `Claim.rankReason` for why.',
    values: {
      PREFERRED:
        'The claim the graph takes its value from: chosen by a curator, or the best qualified claim by the ranking rule.',
      NORMAL:
        'A claim kept and shown, but not the one the value is taken from (it agrees with it, is outranked, or is too uncertain).',
      DEPRECATED: 'A claim a curator has found wrong (the reason is given); kept, never preferred.',
    },
  },
  Domain: {
    description: 'A field a model works in, as Epoch AI classifies models (a model may work in several).',
    values: {
      LANGUAGE: 'Language: text understanding and generation, code, chat.',
      VISION: 'Vision: image understanding (classification, detection, segmentation).',
      MULTIMODAL: 'Several modalities at once (e.g. text and images).',
      SPEECH: 'Speech recognition or synthesis.',
      AUDIO: 'Audio and music other than speech.',
      IMAGE_GENERATION: 'Image generation.',
      VIDEO: 'Video understanding or generation.',
      GAMES: 'Games (Go, Atari, StarCraft, ...).',
      ROBOTICS: 'Robotics and control.',
      BIOLOGY: 'Biology: proteins, genomes, molecules.',
      MEDICINE: 'Medicine.',
      MATHEMATICS: 'Mathematics and theorem proving.',
      RECOMMENDATION: 'Recommendation systems.',
      MODELING_3D: '3D modelling.',
      EARTH_SCIENCE: 'Earth science: weather, climate.',
      MATERIALS_SCIENCE: 'Materials science.',
      SEARCH: 'Search and retrieval.',
      DRIVING: 'Autonomous driving.',
      OTHER: 'Another field.',
    },
  },
  ArticleProperty: {
    description: 'The property of an article a claim is about.',
    values: {
      CITATIONS: 'How many times the article was cited, as the source counted on its day.',
    },
  },
  OrganizationProperty: {
    description: 'The property of an organization a claim is about.',
    values: {
      COUNTRY: 'Country of its headquarters (ISO 3166-1 alpha-2 code).',
      KIND: 'What kind of body it is (an OrganizationKind value).',
    },
  },
  TokenRole: {
    description: 'What the holder of a token may do; reads need no token.',
    values: {
      EDITOR: 'Change the data of the graph.',
      ADMIN: 'Change the data, and manage the tokens of others.',
    },
  },
  SlugEntity: {
    description: 'The kinds of entity a published slug can name.',
    values: { ORGANIZATION: 'An organization.', MODEL: 'A model.', TOPIC: 'A topic.' },
  },
  DatePrecision: {
    description: 'How much of a date is known.',
    values: {
      YEAR: 'Only the year (shown as January 1st of it).',
      MONTH: 'The year and month (shown as the 1st of the month).',
      DAY: 'The day.',
    },
  },
  OrganizationKind: {
    description: 'What kind of body an organization is.',
    values: {
      COMPANY: 'A for-profit company.',
      LAB: 'A research lab or division inside a company or university.',
      UNIVERSITY: 'A university or one of its departments.',
      NON_PROFIT: 'A non-profit organization or foundation.',
      GOVERNMENT: 'A government or state-backed research institute.',
      COLLABORATION: 'A time-limited open research collaboration (e.g. BigScience).',
      OTHER: 'Anything else, or not known.',
    },
  },
  DeveloperRole: {
    description: 'The role an organization played in building a model.',
    values: {
      DEVELOPER: 'Built the model (or is one of several equal builders).',
      CO_DEVELOPER: 'Contributed to the model alongside the main developer.',
    },
  },
  LineageKind: {
    description: 'How a model derives from another.',
    values: {
      FINE_TUNED_FROM: "Fine-tuned from the base model's weights (supervised or with RLHF).",
      INSTRUCTION_TUNED_FROM: 'Fine-tuned on instructions from the base model.',
      DISTILLED_FROM: 'Distilled from the larger base model.',
      SCALE_UP_OF: "A larger version of the base model's recipe.",
      SUCCESSOR_OF: 'A later generation of the same line.',
      VARIANT_OF: 'Another size or variant of the same release.',
      BASED_ON: 'Built on the base model in a way not given more precisely.',
      SIBLING_OF: 'Trained alongside the other model with the same method (ChatGPT and InstructGPT).',
    },
  },
  ArticleSite: {
    description: 'The site an article was published on.',
    values: {
      WECHAT: 'A WeChat official-account post (mp.weixin.qq.com).',
      ZHIHU: 'Zhihu: a question, an answer or a column post.',
      ARXIV: 'arXiv.',
      YOUTUBE: 'YouTube.',
      GITHUB: 'GitHub.',
      BLOG: 'A blog.',
      NEWS: 'A news site.',
      OTHER: 'Any other site.',
    },
  },
  ArticleKind: {
    description: 'The form of an article.',
    values: {
      BLOG_POST: 'A blog or official-account post.',
      QA: 'A question and its answers (e.g. on Zhihu).',
      COURSE: 'Course material: lecture, slides, notes.',
      PAPER: 'A research paper.',
      RESOURCE_LIST: 'A curated list of resources.',
      NEWS: 'A news report.',
      VIDEO: 'A video.',
      REPORT: 'A research or industry report (a technical report, often a PDF).',
      MODEL_CARD: "A model's card: its page on a model hub such as Hugging Face.",
      OTHER: 'Anything else.',
    },
  },
  Relevance: {
    description: 'How central an entity is to an article.',
    values: {
      MAIN: 'The article is mainly about it.',
      MENTION: 'The article mentions or discusses it in passing.',
    },
  },
  SourceKind: {
    description: 'What kind of thing a source is.',
    values: {
      NOTE: "A personal note (the user's note on ChatGPT).",
      PAPER: 'A research paper.',
      WEBSITE: 'A website, blog post or documentation page.',
      DATASET: 'A published dataset (e.g. Epoch AI).',
      CURATED: 'Data curated by the llm-atlas maintainers from the sources they cite.',
    },
  },
  ClaimProperty: {
    description: 'The property of a model a claim is about.',
    values: {
      PARAMETERS: 'Number of parameters.',
      RELEASE_DATE: 'Release or publication date.',
      TRAINING_COMPUTE: 'Training compute in FLOP.',
      COUNTRY: 'Country of the developing organization(s).',
      ACCESSIBILITY: 'How the model can be accessed (open weights, API, unreleased, ...).',
      ARCHITECTURE: 'Architecture.',
      OPEN_WEIGHTS: 'Whether the weights are open.',
    },
  },
  Confidence: {
    description: 'How sure a source is of a claim.',
    values: {
      CONFIDENT: 'Confirmed by a primary source or two independent ones.',
      LIKELY: 'Likely, from a single secondary source.',
      SPECULATIVE: 'Speculative or estimated.',
      UNKNOWN: 'Not stated.',
    },
  },
  ActorKind: {
    description: 'Who made a write.',
    values: {
      EDITOR: "An editor, by their token (the actor is the token's name).",
      ADMIN: "An admin, by their token (the actor is the token's name).",
      IMPORTER: 'An importer run from the command line or on first start (`importer:curated`, `importer:epoch`).',
      SYSTEM: 'The server itself, or a maintenance script (`system`).',
    },
  },
  HistoryEntity: {
    description: 'The kinds of entity whose history is kept.',
    values: {
      SOURCE: 'A source.',
      ORGANIZATION: 'An organization (with its claims and aliases).',
      TOPIC: 'A topic.',
      MODEL: 'A model (with its claims, developers, topics, tasks, domains, lineage steps to parents and aliases).',
      ARTICLE: 'An article (with what it covers and its authors).',
      PERSON: 'A person (an author of articles).',
      HARDWARE: 'A kind of hardware models are trained on.',
      DATASET: 'A dataset models are trained on.',
    },
  },
  RevisionAction: {
    description: 'What a write did to an entity.',
    values: {
      CREATED: 'Created it.',
      UPDATED: 'Changed its fields, claims or edges.',
      DELETED: 'Deleted it (or merged it into another: see the `mergedInto` change).',
    },
  },
};

/** The values of an enum, in the order `schema.prisma` declares them. */
export function enumValues<Name extends EnumName>(name: Name): EnumValue<Name>[] {
  return Object.values(ENUMS[name]) as EnumValue<Name>[];
}

/**
 * Compares two values of an enum by the order `schema.prisma` declares them (DEVELOPER before
 * CO_DEVELOPER, MAIN before MENTION): an order of meaning, which neither SQLite's text order nor
 * another database's enum order may decide.
 */
export function byDeclaredOrder<Name extends EnumName>(name: Name): (a: EnumValue<Name>, b: EnumValue<Name>) => number {
  const rank = new Map<string, number>(enumValues(name).map((value, index) => [value, index]));
  return (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
}
