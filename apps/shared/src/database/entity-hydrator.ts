import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Turns a `SELECT *` row of an entity's table into the entity TypeORM would hydrate (each column
 * through the driver's own hydration, transformers included), for the hot paths whose statements
 * are written out: TypeORM's query builder spends more CPU building the SQL than the round trip
 * takes (docs/adr-hub-performance.md).
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
