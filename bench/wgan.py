"""Benchmark of the WGAN recipe on the offline digits: the issue-5 metrics along one uninterrupted run.

Builds `lesson7 wgan`'s generator, critic, data, classifier and learner with its CPU defaults (or the settings given
as key=value) in the same order and with the same seeds, so the run is the command's run; trains without stopping
(the learning rate is constant, so the first 100 epochs of a 150-epoch run are a 100-epoch run), and every `--every`
epochs measures 1,000 samples against the held-out digits with the classifier the command would train. Prints a
markdown table: epochs, generator steps, training seconds, Fréchet distance (and its ratio to the untrained
generator's), class coverage, the count of the least-generated digit (50 of 1,000 is the 5% that counts a class as
covered), confident fraction. Targets: coverage 10, confident
fraction >= 0.6, Fréchet <= a quarter of the untrained generator's, in about 15 minutes on 2 CPU cores.

    python bench/wgan.py [--out runs/bench_wgan] [--every 25] [--threads N] [n_features=16 epochs=150 lr=5e-4 n_crit=2 clip=0.01]
"""
import argparse, json, time
from pathlib import Path

import torch
from fastai.callback.core import Callback

ap = argparse.ArgumentParser()
ap.add_argument('--out', default='runs/bench_wgan', help='where the classifier is trained once and reused')
ap.add_argument('--every', type=int, default=25); ap.add_argument('--threads', type=int, default=None)
ap.add_argument('--seed', type=int, default=42)
ap.add_argument('opts', nargs='*', help='recipe settings, e.g. n_features=16 epochs=150')
a = ap.parse_args()
if a.threads: torch.set_num_threads(a.threads)
from lesson7.core import set_seed
from lesson7.data import mnist_sample
from lesson7.wgan import CPU_DEFAULTS, _digit_data, _measure, get_classifier, wgan_learner, wgan_models

s = {**CPU_DEFAULTS, 'clip': 0.01}
for k, v in (o.split('=') for o in a.opts):
    if k not in s: raise SystemExit(f'{k}: not a setting; choose from {", ".join(s)}')
    s[k] = type(s[k])(v)
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
# the same calls in the same order as `lesson7 wgan --cpu --seed SEED`, so its runs are reproduced exactly
set_seed(a.seed); gen, crit = wgan_models(32, 1, s['n_features'])
digits, dls = _digit_data(mnist_sample(), 32, False, 64, torch.device('cpu'))
clf, desc = get_classifier(digits, None, out/f"classifier_seed{a.seed}_nf{s['n_features']}.pth")
print(f'measured with: {desc}', flush=True)
untrained = _measure(gen, digits, clf, 1000, a.seed, 32)

class Measure(Callback):
    "Measure the generator every `a.every` epochs (and after the last), outside the training clock."
    order = 70
    def before_fit(self): self.rows, self.secs = [], 0.
    def before_epoch(self): self.t0 = time.perf_counter()
    def after_epoch(self):
        self.secs += time.perf_counter() - self.t0
        ep = self.epoch + 1
        if ep % a.every and ep != self.n_epoch: return
        m = _measure(self.model.generator, digits, clf, 1000, a.seed, 32)
        row = dict(epochs=ep, generator_steps=len(self.gan_trainer.gen_losses), train_seconds=round(self.secs, 1), **m)
        self.rows.append(row); print(json.dumps(row), flush=True)

set_seed(a.seed + 1)
learn = wgan_learner(dls, gen, crit, n_crit=s['n_crit'], clip=s['clip'], cbs=[meter := Measure()])
t0 = time.perf_counter()
with learn.no_bar(), learn.no_logging(): learn.fit(s['epochs'], s['lr'])
fd0 = untrained['frechet_distance']
print(f"\ntorch threads {torch.get_num_threads()}, wall {time.perf_counter() - t0:.0f}s, settings {s}; untrained generator: "
      f"Fréchet {fd0:.2f}, coverage {untrained['class_coverage']}, confident {untrained['confident_fraction']:.3f}\n")
print('| epochs | generator steps | train s | Fréchet | ratio to untrained | classes covered | smallest class | confident ≥ 0.9 |')
print('|---|---|---|---|---|---|---|---|')
for r in meter.rows:
    print(f"| {r['epochs']} | {r['generator_steps']} | {r['train_seconds']:.0f} | {r['frechet_distance']:.2f} | "
          f"{r['frechet_distance'] / fd0:.3f} | {r['class_coverage']} | {min(r['class_counts'])} | {r['confident_fraction']:.3f} |")
