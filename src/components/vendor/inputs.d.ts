// The types of src/components/vendor/inputs.js, the bundle scripts/chart-bundles.ts writes from
// @observablehq/inputs with the exports the components use (declared in ../observable.d.ts).
export * from "@observablehq/inputs";
