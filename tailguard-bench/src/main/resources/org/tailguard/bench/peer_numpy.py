"""The NumPy peer of Tailguard's hot loops, vectorised across chains.

Run by org.tailguard.bench.PeerBenchmark with the system interpreter (/usr/bin/python3 and Debian's
python3-numpy). Reads one JSON object from argv[1], runs the loop once untimed on a few generations (so
that first-call costs are not timed), then times the full loop (wall clock by time.perf_counter(), CPU by
time.process_time()) and prints one JSON object: the NumPy version, the seconds the loop took, and each
chain's final statistics.

Both loops do generations + 1 draw-and-fit steps: step 0 draws the real sample from the true
distribution, as Tailguard's generation 0 does.
"""
import json
import sys
import time

import numpy as np


def gaussian(rng, chains, steps, m):
    """1-D Gaussian refitted by the unbiased estimator (Shumailov et al., Nature 2024, Thm 3.1)."""
    mu = np.zeros(chains)
    sigma = np.ones(chains)
    for _ in range(steps):
        x = mu[:, None] + sigma[:, None] * rng.standard_normal((chains, m))  # (chains, M)
        mu = x.mean(1)                                                      # (chains,)
        sigma = x.std(1, ddof=1)                                            # (chains,)
    return {"variance": sigma ** 2, "mean_sq_error": mu ** 2}


def categorical(rng, chains, steps, m, p0):
    """Categorical refitted by empirical frequencies: a Wright-Fisher chain (Seddik et al. 2024)."""
    p = np.broadcast_to(p0, (chains, p0.size))  # (chains, K)
    counts = None
    for _ in range(steps):
        counts = rng.multinomial(m, p)  # (chains, K)
        p = counts / m
    return {"support": (counts > 0).sum(1), "gini_simpson": 1.0 - (p ** 2).sum(1)}


def start(k, kind, beta):
    if kind == "uniform":
        return np.full(k, 1.0 / k)
    w = np.arange(1, k + 1, dtype=float) ** -beta  # Zipf: p_i proportional to i^-beta, i = 1..K
    return w / w.sum()


def main():
    cfg = json.loads(sys.argv[1])
    chains, steps, m = cfg["chains"], cfg["generations"] + 1, cfg["m"]
    if cfg["case"] == "gaussian":
        loop = lambda rng, n: gaussian(rng, chains, n, m)
    else:
        p0 = start(cfg["k"], cfg["start"], cfg["beta"])
        loop = lambda rng, n: categorical(rng, chains, n, m, p0)
    loop(np.random.default_rng(cfg["seed"] + 1), min(steps, cfg["warmup_generations"]))
    rng = np.random.default_rng(cfg["seed"])
    c0, t0 = time.process_time(), time.perf_counter()
    stats = loop(rng, steps)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "seconds": seconds,
        "cpu_seconds": cpu,
        "stats": {name: v.astype(float).tolist() for name, v in stats.items()},
    }))


if __name__ == "__main__":
    main()
