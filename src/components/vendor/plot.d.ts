// The types of src/components/vendor/plot.js, the bundle scripts/chart-bundles.ts writes from
// @observablehq/plot with the exports the components use.
export * from "@observablehq/plot";
