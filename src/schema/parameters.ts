import { formatParameters, formatParametersZh } from '../domain/parameters.js';
import { builder } from './builder.js';

/** A parameter count with its display forms, all from the same exact integer. */
export const ParameterCount = builder.objectRef<bigint>('ParameterCount').implement({
  description: 'A number of parameters: the exact integer and its display forms, all from the same number.',
  fields: (t) => ({
    value: t.field({ type: 'BigInt', description: 'The exact count, e.g. "175000000000".', resolve: (value) => value }),
    display: t.string({
      description: 'Short English form, e.g. "175B", "1.75T", "117M".',
      resolve: (value) => formatParameters(value),
    }),
    displayZh: t.string({
      description: 'Chinese form, e.g. "1750亿", "1.75万亿".',
      resolve: (value) => formatParametersZh(value),
    }),
  }),
});
