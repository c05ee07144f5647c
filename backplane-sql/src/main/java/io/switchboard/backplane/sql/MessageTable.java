package io.switchboard.backplane.sql;

/**
 * One message table of a hub, {@code Messages_{slug}_{index}}, with its id table {@code
 * Messages_{slug}_{index}_Id} (a single row: the last id given out), in {@code schema}.
 *
 * @param schema the database schema holding the tables
 * @param name the message table's name
 */
public record MessageTable(String schema, String name) {

  /** The id table's name. */
  public String idTableName() {
    return name + "_Id";
  }

  /** {@code schema.name}, for logs and health events. */
  @Override
  public String toString() {
    return schema + "." + name;
  }
}
