/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertReadModelSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid read-model schema name "${schema}": use lower-case letters, digits and underscores`);
  }
  return schema;
}

export const DEFAULT_READ_MODEL_SCHEMA = 'read_models';
