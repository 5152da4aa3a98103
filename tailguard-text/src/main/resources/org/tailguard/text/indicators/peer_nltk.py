"""Python reference for Tailguard's text indicators (run by the system interpreter, never imported).

Input: a text file, one sequence per line, tokens separated by single spaces (an empty line is an empty
sequence). Output on stdout: "seconds <s>" (the timed loop only), then one number per line (repr, so it
reads back exactly).

  selfbleu FILE GRAM [INDICES]  NLTK sentence_bleu as Texygen's SelfBleu.get_bleu_parallel: each listed
                                hypothesis (all, or the 0-based indices in file INDICES, one per line)
                                against all other lines, uniform weights 1/GRAM, SmoothingFunction().method1
  rougel FILE                   ROUGE-L F (LCS table; P = l/|pred|, R = l/|target|, F = 2PR/(P+R), as the
                                rouge_score package, identical texts 1 as in diversity's homogenization)
                                for every pair i < j, row by row
  selfrep FILE N[,N...]         diversity.self_repetition_score of the lines as documents, one per N
  ngd FILE N[,N...]             diversity.ngram_diversity_score of the lines, one per N
"""
import math
import sys
import time
from collections import Counter

from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu
from nltk.util import ngrams


def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split(" ") if line.strip() else [] for line in f]


def self_bleu(lines, gram, indices):
    weight = tuple((1.0 / gram for _ in range(gram)))
    scores = []
    start = time.perf_counter()
    for index in indices:
        hypothesis = lines[index]
        other = lines[:index] + lines[index + 1:]
        scores.append(sentence_bleu(other, hypothesis, weight, smoothing_function=SmoothingFunction().method1))
    return time.perf_counter() - start, scores


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(target, prediction):
    if target == prediction:
        return 1.0
    if not target or not prediction:
        return 0.0
    l = lcs(target, prediction)
    p, r = l / len(prediction), l / len(target)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def self_repetition(docs, n):
    ngram_docs = [list(set(" ".join(g) for g in ngrams(d, n))) for d in docs]
    counts = Counter(sum(ngram_docs, []))
    total = 0
    for nd in ngram_docs:
        total += math.log(sum(counts[g] for g in nd) - len(nd) + 1)
    return total / len(docs)


def ngram_diversity(docs, n):
    data = " ".join(" ".join(d) for d in docs).split(" ")
    score = 0
    for i in range(1, n + 1):
        grams = list(ngrams(data, i))
        score += len(set(grams)) / len(grams)
    return score


def main():
    mode, path = sys.argv[1], sys.argv[2]
    lines = read(path)
    if mode == "selfbleu":
        gram = int(sys.argv[3])
        if len(sys.argv) > 4:
            with open(sys.argv[4], encoding="utf-8") as f:
                indices = [int(x) for x in f.read().split()]
        else:
            indices = range(len(lines))
        seconds, out = self_bleu(lines, gram, indices)
    elif mode == "rougel":
        start = time.perf_counter()
        out = [rouge_l(lines[i], lines[j]) for i in range(len(lines)) for j in range(i + 1, len(lines))]
        seconds = time.perf_counter() - start
    elif mode == "selfrep":
        start = time.perf_counter()
        out = [self_repetition(lines, int(n)) for n in sys.argv[3].split(",")]
        seconds = time.perf_counter() - start
    elif mode == "ngd":
        start = time.perf_counter()
        out = [ngram_diversity(lines, int(n)) for n in sys.argv[3].split(",")]
        seconds = time.perf_counter() - start
    else:
        raise SystemExit("unknown mode " + mode)
    sys.stdout.write("seconds %r\n" % seconds)
    sys.stdout.write("".join("%r\n" % float(x) for x in out))


if __name__ == "__main__":
    main()
