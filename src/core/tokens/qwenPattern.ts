/**
 * Qwen's pre-tokenizer, from its `tokenization_qwen.py`:
 *
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 *
 * written for JavaScript: Node 20 has no inline `(?i:…)`, so the contractions spell out their case
 * variants (with `ſ`, which Unicode case folding matches to `s` in tiktoken's Rust regex), and `\s` becomes
 * `\p{White_Space}`, because JavaScript's `\s` adds U+FEFF and leaves out U+0085, unlike Rust's.
 * Digits are single pieces (`\p{N}`, not cl100k's `\p{N}{1,3}`), which is why Qwen counts every digit.
 */
const WS = '\\p{White_Space}';
export const QWEN_PATTERN =
  "'(?:[sSſ]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])" +
  '|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+' +
  '|\\p{N}' +
  `| ?[^${WS}\\p{L}\\p{N}]+[\\r\\n]*` +
  `|${WS}*[\\r\\n]+` +
  `|${WS}+(?!\\P{White_Space})` +
  `|${WS}+`;

/**
 * Qwen's control tokens, numbered from the end of the ranks in this order. Its tokenizer encodes their
 * surface forms in ordinary text as the control tokens (`allowed_special="all"`), so each counts as one.
 */
export const QWEN_SPECIAL_TOKENS: readonly string[] = [
  '<|endoftext|>',
  '<|im_start|>',
  '<|im_end|>',
  ...Array.from({ length: 205 }, (_, i) => `<|extra_${i}|>`),
];
