/**
 * Float64 LayerNorm (Ba et al. 2016) and RMSNorm (Zhang & Sennrich 2019) over the last
 * axis, with their VJPs. LayerNorm uses the biased variance (divide by d, as PyTorch's
 * nn.LayerNorm does) and puts ε inside the square root.
 */
import { nd, type NdArray } from "../engine/ndarray.js";

export interface NormGrads {
  x: NdArray;
  gamma: NdArray;
  beta?: NdArray;
}

/** Per row (fibre of the last axis): its mean and 1/√(var + ε), the two numbers both passes need. */
function rowStats(x: NdArray, eps: number, centred: boolean): { mean: Float64Array; inv: Float64Array } {
  const d = x.shape[x.shape.length - 1];
  const rows = x.data.length / d;
  const mean = new Float64Array(rows);
  const inv = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    if (centred) for (let j = 0; j < d; j++) m += x.data[r * d + j] / d;
    let v = 0;
    for (let j = 0; j < d; j++) v += (x.data[r * d + j] - m) ** 2 / d;
    mean[r] = m;
    inv[r] = 1 / Math.sqrt(v + eps);
  }
  return { mean, inv };
}

/** (x − mean)·r·γ + β, r = 1/√(var + ε); RMSNorm is the same without centring and without β. */
function normalise(x: NdArray, gamma: NdArray, beta: NdArray | undefined, eps: number, centred: boolean): NdArray {
  const d = x.shape[x.shape.length - 1];
  const { mean, inv } = rowStats(x, eps, centred);
  const y = nd(x.shape);
  for (let i = 0; i < x.data.length; i++) {
    const r = Math.floor(i / d);
    const j = i % d;
    y.data[i] = (x.data[i] - mean[r]) * inv[r] * gamma.data[j] + (beta ? beta.data[j] : 0);
  }
  return y;
}

export function layerNorm(x: NdArray, gamma: NdArray, beta: NdArray, eps = 1e-5): NdArray {
  return normalise(x, gamma, beta, eps, true);
}

export function rmsNorm(x: NdArray, gamma: NdArray, eps = 1e-6): NdArray {
  return normalise(x, gamma, undefined, eps, false);
}

/**
 * With x̂ = (x − μ)·r and g = c ⊙ γ: dx = r·(g − mean(g) − x̂·mean(g ⊙ x̂)) for LayerNorm;
 * without centring (RMSNorm, x̂ = x·r) the mean(g) term drops: dx = r·(g − x̂·mean(g ⊙ x̂)).
 * dγ = Σ_rows c ⊙ x̂, dβ = Σ_rows c.
 */
function normaliseVjp(x: NdArray, gamma: NdArray, c: NdArray, eps: number, centred: boolean): NormGrads {
  const d = x.shape[x.shape.length - 1];
  const rows = x.data.length / d;
  const { mean, inv } = rowStats(x, eps, centred);
  const dx = nd(x.shape);
  const dgamma = nd([d]);
  const dbeta = nd([d]);
  for (let r = 0; r < rows; r++) {
    let meanG = 0;
    let meanGx = 0;
    for (let j = 0; j < d; j++) {
      const i = r * d + j;
      const xhat = (x.data[i] - mean[r]) * inv[r];
      const g = c.data[i] * gamma.data[j];
      meanG += g / d;
      meanGx += (g * xhat) / d;
      dgamma.data[j] += c.data[i] * xhat;
      dbeta.data[j] += c.data[i];
    }
    for (let j = 0; j < d; j++) {
      const i = r * d + j;
      const xhat = (x.data[i] - mean[r]) * inv[r];
      const g = c.data[i] * gamma.data[j];
      dx.data[i] = inv[r] * (g - (centred ? meanG : 0) - xhat * meanGx);
    }
  }
  return centred ? { x: dx, gamma: dgamma, beta: dbeta } : { x: dx, gamma: dgamma };
}

export function layerNormVjp(x: NdArray, gamma: NdArray, c: NdArray, eps = 1e-5): NormGrads {
  return normaliseVjp(x, gamma, c, eps, true);
}

export function rmsNormVjp(x: NdArray, gamma: NdArray, c: NdArray, eps = 1e-6): NormGrads {
  return normaliseVjp(x, gamma, c, eps, false);
}
