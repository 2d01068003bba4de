import katexPlugin from "@vscode/markdown-it-katex";
export default {
  title: "Transformers from the inside",
  root: "src",
  globalStylesheets: [],
  markdownIt: (md) => md.use(katexPlugin.default ?? katexPlugin),
};
