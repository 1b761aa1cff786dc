/**
 * What models were trained on: `Hardware` and `Dataset` nodes, `Model.trainedOn` and
 * `Model.trainingData`, and the roots `hardware`/`allHardware` and `dataset`/`datasets`.
 * "Which models were trained on Ascend 910?" is `hardware(slug: "huawei-ascend-910") { models }`,
 * or `models(filter: { trainedOn: { slug: "huawei-ascend-910" } })`.
 */
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { type BuilderTypes, builder, type NodeRef } from './builder.js';
import { joinConnection, totalCountField } from './connections.js';
import {
  DatasetFilter,
  HardwareFilter,
  ModelFilter,
  ModelOrder,
  throughModels,
  trainingResourceWhere,
} from './filters.js';
import { Model } from './model.js';

const hardwareModels = prismaConnectionHelpers(builder, 'ModelHardware', {
  cursor: 'modelId_hardwareId',
  select: (nodeSelection) => ({ quantity: true, model: nodeSelection({ select: { id: true } }) }),
  resolveNode: (edge) => edge.model,
});
const datasetModels = prismaConnectionHelpers(builder, 'ModelDataset', {
  cursor: 'modelId_datasetId',
  select: (nodeSelection) => ({ model: nodeSelection({ select: { id: true } }) }),
  resolveNode: (edge) => edge.model,
});

const modelsArgs = (t: PothosSchemaTypes.PrismaObjectFieldBuilder<BuilderTypes, never, never>) => ({
  filter: t.arg({ type: ModelFilter, required: false, description: 'Only models matching this.' }),
  orderBy: t.arg({ type: ModelOrder, required: false, description: 'Sort order (default: by slug).' }),
});

export const Hardware: NodeRef<'Hardware'> = builder.prismaNode('Hardware', {
  id: { field: 'id' },
  nullable: true,
  description:
    'A kind of chip or machine models are trained on (e.g. `NVIDIA A100 SXM4 80 GB`, `Huawei Ascend 910`), as the sources name it.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier (e.g. `huawei-ascend-910`).' }),
    name: t.exposeString('name', { description: 'The name as the sources write it most often.' }),
    source: t.relation('source', { nullable: true, description: 'Where it was found.' }),
    models: t.connection(
      {
        type: Model,
        description: 'Models trained on it, with how many chips where the source says.',
        args: modelsArgs(t as never),
        ...joinConnection({
          relation: 'models',
          count: { table: 'modelHardware', key: 'hardwareId' },
          helpers: hardwareModels,
          ...throughModels,
        }),
      },
      {
        name: 'HardwareModelsConnection',
        description: 'Models trained on some hardware.',
        fields: (connection) => ({ totalCount: totalCountField(connection, 'models') }),
      },
      {
        name: 'HardwareModelsEdge',
        description: 'A model trained on some hardware.',
        fields: (edge) => ({
          quantity: edge.int({
            nullable: true,
            description: 'How many chips, where the source says.',
            resolve: (item) => (item as unknown as { quantity: number | null }).quantity,
          }),
        }),
      },
    ),
  }),
});

export const Dataset: NodeRef<'Dataset'> = builder.prismaNode('Dataset', {
  id: { field: 'id' },
  nullable: true,
  description: 'A dataset models are trained on (e.g. `ImageNet`, `The Pile`), as the sources name it.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier (e.g. `the-pile`).' }),
    name: t.exposeString('name', { description: 'The name as the sources write it most often.' }),
    source: t.relation('source', { nullable: true, description: 'Where it was found.' }),
    models: t.connection(
      {
        type: Model,
        description: 'Models trained on it.',
        args: modelsArgs(t as never),
        ...joinConnection({
          relation: 'models',
          count: { table: 'modelDataset', key: 'datasetId' },
          helpers: datasetModels,
          ...throughModels,
        }),
      },
      {
        name: 'DatasetModelsConnection',
        description: 'Models trained on a dataset.',
        fields: (connection) => ({ totalCount: totalCountField(connection, 'models') }),
      },
      { name: 'DatasetModelsEdge', description: 'A model trained on a dataset.' },
    ),
  }),
});

builder.prismaObject('ModelHardware', {
  name: 'TrainingHardware',
  description: 'Hardware a model was trained on, as a source says.',
  fields: (t) => ({
    hardware: t.relation('hardware', { description: 'The hardware.' }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'How many chips, where the source says.' }),
    source: t.relation('source', { nullable: true, description: 'Who says so.' }),
    locator: t.exposeString('locator', { nullable: true, description: "Where in the source (the dataset's row)." }),
  }),
});

builder.prismaObject('ModelDataset', {
  name: 'TrainingDataset',
  description: 'A dataset a model was trained on, as a source says.',
  fields: (t) => ({
    dataset: t.relation('dataset', { description: 'The dataset.' }),
    source: t.relation('source', { nullable: true, description: 'Who says so.' }),
    locator: t.exposeString('locator', { nullable: true, description: "Where in the source (the dataset's row)." }),
  }),
});

builder.prismaObjectFields('Model', (t) => ({
  trainedOn: t.relation('hardware', {
    description: 'The hardware it was trained on, by slug.',
    query: { orderBy: { hardware: { slug: 'asc' } } },
  }),
  trainingData: t.relation('datasets', {
    description: 'The datasets it was trained on, by slug.',
    query: { orderBy: { dataset: { slug: 'asc' } } },
  }),
}));

builder.queryFields((t) => ({
  hardware: t.prismaField({
    type: 'Hardware',
    nullable: true,
    description: 'Hardware by slug; null when none has it. `allHardware(filter: { name: ... })` finds it by name.',
    args: { slug: t.arg.string({ required: true, description: 'The slug (e.g. `huawei-ascend-910`).' }) },
    resolve: (query, _root, args, context) =>
      context.prisma.hardware.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  allHardware: t.prismaConnection(
    {
      type: 'Hardware',
      cursor: 'id',
      description: 'All hardware models were trained on, by slug.',
      args: { filter: t.arg({ type: HardwareFilter, required: false, description: 'Only hardware matching this.' }) },
      totalCount: (_parent, args, context) =>
        context.prisma.hardware.count({ where: trainingResourceWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.prisma.hardware.findMany({
          ...query,
          where: trainingResourceWhere(args.filter),
          orderBy: { slug: 'asc' },
        }),
    },
    { name: 'HardwareConnection', description: 'A page of hardware.' },
    { name: 'HardwareEdge', description: 'Hardware in a page.' },
  ),
  dataset: t.prismaField({
    type: 'Dataset',
    nullable: true,
    description: 'A dataset by slug; null when none has it. `datasets(filter: { name: ... })` finds it by name.',
    args: { slug: t.arg.string({ required: true, description: 'The slug (e.g. `the-pile`).' }) },
    resolve: (query, _root, args, context) =>
      context.prisma.dataset.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  datasets: t.prismaConnection(
    {
      type: 'Dataset',
      cursor: 'id',
      description: 'All datasets models were trained on, by slug.',
      args: { filter: t.arg({ type: DatasetFilter, required: false, description: 'Only datasets matching this.' }) },
      totalCount: (_parent, args, context) =>
        context.prisma.dataset.count({ where: trainingResourceWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.prisma.dataset.findMany({
          ...query,
          where: trainingResourceWhere(args.filter),
          orderBy: { slug: 'asc' },
        }),
    },
    { name: 'DatasetConnection', description: 'A page of datasets.' },
    { name: 'DatasetEdge', description: 'A dataset in a page.' },
  ),
}));
