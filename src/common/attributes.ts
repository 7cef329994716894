/** A user's attributes as the sources give them and the protocols release them. */
export type AttributeValue = string | string[];
export type Attributes = Record<string, AttributeValue>;
