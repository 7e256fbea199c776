/**
 * The resource whose list an address opens: `#/parameters`, `#/parameters?filter=…`, and the
 * first screen (规则包) at `#/` or no hash; nothing for a record, a custom page or the login.
 */
export function listOpenedBy(hash: string, resources: readonly string[], first = resources[0]): string | undefined {
  const path = /^(?:#\/?)?([\w-]*)\/?(?:\?.*)?$/.exec(hash);
  const name = path && (path[1] || first);
  return name && resources.includes(name) ? name : undefined;
}
