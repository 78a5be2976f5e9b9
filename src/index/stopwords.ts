// Function words and question scaffolding that carry no topic. Kept short on purpose: BM25's IDF already
// discounts frequent corpus words; this list removes words that are frequent in QUESTIONS (and so would
// otherwise look rare and informative against the statute corpus).
export const STOPWORDS = new Set(
  (
    '的 了 是 在 和 与 及 或 或者 以及 等 对 于 为 被 把 将 由 从 向 以 之 其 该 此 这 那 这个 那个 这些 那些 ' +
    '我 你 他 她 它 我们 你们 他们 自己 本人 人家 ' +
    '吗 呢 吧 啊 呀 么 嘛 哦 ' +
    '怎么 怎么办 怎样 怎么样 如何 什么 哪些 哪个 哪里 多少 几 是否 能否 可否 为什么 为何 请问 ' +
    '有 没有 有没有 会 能 可以 要 需要 应该 该怎么 吗？ 呢？ 一个 一下 还 也 都 就 又 再 才 ' +
    '时候 情况 问题 规定 法律 一般'
  ).split(/\s+/),
);
