// Test helper: a deeply reactive $state proxy around plain data, like the ones components hand to the api.
export function reactive<T extends object>(value: T): T {
  const proxy = $state(value);
  return proxy;
}
