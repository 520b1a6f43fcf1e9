// A reason quoted from elsewhere (a server, a schema check) ends as a sentence before the app's own words follow it.
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
