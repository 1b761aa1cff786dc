/**
 * A Pothos plugin that keeps a connection's page out of its parent's query when the request asks
 * the connection for its `totalCount` alone: `organizations { models { totalCount } }` read every
 * organization's first models with the organizations, to show none (src/schema/connections.ts
 * counts them apart). It applies to the fields whose extensions say `countedWithoutPage` (the
 * connections `joinConnection` builds).
 *
 * Pothos' selection mapper hands a field's selection function the names selected beneath the
 * field (after the arguments, the context and the nested selection, through fragments, with
 * `@skip`/`@include` applied), but plugin-prisma's wrapper of a field's `select` passes only
 * the first three on; so this plugin, whose field hook runs after plugin-prisma's (listed before
 * it: Pothos runs those hooks from the last plugin to the first), reads the names itself.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

/** The fields a connection answers without its page. */
export const COUNT_ONLY: ReadonlySet<string> = new Set(['totalCount', '__typename']);

type Selection = (args: object, context: object, nested: unknown, selected?: unknown, ...rest: unknown[]) => unknown;

export class CountedWithoutPagePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const planned = fieldConfig.extensions?.pothosPrismaSelect;
    if (fieldConfig.extensions?.countedWithoutPage !== true || typeof planned !== 'function') return fieldConfig;
    const select: Selection = (args, context, nested, selected, ...rest) => {
      if (typeof selected === 'function') {
        const names = (selected as () => ReadonlySet<string>)();
        // The parent's id only (in plugin-prisma's wrapping of a field's `select`): the connection
        // resolves with no page, and counts apart.
        if ([...names].every((name) => COUNT_ONLY.has(name))) return { select: { id: true } };
      }
      return (planned as Selection)(args, context, nested, selected, ...rest);
    };
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, pothosPrismaSelect: select } };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      countedWithoutPage: CountedWithoutPagePlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('countedWithoutPage', CountedWithoutPagePlugin);
