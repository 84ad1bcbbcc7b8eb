"""Benchmark of `lesson7 wgan` on the offline digits: the issue-5 targets, measured along one run.

Trains the default CPU-sized WGAN in stages with `--resume` (so the metrics are measured every `--every` epochs of
one run) and prints a markdown table: epochs, generator steps, training seconds, Fréchet distance (and the untrained
generator's), class coverage, confident fraction. Targets: class_coverage 10, confident_fraction >= 0.6,
frechet_distance <= frechet_distance_untrained / 4, in about 15 minutes of training on 2 CPU cores.

    python bench/wgan.py --out runs/bench_wgan [--epochs 150 --every 25] [--threads 1] [extra `lesson7 wgan` flags as key=value]
"""
import argparse, json, time
import torch

ap = argparse.ArgumentParser()
ap.add_argument('--out', default='runs/bench_wgan'); ap.add_argument('--epochs', type=int, default=None)
ap.add_argument('--every', type=int, default=25); ap.add_argument('--threads', type=int, default=None)
ap.add_argument('--max-seconds', type=float, default=None, help='stop after the stage that passes this much training time')
ap.add_argument('opts', nargs='*', help='more wgan options, e.g. n_features=16 lr=5e-4')
a = ap.parse_args()
if a.threads: torch.set_num_threads(a.threads)
from lesson7.wgan import wgan, CPU_DEFAULTS
extra = {k: type(CPU_DEFAULTS.get(k, 0.0))(v) if k in CPU_DEFAULTS else float(v) for k, v in (o.split('=') for o in a.opts)}
total = a.epochs or extra.pop('epochs', None) or CPU_DEFAULTS['epochs']
rows, t0 = [], time.perf_counter()
for i, ep in enumerate(range(a.every, total + a.every, a.every)):
    m = wgan(out=a.out, epochs=min(ep, total), resume=i > 0, cpu=True, **extra)
    rows.append(m); print(json.dumps({k: m[k] for k in ('epochs', 'frechet_distance', 'class_coverage', 'confident_fraction', 'train_seconds')}), flush=True)
    if a.max_seconds and m['train_seconds'] >= a.max_seconds: break
print(f'\ntorch threads {torch.get_num_threads()}, wall {time.perf_counter() - t0:.0f}s, settings: n_features {m["n_features"]}, n_crit {m["n_crit"]}, clip {m["clip"]}, lr {m["lr"]}, bs {m["bs"]}\n')
print('| epochs | generator steps | train s | Fréchet | Fréchet untrained | ratio | class coverage | confident fraction |')
print('|---|---|---|---|---|---|---|---|')
for m in rows:
    print(f"| {m['epochs']} | {m['generator_steps']} | {m['train_seconds']:.0f} | {m['frechet_distance']:.2f} | {m['frechet_distance_untrained']:.2f} | "
          f"{m['frechet_distance'] / m['frechet_distance_untrained']:.3f} | {m['class_coverage']} | {m['confident_fraction']:.3f} |")
