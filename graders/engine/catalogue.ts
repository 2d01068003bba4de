/**
 * The message catalogue: every sentence the engine writes into a report, in English and
 * Chinese, keyed by where it is used (check, property kind, bug). `{name}` is a parameter
 * (i18n.ts fills it): an identifier, a shape, a number, or another message. Exercise texts
 * (case titles, bug titles and advice) live next to each grader, in graders/<id>/zh.ts.
 */
export const CATALOGUE = {
  // Where a case is and what a call was (messages.ts).
  "case.hidden": { en: "a hidden case", zh: "一个隐藏用例" },
  "case.label": { en: 'case "{id}" — {title}', zh: '用例 "{id}"——{title}' },
  "case.title.hidden": { en: "hidden case", zh: "隐藏用例" },
  "case.title.hidden-sweep": { en: "hidden sweep case", zh: "隐藏的扫描用例" },
  "case.sweep": { en: 'sweep #{k}, drawn like case "{id}"', zh: '扫描 #{k}，按用例 "{id}" 抽取' },
  "call.omitted": { en: "{name} omitted", zh: "{name} 省略" },
  "error.text": { en: "{name}: {message}", zh: "{name}: {message}" },
  "error.at-line": { en: "{error} (line {line})", zh: "{error}（第 {line} 行）" },
  "error.at-line-column": { en: "{error} (line {line}:{column})", zh: "{error}（第 {line} 行第 {column} 列）" },
  "where.colon": { en: "{where}: {text}", zh: "{where}：{text}" },
  "list.sep": { en: ", ", zh: "、" },
  "hidden.passes": { en: 'a hidden case drawn like "{id}" passes', zh: '按 "{id}" 抽取的隐藏用例通过' },
  "hidden.fails": {
    en: 'a hidden case drawn like "{id}" fails (hidden cases show no inputs or values)',
    zh: '按 "{id}" 抽取的隐藏用例未通过（隐藏用例不显示输入和数值）',
  },
  "hidden.gradient.passes": { en: 'the gradient on a hidden case drawn like "{id}" passes', zh: '按 "{id}" 抽取的隐藏用例上的梯度通过' },
  "hidden.gradient.fails": {
    en: 'the gradient on a hidden case drawn like "{id}" fails (hidden cases show no inputs or values)',
    zh: '按 "{id}" 抽取的隐藏用例上的梯度未通过（隐藏用例不显示输入和数值）',
  },
  "hidden.property.passes": { en: 'the property "{title}" holds on a hidden case drawn like "{id}"', zh: '性质"{title}"在按 "{id}" 抽取的隐藏用例上成立' },
  "hidden.property.fails": {
    en: 'the property "{title}" does not hold on a hidden case drawn like "{id}" (hidden cases show no inputs or values)',
    zh: '性质"{title}"在按 "{id}" 抽取的隐藏用例上不成立（隐藏用例不显示输入和数值）',
  },
  // A case's property checked again on a sweep draw of that case (sweep-properties.ts).
  "property.on-draw.title": { en: "{title} ({draw})", zh: "{title}（{draw}）" },
  "property.on-draw.message": { en: "{draw}: {message}", zh: "{draw}：{message}" },

  // Output checks (judge-output.ts).
  "output.title": { en: "{fn}: {case}", zh: "{fn}：{case}" },
  "output.not-implemented": {
    en: '{where} throws "not implemented" — the documented error comes from a real check',
    zh: '{where} 抛出了 "not implemented"：文档要求的错误必须来自真正的参数检查',
  },
  "output.library-threw": {
    en: "{where} failed inside TensorFlow.js ({error}) instead of rejecting the argument itself: check it and throw your own Error first",
    zh: "{where} 在 TensorFlow.js 内部出错（{error}），而不是由你的代码拒绝该参数：请先自行检查参数并抛出你自己的 Error",
  },
  "output.throws-as-required": { en: "{where} throws as required ({error})", zh: "{where} 按要求抛出了错误（{error}）" },
  "output.should-throw": {
    en: "{where} should throw an Error (see the contract), but it returned normally",
    zh: "{where} 应当抛出 Error（见接口约定），却正常返回了",
  },
  "output.threw": { en: "{where} threw {error}", zh: "{where} 抛出了 {error}" },
  "output.the-result": { en: "the result", zh: "结果" },
  "output.a-number": { en: "a number", zh: "一个数" },
  "output.a-tensor": { en: "a tensor of shape {shape}", zh: "形状为 {shape} 的张量" },
  "output.not-a": { en: "{where}: expected {label} to be {wanted}, got {got}", zh: "{where}：{label} 应当是{wanted}，实际得到 {got}" },
  "output.shape": { en: "{where}: {label} has shape {got}, expected {want}", zh: "{where}：{label} 的形状是 {got}，应为 {want}" },
  "output.dtype": { en: "{where}: {label} has dtype {got}, expected {want}", zh: "{where}：{label} 的 dtype 是 {got}，应为 {want}" },
  "output.wrong": {
    en: "{where}: {label} is wrong at {bad} of {n} elements; worst at {at}: expected {want}, got {got} (tolerance ±{bound} on {factor}the backend's atol {atol}, rtol {rtol})",
    zh: "{where}：{label} 在 {n} 个元素中有 {bad} 个错误；最大误差在 {at}：应为 {want}，实际为 {got}（容差 ±{bound}，基于{factor}后端的 atol {atol}、rtol {rtol}）",
  },
  "output.factor": { en: "{k}× ", zh: " {k}× " },
  "output.matches": { en: "{where}: matches the float64 reference", zh: "{where}：与 float64 参考实现一致" },
  "output.reference-failed": {
    en: "{where}: the reference failed ({error}); this is a grader bug",
    zh: "{where}：参考实现出错（{error}）；这是评分器自身的缺陷",
  },
  "bug.not-implemented": {
    en: 'The function still throws "not implemented": write its body.',
    zh: '该函数仍在抛出 "not implemented"：请写出函数体。',
  },
  "bug.wrong-dtype": {
    en: 'The values may be right, but the contract asks for a {want} tensor and {label} is {got}. Comparisons (tf.less, tf.greaterEqual…) return bool: convert with tf.cast(x, "{want}") before returning.',
    zh: '数值可能是对的，但接口约定要求 {want} 张量，而 {label} 是 {got}。比较运算（tf.less、tf.greaterEqual…）返回 bool：返回前用 tf.cast(x, "{want}") 转换。',
  },
  "bug.likely": { en: "Likely bug — {title}. {advice}", zh: "可能的错误：{title}。{advice}" },

  // Gradient checks (judge-gradient.ts).
  "gradient.title": { en: "{fn}: gradient, {case}", zh: "{fn}：梯度，{case}" },
  "gradient.where": { en: "{case}: gradient of Σ {of} ⊙ c", zh: "{case}：Σ {of} ⊙ c 的梯度" },
  "gradient.result": { en: "result", zh: "结果" },
  "gradient.forward-wrong": {
    en: "{where}: not checked, because the forward result is already wrong ({id})",
    zh: "{where}：未检查，因为前向结果已经错了（{id}）",
  },
  "gradient.grad-failed": { en: "{where}: tf.grad failed — {error}", zh: "{where}：tf.grad 失败：{error}" },
  "gradient.no-reference": {
    en: "{where}: the reference has no gradient for {leaf}; this is a grader bug",
    zh: "{where}：参考实现没有 {leaf} 的梯度；这是评分器自身的缺陷",
  },
  "gradient.none-back": { en: "{where}: no gradient came back for {leaf}", zh: "{where}：没有返回 {leaf} 的梯度" },
  "gradient.shape": { en: "{where}: d/d{leaf} has shape {got}, expected {want}", zh: "{where}：d/d{leaf} 的形状是 {got}，应为 {want}" },
  "gradient.wrong": {
    en: "{where}: d/d{leaf} is wrong at {bad} of {n} elements; worst at {at}: expected {want}, got {got} (tolerance ±{bound}).",
    zh: "{where}：d/d{leaf} 在 {n} 个元素中有 {bad} 个错误；最大误差在 {at}：应为 {want}，实际为 {got}（容差 ±{bound}）。",
  },
  "gradient.matches": {
    en: "{where}: gradients with respect to {leaves} match the reference VJP",
    zh: "{where}：对 {leaves} 的梯度与参考 VJP 一致",
  },
  "bug.wrong-gradient": {
    en: "The forward values are right, so look at a custom gradient (tf.customGrad) or at something that stops the gradient.",
    zh: "前向数值是对的，所以请检查自定义梯度（tf.customGrad），或是否有某一步截断了梯度。",
  },
  "bug.no-gradient-op": {
    en: "the op {op} has no gradient in TensorFlow.js, so tf.grad cannot pass through it: {fix}.",
    zh: "TensorFlow.js 中算子 {op} 没有梯度，tf.grad 无法穿过它：{fix}。",
  },
  "fix.einsum": {
    en: "use tf.matMul (with transposeB) or tf.mul + tf.sum instead of tf.einsum",
    zh: "用 tf.matMul（配合 transposeB）或 tf.mul + tf.sum 代替 tf.einsum",
  },
  "fix.comparison": {
    en: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
    zh: "用输入的掩码或普通算术构造掩码，不要对梯度路径上的张量做比较",
  },
  "fix.is-nan": { en: "avoid guards computed from the values being differentiated", zh: "不要用被求导的数值来计算保护条件" },
  "fix.other": { en: "replace it with differentiable ops", zh: "请改用可微的算子" },
  "bug.gradient-path-broken": {
    en: "the result does not depend on the input through tf ops, so no gradient flows: a dataSync()/arraySync() round trip or a tensor rebuilt from read-back numbers cuts the graph. Keep every step as a tf op.",
    zh: "结果不是通过 tf 算子依赖输入的，因此没有梯度流过：经由 dataSync()/arraySync() 读回再重建张量会切断计算图。每一步都要用 tf 算子完成。",
  },
  "bug.gradient-error": { en: "computing the gradient threw {error}", zh: "计算梯度时抛出了 {error}" },

  // Non-finite gradients (non-finite.ts).
  "bug.non-finite-gradient": {
    en: "The forward values are right but the gradient is not finite. {causes}",
    zh: "前向数值正确，但梯度不是有限值。{causes}",
  },
  "nonfinite.masked-row": {
    en: "This case has a row whose every key is masked. On the way back, the branch tf.where did not select (or a term multiplied by a 0 mask) gets a gradient of 0, and 0 · NaN is NaN: a NaN there — from −∞ − (−∞) with a −∞ fill, from exp of a huge shift, or from 0/(0 + ε) with an ε so tiny that ε² underflows — poisons the gradient although the forward value is 0. Keep every branch finite: fill with the most negative float32, not −∞, and divide by max(sum, 1e-12).",
    zh: "本用例中有一行的所有键都被屏蔽。反向传播时，tf.where 未选中的分支（或乘以 0 掩码的项）得到的梯度为 0，而 0 · NaN 仍是 NaN：那里的 NaN（来自用 −∞ 填充时的 −∞ − (−∞)、来自对巨大偏移取 exp，或来自 ε 小到 ε² 下溢的 0/(0 + ε)）会污染梯度，尽管前向值是 0。让每个分支都保持有限：用 float32 的最小负数而不是 −∞ 填充，并除以 max(sum, 1e-12)。",
  },
  "nonfinite.large-inputs": {
    en: "Its inputs reach ±{largest}: an exp taken before shifting by the maximum over the open entries — or on a branch that tf.where or a 0 mask then discards — overflows to ∞ in float32 (past 88.7), and the backward pass computes ∞ · 0 = NaN. Shift by the maximum before exp, and mask the scores before exp rather than the exponentials after.",
    zh: "它的输入达到 ±{largest}：如果在减去未屏蔽位置的最大值之前取 exp（或在随后被 tf.where 或 0 掩码丢弃的分支上取 exp），float32 会溢出为 ∞（超过 88.7），反向传播就会算出 ∞ · 0 = NaN。请在 exp 之前减去最大值，并在 exp 之前屏蔽分数，而不是在 exp 之后屏蔽指数值。",
  },
  "nonfinite.guard": {
    en: "Nothing in this case's inputs is extreme (no masked row, no large values), which points to a guard in the code: x / max(s, ε) or x / (s + ε) with a tiny ε (ε² underflows to 0 in float32, so the backward pass computes 0/0), or log(0) or sqrt(0), whose derivatives are infinite.",
    zh: "本用例的输入没有任何极端之处（没有全屏蔽的行，也没有很大的值），问题多半出在代码里的保护项：ε 极小的 x / max(s, ε) 或 x / (s + ε)（ε² 在 float32 中下溢为 0，反向传播便算出 0/0），或者导数为无穷大的 log(0)、sqrt(0)。",
  },

  // Known TensorFlow.js gaps (tfjs-gaps.ts).
  "bug.tfjs-split-one-piece": {
    en: "TensorFlow.js 4.22 cannot differentiate tf.split into a single piece (numOrSizeSplits = 1, e.g. one head): its gradient has nothing to concatenate. With one piece there is nothing to split — use the tensor itself (or tf.slice), and split only when there are two pieces or more.",
    zh: "TensorFlow.js 4.22 无法对切成一份的 tf.split（numOrSizeSplits = 1，例如只有一个头）求导：它的梯度没有可拼接的东西。只有一份时无需切分：直接使用张量本身（或 tf.slice），只在两份及以上时才用 split。",
  },
  "bug.tfjs-unstack-size-one": {
    en: "TensorFlow.js 4.22 cannot differentiate tf.unstack along an axis of size 1 (e.g. one head, or a batch of one): its gradient has nothing to stack. Use tf.squeeze(x, [axis]) for a size-1 axis, or tf.slice + tf.reshape, or keep the axis and work on it with broadcasting.",
    zh: "TensorFlow.js 4.22 无法对沿大小为 1 的轴（例如只有一个头，或批大小为 1）的 tf.unstack 求导：它的梯度没有可堆叠的东西。对大小为 1 的轴请用 tf.squeeze(x, [axis])，或 tf.slice + tf.reshape，或保留该轴并借助广播计算。",
  },
  "bug.tfjs-matmul-broadcast-gradient": {
    en: "TensorFlow.js 4.22's tf.matMul does not sum its gradient over a broadcast batch dimension: input '{input}' is [{inputShape}] but its gradient came out [{gradShape}]. This happens for x [b, L, d] · W [d, e] (or W [1, d, e]). Flatten the positions first — tf.reshape(x, [b·L, d]), one 2-D tf.matMul, tf.reshape back to [b, L, e] — or give both operands the same batch dimensions.",
    zh: "TensorFlow.js 4.22 的 tf.matMul 不会在被广播的批维度上对梯度求和：输入 '{input}' 的形状是 [{inputShape}]，它的梯度却是 [{gradShape}]。x [b, L, d] · W [d, e]（或 W [1, d, e]）时就会出现这种情况。请先把位置展平：tf.reshape(x, [b·L, d])，做一次二维 tf.matMul，再 tf.reshape 回 [b, L, e]；或者让两个操作数具有相同的批维度。",
  },
  "bug.tfjs-gather-negative-index": {
    en: "tf.gather does not count negative indices from the end as NumPy and PyTorch do: index {index} is refused (valid indices are 0 … {max}). Add the axis length to a negative index first (−1 → {max}).",
    zh: "tf.gather 不像 NumPy 和 PyTorch 那样把负索引解释为从末尾计数：索引 {index} 被拒绝（有效索引为 0 … {max}）。请先给负索引加上轴长（−1 → {max}）。",
  },

  // Whole-run checks (hygiene.ts).
  "hygiene.nothing-ran": { en: "nothing to check: no call returned a value", zh: "无可检查：没有任何调用返回值" },
  "exports.title": { en: "Exports follow the contract", zh: "导出符合接口约定" },
  "exports.ok": { en: "exports {names}", zh: "导出了 {names}" },
  "exports.missing": {
    en: "missing or not a function: {missing} — export them exactly as named in the contract",
    zh: "缺失或不是函数：{missing}。请严格按接口约定中的名称导出",
  },
  "exports.absent": { en: "absent", zh: "不存在" },
  "forbidden.title": { en: "Does not call {names}", zh: "不调用 {names}" },
  "forbidden.or": { en: " or ", zh: " 或 " },
  "forbidden.ok": { en: "no forbidden built-in was called", zh: "没有调用被禁止的内置函数" },
  "forbidden.used": {
    en: "the code calls {used} — the exercise is to build it from elementary ops",
    zh: "代码调用了 {used}：本练习要求用基本算子自己实现",
  },
  "bug.uses-builtin": {
    en: "Likely bug — calls {used}. Write it with tf.exp, tf.sum, tf.max and friends.",
    zh: "可能的错误：调用了 {used}。请用 tf.exp、tf.sum、tf.max 等基本算子来写。",
  },
  "inputs.title": { en: "Leaves its inputs alone", zh: "不改动输入" },
  "inputs.ok": { en: "no input was disposed or modified", zh: "没有释放或修改任何输入" },
  "inputs.disposed": { en: "disposed {names}", zh: "释放了 {names}" },
  "inputs.changed": { en: "changed {names} in place", zh: "原地修改了 {names}" },
  "inputs.and": { en: " and ", zh: "，并且" },
  "inputs.bad": { en: "the code {problems}: inputs belong to the caller", zh: "代码{problems}：输入属于调用者" },
  "leaks.title": { en: "No leaked tensors (warning only)", zh: "没有泄漏的张量（仅警告）" },
  "leaks.some": {
    en: "{leaked} tensor(s) leaked over {calls} calls: wrap intermediate work in tf.tidy (on a GPU, leaked tensors hold memory until the page closes)",
    zh: "{calls} 次调用共泄漏了 {leaked} 个张量：请把中间计算包在 tf.tidy 里（在 GPU 上，泄漏的张量会一直占用显存直到页面关闭）",
  },
  "leaks.none": { en: "no tensors leaked", zh: "没有张量泄漏" },
  "forged.title": { en: "Grading channel intact", zh: "评分通道完好" },
  "forged.message": {
    en: "{forged} message(s) from the submission's process were malformed or unsigned and were ignored",
    zh: "来自提交代码进程的 {forged} 条消息格式错误或未签名，已被忽略",
  },
  "not-allowed.title": { en: "Uses only what an exercise may use", zh: "只使用练习允许的内容" },
  "not-allowed.message": {
    en: "the code tried to reach {what} (refused), so no points are awarded for this file",
    zh: "代码试图访问 {what}（已拒绝），因此该文件不得分",
  },
  "bug.not-allowed": {
    en: "Not allowed — the code tried to reach {what}. An exercise file may use only @tensorflow/tfjs; remove that code.",
    zh: "不允许：代码试图访问 {what}。练习文件只能使用 @tensorflow/tfjs；请删除这段代码。",
  },
  "not-allowed.error": { en: "{what} is not allowed while grading", zh: "评分时不允许使用 {what}" },
  "not-allowed.import": {
    en: 'import of "{name}" (an exercise file may import only @tensorflow/tfjs)',
    zh: '导入 "{name}"（练习文件只能导入 @tensorflow/tfjs）',
  },
  "not-allowed.dynamic-import": { en: "dynamic import()", zh: "动态 import()" },
  "not-allowed.sep": { en: "; ", zh: "；" },

  // Classroom's second backend (cross-backend.ts).
  "backend.title": { en: "Same results on the {backend} backend", zh: "在 {backend} 后端上结果相同" },
  "backend.run-ended": { en: "On the {backend} backend: {summary}", zh: "在 {backend} 后端上：{summary}" },
  "backend.pass": { en: "On the {backend} backend, {cases} match the float64 reference too", zh: "在 {backend} 后端上，{cases} 也与 float64 参考实现一致" },
  "backend.fail": { en: "On the {backend} backend — {message}", zh: "在 {backend} 后端上：{message}" },
  "bug.backend-dependent": {
    en: "This case passes on {main} but not on {backend}: the code behaves differently per backend (a branch on tf.getBackend(), or a result that relies on one backend's kernels). Write it from tf ops that mean the same on every backend.",
    zh: "这个用例在 {main} 上通过，在 {backend} 上却没有通过：代码在不同后端上的行为不同（根据 tf.getBackend() 分支，或结果依赖于某个后端的内核）。请只用在所有后端上含义都相同的 tf 算子来写。",
  },

  // Why calls did not run, and the report's first line (summary.ts).
  "run.timeout": {
    en: "did not finish: the time limit of {seconds} s was reached (an infinite loop, or very slow code)",
    zh: "没有完成：达到了 {seconds} 秒的时间限制（死循环，或代码非常慢）",
  },
  "run.memory": {
    en: "the submission exceeded the memory limit of {mb} MB (a huge allocation?)",
    zh: "提交的代码超出了 {mb} MB 的内存限制（分配了巨大的内存？）",
  },
  "run.load-failed": { en: "the file failed to load: {error}", zh: "文件加载失败：{error}" },
  "run.failed": { en: "the run failed: {error}", zh: "运行失败：{error}" },
  "run.unknown-error": { en: "unknown error", zh: "未知错误" },
  "run.device-lost": {
    en: "the browser lost its WebGPU device while grading ({detail}). This is a failure of the GPU backend, not a verdict on your code: the grader has started a fresh one, so press Run again",
    zh: "浏览器在评分时丢失了 WebGPU 设备（{detail}）。这是 GPU 后端的故障，不是对你代码的评判：评分器已启动新的后端，请再次点击运行",
  },
  "run.crashed": {
    en: "the grading process ended before this check ran ({exit}) — exercise code must not end or break the process",
    zh: "评分进程在这项检查运行前就结束了（{exit}）：练习代码不得结束或破坏进程",
  },
  "run.no-exit-code": { en: "no exit code", zh: "没有退出码" },
  "run.did-not-run": { en: "this call did not run", zh: "这次调用没有运行" },
  "summary.pass": { en: "All {n} checks pass.", zh: "全部 {n} 项检查通过。" },
  "summary.not-allowed": { en: "Not allowed: {message}.", zh: "不允许：{message}。" },
  "summary.fail": { en: "{failed} of {n} checks fail. First: {message}", zh: "{n} 项检查中有 {failed} 项未通过。第一项：{message}" },
  "summary.timeout": { en: "Timeout: {why}.", zh: "超时：{why}。" },
  "summary.error": { en: "Error: {why}.", zh: "错误：{why}。" },

  // Properties (properties/*.ts): shared wording.
  "property.could-not-check": { en: "could not check: {why}", zh: "无法检查：{why}" },
  "property.did-not-run": {
    en: "the call did not run (time limit reached or the run ended early)",
    zh: "调用没有运行（达到时间限制，或运行提前结束）",
  },
  "property.call-threw": { en: "the call threw {name}: {message}", zh: "调用抛出了 {name}: {message}" },
  "property.returned": { en: "it returned {what}", zh: "它返回了 {what}" },
  "property.shapes-differ": { en: "{what}: shapes {a} and {b} differ", zh: "{what}：形状 {a} 与 {b} 不同" },
  "property.output-changed": { en: "{what}: at {at} the output changed from {from} to {to}", zh: "{what}：输出在 {at} 处从 {from} 变成了 {to}" },
  "property.shape-vs-input": {
    en: "the output shape {out} differs from the input's {input}",
    zh: "输出形状 {out} 与输入形状 {input} 不同",
  },
  "sums-to-one.pass": { en: "every slice along axis {axis} sums to 1", zh: "沿轴 {axis} 的每个切片之和都为 1" },
  "sums-to-one.fail": { en: "a slice along axis {axis} sums to {sum}, not 1", zh: "沿轴 {axis} 有一个切片之和为 {sum}，而不是 1" },
  "shift-invariant.what": { en: "adding {shift} to every logit", zh: "给每个 logit 加上 {shift}" },
  "shift-invariant.pass": { en: "adding {shift} to every logit leaves the output unchanged", zh: "给每个 logit 加上 {shift} 后输出不变" },
  "scale-invariant.what": { en: "multiplying {arg} by {factor}", zh: "将 {arg} 乘以 {factor}" },
  "scale-invariant.pass": { en: "multiplying {arg} by {factor} leaves the output unchanged", zh: "将 {arg} 乘以 {factor} 后输出不变" },
  "masked-exactly-zero.shape": {
    en: "the output shape {out} does not match the mask {mask}",
    zh: "输出形状 {out} 与掩码形状 {mask} 不一致",
  },
  "masked-exactly-zero.pass": { en: "every blocked key gets exactly 0 weight", zh: "每个被屏蔽的键的权重都恰好为 0" },
  "masked-exactly-zero.fail": {
    en: "{count} blocked position(s) get non-zero weight, e.g. {value} at flat index {index}; blocked keys must get exactly 0",
    zh: "{count} 个被屏蔽的位置得到了非零权重，例如扁平索引 {index} 处为 {value}；被屏蔽的键必须恰好得到 0",
  },
  "masked-values-ignored.what": { en: "changing only blocked {targets}", zh: "只改变被屏蔽的 {targets}" },
  "masked-values-ignored.pass": { en: "changing blocked {targets} changes nothing", zh: "改变被屏蔽的 {targets} 不影响输出" },
  "causal.leak": {
    en: "the output at position {row} ≤ {t} changed ({from} → {to}) when only inputs after position {t} changed: the future leaks into the past",
    zh: "只改变位置 {t} 之后的输入时，位置 {row} ≤ {t} 的输出发生了变化（{from} → {to}）：未来的信息泄漏到了过去",
  },
  "causal.pass": { en: "outputs at positions ≤ {t} do not depend on inputs after {t}", zh: "位置 ≤ {t} 的输出不依赖 {t} 之后的输入" },
  "causal.shape": { en: "the output shape changed when later inputs changed", zh: "改变后面的输入时，输出形状变了" },
  "norm-preserving.fail": {
    en: "row {row}: the norm changed from {from} to {to}; a rotation preserves norms",
    zh: "第 {row} 行：范数从 {from} 变成了 {to}；旋转应当保持范数不变",
  },
  "norm-preserving.pass": { en: "every row keeps its norm", zh: "每一行的范数都保持不变" },
  "identity-at-zero.fail": {
    en: "position 0 should not rotate (angle 0·θ = 0), but element {i} of row 0 changed from {from} to {to}",
    zh: "位置 0 不应旋转（角度 0·θ = 0），但第 0 行的第 {i} 个元素从 {from} 变成了 {to}",
  },
  "identity-at-zero.pass": { en: "position 0 is left unchanged", zh: "位置 0 保持不变" },
  "relative-position.pass": {
    en: "shifting every position by {shift} leaves every score ⟨R_m q, R_n k⟩ unchanged",
    zh: "把每个位置都平移 {shift} 后，每个分数 ⟨R_m q, R_n k⟩ 都不变",
  },
  "relative-position.fail": {
    en: "score {at} changed from {from} to {to} when both positions moved by {shift}: the score must depend only on n − m",
    zh: "两个位置都平移 {shift} 后，分数 {at} 从 {from} 变成了 {to}：分数只能依赖于 n − m",
  },
  "stepwise.shape": { en: "{what}: shape {got}, expected {want}", zh: "{what}：形状为 {got}，应为 {want}" },
  "stepwise.differs": { en: "{what}: at {at} {got} instead of {want}", zh: "{what}：在 {at} 处为 {got}，而不是 {want}" },
  "stepwise.step-failed": { en: "step {i} of {n}: {why}", zh: "第 {i} 步（共 {n} 步）：{why}" },
  "stepwise.row-differs": {
    en: "decoding one row at a time, step {i} (row {row}) differs from the one-shot call",
    zh: "逐行解码时，第 {i} 步（第 {row} 行）与一次性调用的结果不同",
  },
  "stepwise.could-not-compare": { en: 'could not compare "{field}": {why}', zh: '无法比较 "{field}"：{why}' },
  "stepwise.state-differs": {
    en: 'after {n} single steps, "{field}" differs from the one-shot call\'s',
    zh: '单步调用 {n} 次之后，"{field}" 与一次性调用的结果不同',
  },
  "stepwise.pass": {
    en: "{n} calls of one row each, every call continuing the previous one's state, give the one-shot call's rows and state",
    zh: "{n} 次各处理一行的调用（每次都接着上一次的状态）得到的行和状态与一次性调用相同",
  },
  "bounded.did-not-run": { en: "the call did not run", zh: "调用没有运行" },
  "bounded.advice": {
    en: "Keep one block of scores, [..., Lq, blockSize], at a time: the memory saving is the point of the tiling.",
    zh: "每次只保留一块分数 [..., Lq, blockSize]：节省内存正是分块的意义所在。",
  },
  "bounded.no-sizes": { en: "this backend did not report tensor sizes", zh: "该后端没有报告张量大小" },
  "bounded.full": {
    en: "B·Lq·Lk = {batch}·{lq}·{lk} = {limit} elements (the full score matrix of q {q} against k {k})",
    zh: "B·Lq·Lk = {batch}·{lq}·{lk} = {limit} 个元素（q {q} 对 k {k} 的完整分数矩阵）",
  },
  "bounded.pass": { en: "the largest tensor the call created has {largest} elements, below {full}", zh: "调用创建的最大张量有 {largest} 个元素，小于 {full}" },
  "bounded.fail": { en: "the call created a tensor of {largest} elements, at least {full}", zh: "调用创建了一个有 {largest} 个元素的张量，不小于 {full}" },
  "bug.full-score-matrix": { en: "Likely bug — the full score matrix is materialised. {advice}", zh: "可能的错误：生成了完整的分数矩阵。{advice}" },
  "offset-consistent.too-few": { en: "the longer table has shape [{shape}], too few rows", zh: "较长的表形状为 [{shape}]，行数不够" },
  "offset-consistent.what": { en: "moving the offset on by {shift}", zh: "把 offset 增加 {shift}" },
  "offset-consistent.pass": {
    en: "the table at offset + {shift} equals rows {shift}… of a longer table: positions are absolute",
    zh: "offset + {shift} 处的表等于更长的表的第 {shift} 行起的各行：位置是绝对的",
  },
  "peak-at-step.could-not-check": { en: "could not check at step {step}: {why}", zh: "无法在第 {step} 步检查：{why}" },
  "peak-at-step.rise": { en: "rise", zh: "上升" },
  "peak-at-step.fall": { en: "fall", zh: "下降" },
  "peak-at-step.fail": {
    en: "from step {from} to {to} the value goes {a} → {b}: it should {direction}, with the peak at step {step}",
    zh: "从第 {from} 步到第 {to} 步，数值变化为 {a} → {b}：它应当{direction}，峰值在第 {step} 步",
  },
  "peak-at-step.pass": { en: "the value rises up to step {step} and falls after it", zh: "数值一直上升到第 {step} 步，之后下降" },
  "dropout.kept-wrong": {
    en: "a kept unit is {got}; with x = {x} it should be x/(1 − rate) = {want} (relative tolerance {rtol})",
    zh: "一个保留的单元为 {got}；x = {x} 时它应为 x/(1 − rate) = {want}（相对容差 {rtol}）",
  },
  "dropout.unscaled": {
    en: "{unscaled} of {kept} kept units equal x instead of x/(1 − rate)",
    zh: "{kept} 个保留单元中有 {unscaled} 个等于 x，而不是 x/(1 − rate)",
  },
  "bug.no-scaling": { en: "Likely bug — kept units are not scaled. {advice}", zh: "可能的错误：保留的单元没有缩放。{advice}" },
  "dropout.advice.no-scaling": {
    en: "Inverted dropout divides the kept units by (1 − rate) at training time, so the expected output equals the input and nothing changes at inference.",
    zh: "倒置 dropout 在训练时把保留的单元除以 (1 − rate)，这样输出的期望等于输入，推理时无需任何改动。",
  },
  "dropout.advice.rate-as-keep": {
    en: "`rate` is the probability of dropping a unit (tf.dropout's and PyTorch's convention), not of keeping it: keep where u ≥ rate.",
    zh: "`rate` 是丢弃一个单元的概率（tf.dropout 和 PyTorch 的约定），不是保留的概率：在 u ≥ rate 的位置保留。",
  },
  "dropout.zero-share": {
    en: "{zeros} of {n} units are zero ({share}); with rate {rate} the share should be within {sigmas}σ = ±{bound} of {rate}",
    zh: "{n} 个单元中有 {zeros} 个为零（{share}）；rate 为 {rate} 时，这一比例应在 {rate} 的 {sigmas}σ = ±{bound} 范围内",
  },
  "dropout.keep-share": { en: "{msg} — it is close to 1 − rate instead", zh: "{msg}：它反而接近 1 − rate" },
  "bug.rate-as-keep": {
    en: "Likely bug — rate read as the keep probability. {advice}",
    zh: "可能的错误：把 rate 当成了保留概率。{advice}",
  },
  "dropout.biased": {
    en: "the output's mean is {my}, the input's {mx}: further apart than {sigmas}σ = {bound}, so dropout biases the activations",
    zh: "输出的均值为 {my}，输入的均值为 {mx}：两者相差超过 {sigmas}σ = {bound}，因此 dropout 使激活值产生了偏差",
  },
  "dropout.pass": {
    en: "zero share, kept values x/(1 − {rate}) and the mean all as inverted dropout with rate {rate} gives them ({sigmas}σ bounds)",
    zh: "零的比例、保留值 x/(1 − {rate}) 和均值都与 rate 为 {rate} 的倒置 dropout 一致（{sigmas}σ 范围）",
  },
  "same-mask.mask-varies": {
    en: "could not check: {why} (the mask depends on something besides the seed)",
    zh: "无法检查：{why}（掩码依赖于种子以外的东西）",
  },
  "same-mask.no-gradient": { en: "could not check: no gradient came back for {x}", zh: "无法检查：没有返回 {x} 的梯度" },
  "same-mask.shape": { en: "d/d{x} has shape {got}, expected {want}", zh: "d/d{x} 的形状是 {got}，应为 {want}" },
  "same-mask.dropped": { en: "dropped", zh: "被丢弃" },
  "same-mask.kept": { en: "kept (× {factor})", zh: "被保留（× {factor}）" },
  "same-mask.fail": {
    en: "element {i} was {what} in the forward pass, so its gradient should be {want}, but it is {got}",
    zh: "元素 {i} 在前向传播中{what}，因此它的梯度应为 {want}，实际却是 {got}",
  },
  "same-mask.pass": {
    en: "the gradient multiplies each unit by what the forward pass multiplied it by: the same mask",
    zh: "梯度对每个单元乘的系数与前向传播相同：使用的是同一个掩码",
  },
  "bug.mask-changes-in-backward": {
    en: "Likely bug — the backward pass uses a different mask than the forward pass. Draw the mask once and multiply by it (tf ops differentiate through the multiplication); a custom gradient must reuse the forward mask, not draw a new one.",
    zh: "可能的错误：反向传播使用的掩码与前向传播不同。只抽取一次掩码并乘上它（tf 算子会对乘法自动求导）；自定义梯度必须复用前向的掩码，而不是重新抽取。",
  },
  "bug.seed-ignored": {
    en: 'Likely bug — the seed is ignored. Pass options.seed to tf.randomUniform(x.shape, 0, 1, "float32", seed): a seeded call must be reproducible.',
    zh: '可能的错误：忽略了种子。把 options.seed 传给 tf.randomUniform(x.shape, 0, 1, "float32", seed)：带种子的调用必须可以复现。',
  },
  "seed.what": { en: "two calls with seed {seed}", zh: "两次使用种子 {seed} 的调用" },
  "seed.same-output": {
    en: "seeds {seed} and {other} give the same output: the mask does not depend on the seed",
    zh: "种子 {seed} 和 {other} 给出相同的输出：掩码不依赖于种子",
  },
  "seed.pass": {
    en: "seed {seed} reproduces its output exactly and seed {other} gives another",
    zh: "种子 {seed} 能精确复现其输出，而种子 {other} 给出不同的输出",
  },

  // The terminal's rendering of reports (cli/format.ts, cli/grade.ts).
  "cli.head.pass": { en: "PASS", zh: "通过" },
  "cli.head.fail": { en: "FAIL", zh: "未通过" },
  "cli.head.error": { en: "ERROR", zh: "出错" },
  "cli.head.timeout": { en: "TIMEOUT", zh: "超时" },
  "cli.points": { en: "{score}/{max} points", zh: "{score}/{max} 分" },
  "cli.printed": { en: "printed by the submission:", zh: "提交的代码打印的内容：" },
  "cli.more-lines": { en: "… {n} more lines", zh: "… 另有 {n} 行" },
  "cli.table.exercise": { en: "exercise", zh: "练习" },
  "cli.table.verdict": { en: "verdict", zh: "结果" },
  "cli.table.points": { en: "points", zh: "得分" },
  "cli.table.checks": { en: "checks", zh: "检查" },
  "cli.table.time": { en: "time", zh: "用时" },
  "cli.table.first-problem": { en: "first problem", zh: "第一个问题" },
  "cli.verdict.pass": { en: "pass", zh: "通过" },
  "cli.verdict.fail": { en: "fail", zh: "未通过" },
  "cli.verdict.error": { en: "error", zh: "出错" },
  "cli.verdict.timeout": { en: "timeout", zh: "超时" },
  "cli.all-pass": { en: "All exercises pass.", zh: "所有练习都通过了。" },
  "cli.see-one": {
    en: "Run `npm run grade -- <exercise>` for the details of one.",
    zh: "运行 `npm run grade -- <exercise>` 查看某个练习的详情。",
  },

  // What a class run writes for students (classroom/score.ts, outputs.ts, class-report.ts),
  // in the assignment's language.
  "classroom.missing": { en: "no {exercise}.ts was submitted", zh: "没有提交 {exercise}.ts" },
  "classroom.not-graded": { en: "not graded: {cause}", zh: "未评分：{cause}" },
  "classroom.why": { en: "{message} — {diagnosis}", zh: "{message}——{diagnosis}" },
  "classroom.link-nowhere": {
    en: "{shown} is a link that leads nowhere ({target} does not exist): only the student's own files are graded",
    zh: "{shown} 是一个指向不存在位置的链接（{target} 不存在）：只评学生自己的文件",
  },
  "classroom.link-outside": {
    en: "{shown} leads outside the student's folder (to {real}): only the student's own files are graded",
    zh: "{shown} 指向学生文件夹之外（{real}）：只评学生自己的文件",
  },
  "classroom.all-pass": { en: "all checks pass", zh: "所有检查都通过" },
  "classroom.logs-withheld": {
    en: "What the code printed is not shown: hidden cases ran in the same process, and printing their inputs would reveal them.",
    zh: "不显示代码打印的内容：隐藏用例在同一进程中运行，打印它们的输入会暴露隐藏用例。",
  },
  // The teacher's class report (class-report.ts), in the assignment's language.
  "report.title": { en: "{title}: class report", zh: "{title}：全班报告" },
  "report.overview": { en: "Overview", zh: "概览" },
  "report.overview.graded": {
    en: "{graded} students graded, {full} with full marks; mean {mean} / {max}, median {median} / {max}.",
    zh: "已评 {graded} 名学生，{full} 名满分；平均 {mean} / {max}，中位数 {median} / {max}。",
  },
  "report.overview.exercises": { en: "Exercises: {list}. Report written {at}.", zh: "练习：{list}。报告生成于 {at}。" },
  "report.overview.exercise": { en: "{id} ({points} points)", zh: "{id}（{points} 分）" },
  "report.distribution": { en: "Score distribution (after late deductions)", zh: "分数分布（已扣晚交分）" },
  "report.distribution.head": { en: "share of the maximum|students|", zh: "占满分的比例|学生数|" },
  "report.pass-rates": { en: "Pass rates: {exercise}", zh: "通过率：{exercise}" },
  "report.pass-rates.hidden": { en: "{id} (hidden draws)", zh: "{id}（隐藏抽样）" },
  "report.pass-rates.none": { en: "No submission of this exercise ran.", zh: "这个练习没有可运行的提交。" },
  "report.pass-rates.head": { en: "check|passed|ran|pass rate", zh: "检查|通过|运行|通过率" },
  "report.bugs": { en: "Most common diagnosed bugs", zh: "最常见的已诊断错误" },
  "report.bugs.none": { en: "No failing check matched a known bug.", zh: "没有未通过的检查对应到已知错误。" },
  "report.bugs.head": { en: "exercise|bug|students|diagnosis", zh: "练习|错误|学生数|诊断" },
  "report.late": { en: "Late submissions", zh: "晚交的提交" },
  "report.late.no-deadline": { en: "The assignment has no deadline.", zh: "这份作业没有截止时间。" },
  "report.none": { en: "None.", zh: "无。" },
  "report.late.head": { en: "student|submitted|source|days late|grade factor", zh: "学生|提交时间|时间来源|晚交天数|成绩系数" },
  "report.missing": { en: "Missing submissions", zh: "缺交" },
  "report.missing.roster": { en: "On the roster but no folder: {who}.", zh: "在名册上但没有文件夹：{who}。" },
  "report.missing.file": { en: "No {id}.ts: {who}.", zh: "没有 {id}.ts：{who}。" },
  "report.unknown-times": { en: "Unknown submission times", zh: "提交时间未知" },
  "report.unknown-times.text": {
    en: "No trustworthy time, so no late rule was applied: {who}.",
    zh: "没有可信的提交时间，因此未应用晚交规则：{who}。",
  },
  "report.problems": { en: "Runs that did not end normally", zh: "未正常结束的运行" },
  "report.problems.head": { en: "student|exercise|status|why", zh: "学生|练习|状态|原因" },
  "report.problems.skipped": { en: "skipped", zh: "已跳过" },

  // The terminal lines of `npm run grade -- --class` (graders/cli/class.ts), in the assignment's language.
  "class.graded": { en: "graded {student} ({done}/{total})", zh: "已评 {student}（{done}/{total}）" },
  "class.reused": { en: " (unchanged, reused)", zh: "（未改动，沿用）" },
  "class.interrupt": {
    en: "interrupted: writing what is finished (press Ctrl-C again to quit at once)",
    zh: "已中断：正在写出已完成的部分（再按一次 Ctrl-C 立即退出）",
  },
  "class.skipped": { en: "skipped", zh: "已跳过" },
  "class.grader-error": { en: "grader error", zh: "评分程序出错" },
  "class.time": { en: "time", zh: "时间" },
  "class.not-in-run": { en: "not in this run (--only, no cached grade)", zh: "不在本次运行中（--only，且没有缓存的成绩）" },
  "class.no-submission": { en: "no submission (on the roster, no folder)", zh: "未提交（在名册上，没有文件夹）" },
  "class.interrupted": {
    en: "{done} students finished and written to {out}; run the same command again to continue.",
    zh: "{done} 名学生已完成并写入 {out}；再次运行同一命令即可继续。",
  },
  "class.interrupted-word": { en: "interrupted", zh: "已中断" },
  "class.done": {
    en: "{students} students in {seconds} s ({graded} graded, {reused} unchanged and reused); ",
    zh: "{students} 名学生，用时 {seconds} 秒（评分 {graded} 名，{reused} 名未改动而沿用）；",
  },
  "class.full": { en: "{n} with full marks", zh: "{n} 名满分" },
  "class.not-ok": { en: "{n} not ok (see status)", zh: "{n} 名不正常（见 status 列）" },
  "class.no-students": {
    en: "{dir} has no student folders (one folder per student, with exercises/<id>.ts)",
    zh: "{dir} 中没有学生文件夹（每名学生一个文件夹，内含 exercises/<id>.ts）",
  },
  "class.no-students-word": { en: "no students", zh: "没有学生" },
  "class.problems": { en: "{n} student folder(s) or file(s) not graded", zh: "有 {n} 个学生文件夹或文件未评分" },
  "class.problems-hint": {
    en: "listed above; fix the cause and run again (finished students are reused).",
    zh: "见上方列表；解决问题后再次运行（已完成的学生会沿用）。",
  },

  // A run's status as students read it (the gradebook keeps the English words, for scripts).
  "classroom.status.grader error": { en: "grader error", zh: "评分程序出错" },
  "classroom.status.not allowed": { en: "not allowed", zh: "不允许" },
  "classroom.status.memory limit": { en: "memory limit", zh: "超出内存限制" },
  "classroom.status.timeout": { en: "timeout", zh: "超时" },
  "classroom.status.error": { en: "error", zh: "出错" },
  "classroom.status.missing": { en: "missing", zh: "未提交" },
  "classroom.status.ok": { en: "ok", zh: "正常" },
  "classroom.summary.not-graded": { en: "{title}: not graded", zh: "{title}：未评分" },
  "classroom.summary.machinery": {
    en: "The grading machinery failed (not a problem with your code):",
    zh: "评分程序出错（不是你的代码的问题）：",
  },
  "classroom.summary.head": { en: "{title}: {total} / {max} points", zh: "{title}：{total} / {max} 分" },
  "classroom.summary.columns": { en: "| exercise | points | status | checks lost |", zh: "| 练习 | 得分 | 状态 | 失分检查 |" },
  "classroom.summary.late": { en: "Submitted {days} day(s) late: grade × {factor}.", zh: "晚交 {days} 天：成绩 × {factor}。" },
  "classroom.summary.diagnosis": { en: "_Diagnosis:_ {diagnosis}", zh: "_诊断：_{diagnosis}" },
  "classroom.summary.more": { en: "… and {n} more", zh: "……另有 {n} 项" },
  "classroom.feedback.head": { en: "{title}: feedback for {student}", zh: "{title}：{student} 的反馈" },
  "classroom.feedback.points": { en: "{total} / {max} points", zh: "{total} / {max} 分" },
  "classroom.feedback.before-late": { en: " ({raw} before the late deduction)", zh: "（扣除晚交分前为 {raw}）" },
  "classroom.feedback.submitted": { en: "Submitted: {when}.", zh: "提交时间：{when}。" },
  "classroom.feedback.unknown-time": { en: "unknown", zh: "未知" },
  "classroom.feedback.late": { en: " {days} day(s) after the deadline: grade × {factor}.", zh: "截止后 {days} 天：成绩 × {factor}。" },
  "classroom.feedback.not-graded": {
    en: "Not graded yet: the grading machinery failed ({cause}). Your teacher will re-run it.",
    zh: "尚未评分：评分程序出错（{cause}）。老师会重新运行。",
  },
  "classroom.feedback.all-pass": { en: "Every check passes.", zh: "所有检查都通过。" },
  "classroom.feedback.cause": { en: "Likely cause: {diagnosis}", zh: "可能的原因：{diagnosis}" },
} as const satisfies Record<string, { en: string; zh: string }>;

export type CatalogueKey = keyof typeof CATALOGUE;
