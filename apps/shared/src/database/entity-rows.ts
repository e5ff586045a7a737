import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/*
 * Rows of an entity's table in and out of written-out statements, for the hot paths where
 * TypeORM's query builder spends more CPU building the SQL than the round trip takes
 * (docs/adr-hub-performance.md). The column names come from the entity's own mapping.
 */

/**
 * Turns a `SELECT *` row into the entity TypeORM would hydrate (each column through the
 * driver's own hydration, transformers included).
 */
export function entityHydrator<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>): (row: Record<string, unknown>) => T {
  const metadata = dataSource.getMetadata(target);
  const { driver } = dataSource;
  return (row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  };
}

/**
 * The entities as rows keyed by column name, with the list of those names: what
 * `json_populate_recordset(NULL::<table>, $1::json)` takes to insert many rows in one statement.
 */
export function entityRows<T extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<T>): { columns: string[]; rowsOf: (entities: readonly T[]) => Record<string, unknown>[] } {
  const columns = dataSource.getMetadata(target).columns;
  return {
    columns: columns.map((c) => c.databaseName),
    rowsOf: (entities) => entities.map((entity) => Object.fromEntries(columns.map((c) => [c.databaseName, c.getEntityValue(entity) as unknown]))),
  };
}
