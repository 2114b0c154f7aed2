/** A DTO class, as the message rules use them: constructed without arguments. */
export type DtoClass = new () => object;

const NESTED_TYPES = new WeakMap<object, Map<string, () => DtoClass>>();

/**
 * Remembers the class a nested field is validated against (the same class `@Type` hands to
 * class-transformer), so the compiled validators can follow it without class-transformer.
 */
export function registerNestedType(target: object, property: string, cls: () => DtoClass): void {
  const own = NESTED_TYPES.get(target) ?? new Map<string, () => DtoClass>();
  own.set(property, cls);
  NESTED_TYPES.set(target, own);
}

/** The registered class of `property` on `cls` or a class it extends; undefined when there is none. */
export function nestedTypeOf(cls: DtoClass, property: string): DtoClass | undefined {
  for (
    let proto: object | null = cls.prototype as object;
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const found = NESTED_TYPES.get(proto)?.get(property);
    if (found) {
      return found();
    }
  }
  return undefined;
}
