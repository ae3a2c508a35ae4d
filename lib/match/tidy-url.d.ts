// tidy-url ships its rule list as a CommonJS array without types.
declare module 'tidy-url/data/rules.js' {
  const rules: ReadonlyArray<unknown>;
  export default rules;
}
