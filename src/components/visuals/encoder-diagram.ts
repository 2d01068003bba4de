/**
 * Topic 1: one encoder (or decoder) layer of the Transformer, drawn as a block diagram from
 * bottom to top, with the residual wiring of Post-LN (Vaswani et al. 2017:
 * LayerNorm(x + Dropout(Sublayer(x)))) or Pre-LN (x + Dropout(Sublayer(LayerNorm(x)))),
 * the tensor shape on every arrow, and the exact parameter count of each sub-layer:
 * attention 4·d² + 4d (W_Q, W_K, W_V, W_O and their biases), FFN 2·d·d_ff + d_ff + d,
 * LayerNorm 2d (γ and β). The layer itself is data (encoder/model.ts), placed for the width
 * (encoder/layout.ts) and drawn (encoder/draw.ts); this file holds the controls and the bars.
 */
import * as Plot from "../vendor/plot.js";
import * as Inputs from "../vendor/inputs.js";
import { chartWidth, container, slot, type Lang } from "./_shared.js";
import { el } from "../dom.js";
import { T, type Words } from "./encoder/strings.js";
import { layerModel, paramRows, type LayerSettings, type ParamRow } from "./encoder/model.js";
import { layoutLayer } from "./encoder/layout.js";
import { COLOURS, drawLayer } from "./encoder/draw.js";

const D_MODELS = [64, 128, 256, 512, 768, 1024, 2048];
const HEADS = [1, 2, 4, 8, 12, 16, 32];
const D_FFS = [256, 512, 1024, 2048, 3072, 4096, 8192];

const fmt = (x: number) => x.toLocaleString("en-US");

function paramBars(s: LayerSettings, nLayers: number, width: number, t: Words): SVGSVGElement | HTMLElement {
  const { rows, perLayer, stackTotal } = paramRows(s, nLayers, t);
  const max = Math.max(...rows.map((r) => r.n));
  return Plot.plot({
    width,
    height: 34 * rows.length + 60,
    marginLeft: 110,
    marginRight: 12,
    subtitle: `${t.perLayer}: ${fmt(perLayer)} ${t.stack} ${nLayers} ${t.layersWord} ${fmt(stackTotal)}${s.pre ? ` (+ ${t.lnShort} 2d)` : ""}`,
    x: { label: t.params, grid: true, domain: [0, max * 1.02], tickFormat: "~s" },
    y: { label: null, domain: rows.map((r) => r.part) },
    marks: [
      Plot.barX(rows, { y: "part", x: "n", fill: (r: ParamRow) => COLOURS[r.kind], fillOpacity: 0.6 }),
      Plot.text(rows, { y: "part", x: 0, dx: 4, textAnchor: "start", text: (r: ParamRow) => `${r.formula} = ${fmt(r.n)}`, fill: "currentColor" }),
      Plot.ruleX([0]),
    ],
  });
}

let uid = 0;

export default function encoderDiagram({ lang }: { lang: Lang; preset?: string }): HTMLElement {
  const t = T[lang];
  const root = container("encoder-diagram", t.caption);
  const wiring = Inputs.select([t.post, t.pre], { label: t.wiring, value: t.post }) as HTMLElement & { value: string };
  const layer = Inputs.select([t.encoder, t.decoder], { label: t.layer, value: t.encoder }) as HTMLElement & { value: string };
  const dModel = Inputs.select(D_MODELS, { label: t.dModel, value: 512 }) as HTMLElement & { value: number };
  const heads = Inputs.select(HEADS, { label: t.heads, value: 8 }) as HTMLElement & { value: number };
  const dff = Inputs.select(D_FFS, { label: t.dff, value: 2048 }) as HTMLElement & { value: number };
  const nLayers = Inputs.range([1, 48], { label: t.nLayers, value: 6, step: 1 }) as HTMLElement & { value: number };
  const warning = el("p");
  warning.style.color = "var(--bad, firebrick)";
  warning.style.fontSize = "0.9rem";
  root.append(wiring, layer, dModel, heads, dff, nLayers, warning);
  const diagram = slot(root);
  const bars = slot(root);
  const markerId = `enc-arrow-${++uid}`;

  const render = () => {
    const s: LayerSettings = { pre: wiring.value === t.pre, decoder: layer.value === t.decoder, d: dModel.value, heads: heads.value, dff: dff.value };
    const model = layerModel(s, t);
    warning.textContent = model.divisible ? "" : t.notDivisible;
    const width = chartWidth();
    diagram(drawLayer(model, layoutLayer(model.nodes, width, s.decoder), s.d, markerId, t));
    bars(paramBars(s, nLayers.value, width, t));
  };
  for (const c of [wiring, layer, dModel, heads, dff, nLayers]) c.addEventListener("input", render);
  render();
  return root;
}
